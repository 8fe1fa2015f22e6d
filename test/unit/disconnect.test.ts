import { afterEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { disconnectButton, focusedPart, mountWidget, nextEvent, recordEvents } from './element-helpers.js';

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
  document.querySelector('meta[name="csrf-token"]')?.remove();
});

/** A connected widget for `dana` whose backend answers `respond`; its requests are recorded. */
function connectedWidget(attributes: Record<string, string> = {}, respond?: () => Response | Promise<Response>) {
  return mountWidget({
    attributes: { connected: '', account: 'dana', provider: 'Kanka', ...attributes },
    respond: respond ?? (() => Response.json({ disconnected: true })),
  });
}

function withCsrfMeta(token = 'page-token') {
  const meta = document.createElement('meta');
  meta.name = 'csrf-token';
  meta.content = token;
  document.head.append(meta);
}

describe('the oauth-connect-disconnect event', () => {
  test('goes out first, cancelable, bubbling and composed, with the account', async () => {
    const { element } = await connectedWidget();
    const asked = nextEvent(document, 'oauth-connect-disconnect');
    await userEvent.click(disconnectButton(element));
    const event = await asked;
    expect(event.detail).toEqual({ account: 'dana' });
    expect([event.bubbles, event.composed, event.cancelable]).toEqual([true, true, true]);
  });

  test('preventDefault keeps it connected and sends nothing', async () => {
    const { element, exchangeRequests } = await connectedWidget({ 'disconnect-url': '/disconnect' });
    element.addEventListener('oauth-connect-disconnect', (event) => event.preventDefault());
    await userEvent.click(disconnectButton(element));
    await element.updateComplete;
    expect(element.connected).toBe(true);
    expect(element.status).toBe('connected');
    expect(exchangeRequests).toEqual([]);
  });

  test('without disconnect-url it goes back to idle at once, focus on Connect, nothing sent', async () => {
    const { element, exchangeRequests } = await connectedWidget();
    const log = recordEvents(element);
    await userEvent.click(disconnectButton(element));
    await element.updateComplete;
    expect([element.connected, element.account, element.status]).toEqual([false, undefined, 'idle']);
    expect(focusedPart(element)).toBe('button');
    await expect.element(page.getByRole('button', { name: 'Connect with Kanka' })).toBeVisible();
    expect(exchangeRequests).toEqual([]);
    expect(log).toEqual([]);
  });
});

describe('disconnect-url', () => {
  test('POSTs { provider, account } as JSON with the CSRF token and credentials mode, then shows Connect', async () => {
    withCsrfMeta();
    const { element, exchangeRequests } = await connectedWidget({
      'disconnect-url': '/oauth/disconnect',
      'exchange-credentials': 'include',
    });
    await userEvent.click(disconnectButton(element));
    await expect.poll(() => focusedPart(element)).toBe('button');
    expect(exchangeRequests).toHaveLength(1);
    const [{ url, init }] = exchangeRequests;
    expect(url).toBe(new URL('/oauth/disconnect', document.baseURI).href);
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-TOKEN': 'page-token' },
    });
    expect(JSON.parse(init!.body as string)).toEqual({ provider: 'Kanka', account: 'dana' });
    expect([element.connected, element.account, element.status]).toEqual([false, undefined, 'idle']);
  });

  test('while it runs: Disconnecting…, the button busy, a second click sends nothing more', async () => {
    let answer = (_: Response) => {};
    const { element, exchangeRequests } = await connectedWidget({ 'disconnect-url': '/d' }, () => {
      return new Promise<Response>((resolve) => (answer = resolve));
    });
    await userEvent.click(disconnectButton(element));
    await expect.element(page.getByRole('status')).toHaveTextContent('Disconnecting…');
    expect(disconnectButton(element).getAttribute('aria-busy')).toBe('true');
    expect(element.status).toBe('connected');
    await userEvent.click(disconnectButton(element));
    expect(exchangeRequests).toHaveLength(1);
    answer(new Response(null, { status: 204 })); // no body: still done
    await expect.poll(() => focusedPart(element)).toBe('button');
    expect(element.connected).toBe(false);
  });

  test('a refusal is disconnect_failed: the element stays connected and says so', async () => {
    const { element } = await connectedWidget({ 'disconnect-url': '/d' }, () =>
      Response.json({ error_description: 'still in use' }, { status: 409 }),
    );
    const failed = nextEvent(element, 'oauth-connect-error');
    await userEvent.click(disconnectButton(element));
    expect((await failed).detail).toEqual({
      code: 'disconnect_failed',
      source: 'client',
      status: 409,
      description: 'still in use',
      message: 'The disconnect endpoint answered HTTP 409',
    });
    await element.updateComplete;
    expect([element.connected, element.account, element.status]).toEqual([true, 'dana', 'error']);
    await expect.element(page.getByRole('status')).toHaveTextContent('The account could not be disconnected.');
    await expect.element(page.getByRole('button', { name: 'Disconnect' })).toBeVisible();
  });

  test('a network failure is disconnect_failed too', async () => {
    const { element } = await connectedWidget({ 'disconnect-url': '/d' }, () => Promise.reject(new TypeError('x')));
    const failed = nextEvent(element, 'oauth-connect-error');
    await userEvent.click(disconnectButton(element));
    expect((await failed).detail).toMatchObject({
      code: 'disconnect_failed',
      message: expect.stringMatching(/reached/),
    });
    expect(element.connected).toBe(true);
  });

  test('an endpoint that never answers gives up after exchange-timeout', async () => {
    const { element } = await connectedWidget({ 'disconnect-url': '/d', 'exchange-timeout': '1' });
    element.fetch = (_, init) =>
      new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
    const failed = nextEvent(element, 'oauth-connect-error');
    const started = performance.now();
    await userEvent.click(disconnectButton(element));
    expect((await failed).detail).toMatchObject({ code: 'disconnect_failed', message: expect.stringMatching(/1 s/) });
    expect(performance.now() - started).toBeLessThan(2500);
  });
});

describe('a Disconnect set up wrongly', () => {
  test.each([
    [
      'disconnect-url',
      { 'disconnect-url': 'javascript:alert(1)' },
      'must be an http(s) URL; got "javascript:alert(1)"',
    ],
    ['csrf-origins', { 'disconnect-url': '/d', 'csrf-origins': 'https://api.test/path' }, 'entries must be bare'],
    ['exchange-credentials', { 'disconnect-url': '/d', 'exchange-credentials': 'all' }, 'must be one of'],
    ['exchange-timeout', { 'disconnect-url': '/d', 'exchange-timeout': '-1' }, 'non-negative number'],
  ])('a bad %s is invalid_config naming it: nothing sent, still connected', async (attribute, attributes, problem) => {
    withCsrfMeta('secret-token');
    const { element, exchangeRequests } = await connectedWidget(attributes);
    const failed = nextEvent(element, 'oauth-connect-error');
    await userEvent.click(disconnectButton(element));
    expect((await failed).detail).toMatchObject({
      code: 'invalid_config',
      attribute,
      message: expect.stringContaining(problem),
    });
    await element.updateComplete;
    expect([element.connected, element.account, element.status]).toEqual([true, 'dana', 'error']);
    await expect.element(page.getByRole('status')).toHaveTextContent('This button is not set up correctly.');
    expect(exchangeRequests).toEqual([]);
  });
});

describe('the page’s CSRF token goes where the exchange’s would, and nowhere else', () => {
  test('a disconnect-url on another origin gets the request without the token', async () => {
    withCsrfMeta('secret-token');
    const { element, exchangeRequests } = await connectedWidget({ 'disconnect-url': 'https://attacker.test/d' });
    await userEvent.click(disconnectButton(element));
    await expect.poll(() => exchangeRequests.length).toBe(1);
    expect(exchangeRequests[0].init!.headers).not.toHaveProperty('X-CSRF-TOKEN');
    expect(JSON.stringify(exchangeRequests[0].init)).not.toContain('secret-token');
  });

  test('an origin listed in csrf-origins gets it', async () => {
    withCsrfMeta('secret-token');
    const { element, exchangeRequests } = await connectedWidget({
      'disconnect-url': 'https://api.test/d',
      'csrf-origins': 'https://other.test https://api.test',
    });
    await userEvent.click(disconnectButton(element));
    await expect.poll(() => exchangeRequests.length).toBe(1);
    expect(exchangeRequests[0].init!.headers).toHaveProperty('X-CSRF-TOKEN', 'secret-token');
  });

  test('an origin that only starts like a listed one does not', async () => {
    withCsrfMeta('secret-token');
    const { element, exchangeRequests } = await connectedWidget({
      'disconnect-url': 'https://api.test.attacker.test/d',
      'csrf-origins': 'https://api.test',
    });
    await userEvent.click(disconnectButton(element));
    await expect.poll(() => exchangeRequests.length).toBe(1);
    expect(JSON.stringify(exchangeRequests[0].init)).not.toContain('secret-token');
  });
});
