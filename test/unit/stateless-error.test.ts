import { afterEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { handleCallback } from '../../src/callback.js';
import { readCallbackResponse } from '../../src/core/callback-message.js';
import { channelName } from '../../src/core/response-listener.js';
import { button, endEvents, FIXTURES, mountWidget, recordEvents } from './element-helpers.js';

// league/oauth2-server 8 (Laravel Passport) redirects some errors, `invalid_scope` among them, without `state`.

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
});

const statelessError = { type: 'oauth-connect:callback', v: 1, params: { error: 'invalid_scope' } };

describe('the widget', () => {
  async function pendingAttempt() {
    const mounted = await mountWidget({ outcome: 'wait' });
    const log = recordEvents(mounted.element);
    await userEvent.click(button(mounted.element));
    const popup = mounted.popups[0];
    await expect.poll(() => popup.location.pathname).toBe('/test/fixtures/authorize.html');
    return { ...mounted, log, popup };
  }

  /** The next callback message this window receives: by then the widget, which listened first, had it too. */
  function nextCallbackMessage(): Promise<MessageEvent> {
    return new Promise((resolve) => {
      const listener = (event: MessageEvent) => {
        if (event.data?.type !== 'oauth-connect:callback') return;
        window.removeEventListener('message', listener);
        resolve(event);
      };
      window.addEventListener('message', listener);
    });
  }

  test("from the attempt's own popup, an error without state ends the attempt with it at once", async () => {
    const { element, log, popup, exchangeRequests } = await pendingAttempt();
    const sent = performance.now();
    popup.location.replace(`${FIXTURES}/callback.html?error=invalid_scope&error_description=Unknown+scope`);
    await expect.poll(() => endEvents(log).length).toBe(1);
    expect(performance.now() - sent).toBeLessThan(1000);
    expect(endEvents(log)[0]).toEqual({
      type: 'oauth-connect-error',
      detail: expect.objectContaining({ code: 'invalid_scope', source: 'provider', description: 'Unknown scope' }),
    });
    expect(element.status).toBe('error');
    await expect.element(page.getByRole('status')).not.toBeEmptyDOMElement();
    expect(exchangeRequests).toHaveLength(0);
    await expect.poll(() => popup.closed).toBe(true);
  });

  /**
   * The attempt's own popup then answers `access_denied` with the attempt's state: the first valid response wins,
   * so an end event naming it shows that nothing before had ended the attempt.
   */
  async function firstEndIsTheNextOne(popup: Window, log: ReturnType<typeof recordEvents>): Promise<void> {
    const state = new URL(popup.location.href).searchParams.get('state');
    popup.location.replace(`${FIXTURES}/callback.html?error=access_denied&state=${state}`);
    await expect.poll(() => endEvents(log).length).toBe(1);
    expect(endEvents(log)[0].detail).toMatchObject({ code: 'access_denied' });
  }

  test('from another window of the same origin, the same error is ignored', async () => {
    const { log, popup } = await pendingAttempt();
    const trigger = document.createElement('button');
    let other: Window | null = null;
    trigger.onclick = () => (other = window.open(`${FIXTURES}/callback.html?error=invalid_scope`, '_blank', 'popup'));
    document.body.append(trigger);
    const delivered = nextCallbackMessage();
    await userEvent.click(trigger);
    const event = await delivered;
    trigger.remove();
    expect(event.source).toBe(other);
    expect(event.data.params).toEqual({ error: 'invalid_scope' }); // the callback page did hand it over
    await firstEndIsTheNextOne(popup, log);
  });

  test('from another origin, or carrying a code, it is ignored', async () => {
    const { log, popup } = await pendingAttempt();
    const post = (data: unknown, origin = location.origin) =>
      window.dispatchEvent(new MessageEvent('message', { data, origin, source: popup }));
    post(statelessError, 'https://evil.test');
    post({ ...statelessError, params: { code: 'c0de' } });
    post({ ...statelessError, params: { code: 'c0de', error: 'invalid_scope' } });
    post({ ...statelessError, params: { error: 'invalid_scope', state: '' } });
    await firstEndIsTheNextOne(popup, log);
  });
});

test('broadcasts and stored responses still need the state: only a message from the popup may lack it', () => {
  expect(readCallbackResponse(statelessError)).toBeUndefined(); // as the channel and the redirect store read
  expect(readCallbackResponse(statelessError, false, true)).toEqual({ params: { error: 'invalid_scope' } });
  expect(readCallbackResponse({ ...statelessError, params: { code: 'c0de' } }, false, true)).toBeUndefined();
  const emptyState = { ...statelessError, params: { error: 'invalid_scope', state: '' } };
  expect(readCallbackResponse(emptyState, false, true)).toBeUndefined();
});

describe('the callback page', () => {
  /** A callback page at `query`, with `opener` (or none), a pending mark and a redirect record to be tempted by. */
  function callbackWindow(query: string, opener: { postMessage(message: unknown, origin: string): void } | null) {
    const navigations: string[] = [];
    const win = {
      location: Object.assign(new URL(`https://app.test/cb${query}`), {
        replace: (url: string) => navigations.push(url),
      }),
      history: { state: null, replaceState: () => {} },
      opener,
      document: document.implementation.createHTMLDocument(),
      close: () => {},
      addEventListener: () => {},
      localStorage: { 'oauth-connect:pending:undefined': '1' },
      sessionStorage: { 'oauth-connect:redirect': JSON.stringify({ returnUrl: 'https://app.test/start' }) },
    };
    return { win: win as unknown as Window, navigations };
  }

  test('hands an error without state to its opener, and only the error', () => {
    const posts: unknown[] = [];
    const query = '?error=invalid_scope&error_description=Unknown&hint=Check+the+scope&message=Unknown';
    const { win } = callbackWindow(query, { postMessage: (message) => posts.push(message) });
    expect(handleCallback({ window: win })).toBe('posted');
    expect(posts[0]).toEqual({
      type: 'oauth-connect:callback',
      v: 1,
      params: { error: 'invalid_scope', error_description: 'Unknown' },
      redirect_uri: 'https://app.test/cb',
    });
  });

  test.each(['?code=c0de', '?code=c0de&error=invalid_scope', '?code=&error=invalid_scope', '?error=x&state='])(
    'hands %s to no one',
    (query) => {
      const posts: unknown[] = [];
      const { win } = callbackWindow(query, { postMessage: (message) => posts.push(message) });
      expect(handleCallback({ window: win })).toBe('no_response');
      expect(posts).toEqual([]);
    },
  );

  test('without an opener, an error without state is neither broadcast nor carried back by a redirect', async () => {
    const { win, navigations } = callbackWindow('?error=invalid_scope', null);
    const channel = new BroadcastChannel(channelName('undefined'));
    const sender = new BroadcastChannel(channelName('undefined'));
    const heard: unknown[] = [];
    // A sentinel sent after the callback ran arrives after anything the callback sent.
    const done = new Promise<void>((resolve) => {
      channel.onmessage = (event) => (event.data === 'sentinel' ? resolve() : heard.push(event.data));
    });
    try {
      expect(handleCallback({ window: win })).toBe('no_opener');
      sender.postMessage('sentinel');
      await done;
      expect(heard).toEqual([]);
      expect(navigations).toEqual([]);
      expect(win.sessionStorage).not.toHaveProperty(['oauth-connect:redirect-response']);
      expect(win.document.body.textContent).toMatch(/Nothing is waiting for this page/);
    } finally {
      [channel, sender].forEach((each) => each.close());
    }
  });
});
