import { afterEach, describe, expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { OAuthConnectElement } from '../../src/oauth-connect.js';
import {
  FIXTURES,
  button,
  disconnectButton,
  endEvents,
  mountWidget,
  nextEvent,
  recordEvents,
} from './element-helpers.js';

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
});

describe('<oauth-connect> creation', () => {
  test('creates from document.createElement', () => {
    expect(document.createElement('oauth-connect')).toBeInstanceOf(OAuthConnectElement);
  });

  test('creates from the constructor', () => {
    expect(new OAuthConnectElement().localName).toBe('oauth-connect');
  });

  test('a second registration attempt does not throw', async () => {
    // A query string makes the browser evaluate the module a second time, as a second script would.
    await expect(import(/* @vite-ignore */ `../../src/define.ts?again=${Date.now()}`)).resolves.toBeDefined();
    expect(customElements.get('oauth-connect')).toBe(OAuthConnectElement);
  });

  test('attributes set their camelCase properties', async () => {
    const { element } = await mountWidget({ attributes: { 'popup-width': '420', 'exchange-credentials': 'include' } });
    expect(element.popupWidth).toBe(420);
    expect(element.exchangeCredentials).toBe('include');
  });

  test('a bare <oauth-connect> keeps only the attributes its author wrote, even after properties change', async () => {
    const element = document.createElement('oauth-connect');
    element.setAttribute('client-id', 'mine');
    document.body.append(element);
    await element.updateComplete;
    expect(element.getAttributeNames()).toEqual(['client-id']);
    element.messageOrigins = 'https://a.test';
    element.scope = 'openid';
    element.timeout = 5;
    await element.updateComplete;
    expect(element.getAttributeNames()).toEqual(['client-id']);
  });

  test('properties read the README defaults until set, and again once an attribute is removed', async () => {
    const element = document.createElement('oauth-connect');
    document.body.append(element);
    await element.updateComplete;
    expect({
      display: element.display,
      pkce: element.pkce,
      responseMode: element.responseMode,
      popupWidth: element.popupWidth,
      popupHeight: element.popupHeight,
      timeout: element.timeout,
      fallback: element.fallback,
      exchangeCredentials: element.exchangeCredentials,
      exchangeTimeout: element.exchangeTimeout,
      disabled: element.disabled,
      askInstance: element.askInstance,
      connected: element.connected,
      authorizeUrl: element.authorizeUrl,
    }).toEqual({
      display: 'popup',
      pkce: 'S256',
      responseMode: 'query',
      popupWidth: 500,
      popupHeight: 650,
      timeout: 600,
      fallback: 'none',
      exchangeCredentials: 'same-origin',
      exchangeTimeout: 30,
      disabled: false,
      askInstance: false,
      connected: false,
      authorizeUrl: '',
    });
    element.setAttribute('timeout', '5');
    element.display = '';
    expect([element.timeout, element.display]).toEqual([5, '']);
    element.removeAttribute('timeout');
    expect(element.timeout).toBe(600);
    // Another element's settings are its own: the defaults live on no instance.
    expect(document.createElement('oauth-connect').display).toBe('popup');
  });

  test('only disabled and status reflect, status once an attempt has changed it', async () => {
    const { element } = await mountWidget({ attributes: { pkce: 'plain' } });
    expect(element.hasAttribute('status')).toBe(false);
    element.disabled = true;
    await element.updateComplete;
    expect(element.hasAttribute('disabled')).toBe(true);
    element.disabled = false;
    await element.updateComplete;
    expect(element.hasAttribute('disabled')).toBe(false);
    await element.connect().catch(() => {});
    await element.updateComplete;
    expect(element.getAttribute('status')).toBe('error');
  });
});

describe('OAuthConnectElement.define', () => {
  test('defining the same class under its tag again is harmless and silent', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(() => OAuthConnectElement.define()).not.toThrow();
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  test('another class holding the tag stays, with a warning', () => {
    const tag = `taken-${Date.now()}`;
    class Other extends HTMLElement {}
    customElements.define(tag, Other);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(() => OAuthConnectElement.define(tag)).not.toThrow();
    expect(customElements.get(tag)).toBe(Other);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`<${tag}> is already defined by another class`));
    warn.mockRestore();
  });

  test('any other failure is thrown: an invalid tag name', () => {
    class Sub extends OAuthConnectElement {}
    expect(() => Sub.define('NoDash')).toThrow(DOMException);
  });

  test('a subclass registers under its own tag and registry', () => {
    class Sub extends OAuthConnectElement {}
    const tag = `sub-connect-${Date.now()}`;
    Sub.define(tag);
    expect(document.createElement(tag)).toBeInstanceOf(Sub);
  });
});

describe('<oauth-connect> view', () => {
  test('is a real button named by its label and provider', async () => {
    const { element } = await mountWidget({ attributes: { provider: 'Kanka' } });
    await expect.element(page.getByRole('button', { name: 'Connect with Kanka' })).toBeVisible();
    element.label = 'Link';
    await expect.element(page.getByRole('button', { name: 'Link with Kanka' })).toBeVisible();
  });

  test('slotted content replaces the label', async () => {
    const { element } = await mountWidget();
    element.innerHTML = '<b>Sign in with Gancio</b>';
    await expect.element(page.getByRole('button', { name: 'Sign in with Gancio' })).toBeVisible();
  });

  test('disabled disables the button', async () => {
    await mountWidget({ attributes: { disabled: '' } });
    await expect.element(page.getByRole('button', { name: 'Connect' })).toBeDisabled();
  });

  test('inside a form, neither its buttons nor Enter in its field submit the form', async () => {
    const form = document.createElement('form');
    form.innerHTML = '<button>Save</button>';
    const submits: string[] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submits.push((event as SubmitEvent).submitter?.textContent ?? 'Enter');
    });
    document.body.append(form);
    try {
      const { element } = await mountWidget({ outcome: 'wait', parent: form, attributes: { 'ask-instance': '' } });
      await userEvent.type(page.getByLabelText('Your server'), 'events.example{Enter}');
      await expect.poll(() => element.status).toBe('authorizing');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await userEvent.click(button(element)); // Connect
      await expect.poll(() => element.status).toBe('authorizing');
      element.abort();
      element.connected = true;
      await element.updateComplete;
      await userEvent.click(disconnectButton(element));
      await expect.poll(() => element.connected).toBe(false);
      expect(submits).toEqual([]);
      await userEvent.click(page.getByRole('button', { name: 'Save' })); // the form's own button does submit it
      expect(submits).toEqual(['Save']);
    } finally {
      form.remove();
    }
  });

  test('bad configuration is invalid_config naming the attribute; the user is told it is not set up', async () => {
    const { element } = await mountWidget({ attributes: { pkce: 'plain' } });
    const error = nextEvent(element, 'oauth-connect-error');
    await userEvent.click(button(element));
    expect((await error).detail).toMatchObject({ code: 'invalid_config', message: expect.stringContaining('"pkce"') });
    expect(element.status).toBe('error');
    await expect.element(page.getByRole('status')).toHaveTextContent('This button is not set up correctly.');
  });
});

describe('<oauth-connect> popup', () => {
  test('opens the popup at the final authorize URL synchronously inside the click, before any await', async () => {
    const { element, popups } = await mountWidget({ outcome: 'wait', attributes: { scope: 'openid' } });
    const opened: string[] = [];
    element.openPopup = (url) => (opened.push(url), null);
    button(element).click(); // dispatches and runs the handler synchronously
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0]);
    expect(url.origin + url.pathname).toBe(`${FIXTURES}/authorize.html`);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(popups).toHaveLength(0);
  });

  test('two attempts never share a state, a verifier or a challenge', async () => {
    const { element } = await mountWidget({ attributes: { scope: 'openid' } });
    const log = recordEvents(element);
    for (let attempt = 0; attempt < 2; attempt++) {
      const success = nextEvent(element, 'oauth-connect-success');
      await userEvent.click(button(element));
      await success;
      await element.updateComplete; // a success leaves it connected: the user disconnects first
      await userEvent.click(disconnectButton(element));
    }
    const starts = log
      .filter(({ type }) => type === 'oauth-connect-start')
      .map(({ detail }) => new URL(detail.authorizeUrl));
    const codes = log.filter(({ type }) => type === 'oauth-connect-code').map(({ detail }) => detail);
    const [first, second] = starts.map((url) => url.searchParams);
    expect(first.get('state')).not.toBe(second.get('state'));
    expect(first.get('code_challenge')).not.toBe(second.get('code_challenge'));
    expect(first.get('nonce')).not.toBe(second.get('nonce'));
    expect(codes[0].codeVerifier).not.toBe(codes[1].codeVerifier);
    expect(codes.map(({ state }) => state)).toEqual([first.get('state'), second.get('state')]);
  });

  test('with start-url the popup opens blank: the backend builds the URL after the click', async () => {
    const { element } = await mountWidget({ attributes: { 'start-url': '/start' } });
    const opened: string[] = [];
    element.openPopup = (url) => (opened.push(url), null);
    button(element).click();
    expect(opened).toEqual(['about:blank']);
  });

  test('without a user gesture the popup blocker answers: popup_blocked, and the button stays usable', async () => {
    const { element } = await mountWidget();
    const log = recordEvents(element);
    // An earlier test's real click may have left transient activation: opening a popup consumes it.
    if (navigator.userActivation.isActive) window.open('about:blank', '_blank', 'popup')?.close();
    expect(navigator.userActivation.isActive).toBe(false);
    button(element).click();
    await expect.poll(() => log.length).toBe(1);
    expect(log[0]).toMatchObject({ type: 'oauth-connect-error', detail: { code: 'popup_blocked' } });
    expect(button(element).disabled).toBe(false);
    await userEvent.click(button(element));
    await expect.poll(() => element.status).toBe('connected');
  });

  test('a full attempt: start, code, exchange, success, popup closed', async () => {
    const { element, popups, exchangeRequests } = await mountWidget({ attributes: { provider: 'Test ID' } });
    const log = recordEvents(element);
    const success = nextEvent(element, 'oauth-connect-success');
    await userEvent.click(button(element));
    expect(element.status).toBe('authorizing');
    expect((await success).detail).toEqual({ response: { connected: true }, status: 200 });
    expect(log.map(({ type }) => type)).toEqual(['oauth-connect-start', 'oauth-connect-code', 'oauth-connect-success']);
    const authorizeUrl = new URL(log[0].detail.authorizeUrl);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(log[1].detail).toMatchObject({
      state: authorizeUrl.searchParams.get('state'),
      codeVerifier: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(exchangeRequests).toHaveLength(1);
    expect(JSON.parse(exchangeRequests[0].init!.body as string)).toMatchObject({
      code: log[1].detail.code,
      provider: 'Test ID',
    });
    await expect.poll(() => popups[0].closed).toBe(true);
    expect(element.status).toBe('connected');
  });

  test('preventDefault on oauth-connect-code skips the exchange and still ends the attempt', async () => {
    const { element, exchangeRequests } = await mountWidget();
    element.addEventListener('oauth-connect-code', (event) => event.preventDefault());
    const success = nextEvent(element, 'oauth-connect-success');
    await userEvent.click(button(element));
    expect((await success).detail).toEqual({ response: null, status: null });
    expect(exchangeRequests).toHaveLength(0);
  });

  test('the provider refusing is its own error, told to the user without markup, nothing exchanged', async () => {
    const { element, exchangeRequests } = await mountWidget({ outcome: 'denied' });
    const error = nextEvent(element, 'oauth-connect-error');
    await userEvent.click(button(element));
    expect((await error).detail).toMatchObject({
      code: 'access_denied',
      description: '<img src=x onerror="window.hacked=1">The user said no', // for the developer, never shown
      uri: 'https://provider.test/errors/denied',
    });
    expect(exchangeRequests).toHaveLength(0);
    await expect.element(page.getByRole('status')).toHaveTextContent('Access was not granted.');
    expect(element.shadowRoot!.querySelector('img')).toBeNull();
    expect((window as { hacked?: number }).hacked).toBeUndefined();
  });

  test('a second click while pending focuses the open popup instead of opening another', async () => {
    const { element, popups } = await mountWidget({ outcome: 'wait' });
    await userEvent.click(button(element));
    await userEvent.click(button(element));
    expect(popups).toHaveLength(1);
    element.abort();
  });

  test('closing the popup ends the attempt as cancel within a second', async () => {
    const { element, popups, exchangeRequests } = await mountWidget({ outcome: 'wait' });
    const log = recordEvents(element);
    await userEvent.click(button(element));
    await expect.poll(() => popups[0].location.pathname).toBe('/test/fixtures/authorize.html');
    await new Promise((resolve) => setTimeout(resolve, 800)); // the user sees the page before closing it
    popups[0].close();
    const closedAt = performance.now();
    await expect.poll(() => endEvents(log).length, { timeout: 2000 }).toBe(1);
    expect(performance.now() - closedAt).toBeLessThan(1000);
    expect(endEvents(log)[0]).toEqual({ type: 'oauth-connect-cancel', detail: { reason: 'popup_closed' } });
    expect(element.status).toBe('idle');
    expect(exchangeRequests).toHaveLength(0);
  });

  test('a popup closed before it ever showed a page is severed (COOP): still pending, with Cancel', async () => {
    const { element, popups } = await mountWidget({ outcome: 'wait' });
    const log = recordEvents(element);
    await userEvent.click(button(element));
    popups[0].close(); // before the provider page loaded: what a COOP severance looks like
    await expect
      .element(page.getByRole('status'))
      .toHaveTextContent('Finish signing in to the provider in the other window, or cancel.');
    expect(endEvents(log)).toEqual([]);
    expect(element.status).toBe('authorizing');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(endEvents(log)).toEqual([{ type: 'oauth-connect-cancel', detail: { reason: 'aborted' } }]);
  });

  test('abort() and the visible Cancel button close the popup and cancel once', async () => {
    const { element, popups } = await mountWidget({ outcome: 'wait' });
    const log = recordEvents(element);
    await userEvent.click(button(element));
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(endEvents(log)).toEqual([{ type: 'oauth-connect-cancel', detail: { reason: 'aborted' } }]);
    expect(popups[0].closed).toBe(true);
    element.abort();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(endEvents(log)).toHaveLength(1);
  });

  test('timeout ends a pending attempt with a timeout error', async () => {
    const { element, popups } = await mountWidget({ outcome: 'wait', attributes: { timeout: '1' } });
    const error = nextEvent(element, 'oauth-connect-error');
    await userEvent.click(button(element));
    expect((await error).detail.code).toBe('timeout');
    expect(popups[0].closed).toBe(true);
  });

  test('connect() resolves with the success detail and rejects with the error', async () => {
    const ok = await mountWidget();
    const result = new Promise((resolve) =>
      button(ok.element).addEventListener('click', () => resolve(ok.element.connect()), { once: true }),
    );
    await userEvent.click(button(ok.element));
    await expect(result).resolves.toEqual({ response: { connected: true }, status: 200 });

    const failing = await mountWidget({ respond: () => new Response('nope', { status: 502 }) });
    const rejection = new Promise((resolve) =>
      button(failing.element).addEventListener('click', () => resolve(failing.element.connect().catch((e) => e)), {
        once: true,
      }),
    );
    await userEvent.click(button(failing.element));
    expect(await rejection).toMatchObject({ name: 'OAuthConnectError', code: 'exchange_failed', status: 502 });
  });
});
