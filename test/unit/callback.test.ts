import { expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { handleCallback } from '../../src/callback.js';
import { FIXTURES } from './element-helpers.js';

/** A stand-in for the callback page's window, recording what it posts; no attempt or redirect in its storage. */
function fakeCallbackWindow(href: string, opener: { postMessage(message: unknown, origin: string): void } | null) {
  const url = new URL(href);
  const replaced: string[] = [];
  const events = new EventTarget();
  let closed = false;
  const win = {
    location: url,
    history: { state: null, replaceState: (_state: unknown, _title: string, next: string) => replaced.push(next) },
    opener,
    document: document.implementation.createHTMLDocument(),
    close: () => (closed = true),
    addEventListener: events.addEventListener.bind(events),
    localStorage: {},
    sessionStorage: {},
  };
  return { win: win as unknown as Window, replaced, isClosed: () => closed, events };
}

test('posts the response, with where it arrived, to its own origin and the listed ones only, then closes', () => {
  const posts: [unknown, string][] = [];
  const { win, replaced, isClosed } = fakeCallbackWindow(
    'https://app.test/cb?code=c0de&state=s1&iss=https%3A%2F%2Fid.test&extra=1',
    {
      postMessage: (message, origin) => posts.push([message, origin]),
    },
  );
  expect(handleCallback({ window: win, allowedOrigins: ['https://www.app.test'] })).toBe('posted');
  // In any order: only the one that is the opener's origin is delivered.
  expect(posts.map(([, origin]) => origin).sort()).toEqual(['https://app.test', 'https://www.app.test']);
  expect(posts[0][0]).toEqual(posts[1][0]);
  expect(posts[0][0]).toEqual({
    type: 'oauth-connect:callback',
    v: 1,
    params: { code: 'c0de', state: 's1', iss: 'https://id.test' },
    redirect_uri: 'https://app.test/cb',
  });
  expect(replaced).toEqual(['/cb']);
  expect(isClosed()).toBe(true);
});

test('reads a fragment response too, and names where it arrived without the query or fragment', () => {
  const posts: unknown[] = [];
  const opener = { postMessage: (message: unknown) => posts.push(message) };
  handleCallback({ window: fakeCallbackWindow('https://app.test/cb?via=x#error=access_denied&state=s1', opener).win });
  expect(posts[0]).toMatchObject({
    params: { error: 'access_denied', state: 's1' },
    redirect_uri: 'https://app.test/cb',
  });
});

test.each([
  [
    'a repeated code',
    '?code=a&code=b&state=s1',
    { state: 's1', error: 'invalid_request', error_description: '"code" is repeated' },
  ],
  [
    'an oversized code',
    `?code=${'x'.repeat(5000)}&state=s1`,
    { state: 's1', error: 'invalid_request', error_description: '"code" is too long' },
  ],
])('refuses %s: the opener hears an invalid_request error, not a code', (_name, query, params) => {
  const posts: unknown[] = [];
  const { win } = fakeCallbackWindow(`https://app.test/cb${query}`, { postMessage: (message) => posts.push(message) });
  handleCallback({ window: win });
  expect(posts[0]).toEqual({ type: 'oauth-connect:callback', v: 1, params, redirect_uri: 'https://app.test/cb' });
});

test('a repeated, oversized, empty or missing state hands nothing to anyone', () => {
  for (const query of ['?code=a&state=s1&state=s2', `?code=a&state=${'s'.repeat(5000)}`, '?code=a', '?code=a&state=']) {
    const posts: unknown[] = [];
    const { win } = fakeCallbackWindow(`https://app.test/cb${query}`, {
      postMessage: (message) => posts.push(message),
    });
    expect(handleCallback({ window: win })).toBe('no_response');
    expect(posts).toEqual([]);
  }
});

test('a query that holds a state is the response, even when the fragment holds another', () => {
  const posts: unknown[] = [];
  const opener = { postMessage: (message: unknown) => posts.push(message) };
  handleCallback({ window: fakeCallbackWindow('https://app.test/cb?code=q&state=s1#code=f&state=s2', opener).win });
  expect(posts[0]).toMatchObject({ params: { code: 'q', state: 's1' } });
});

test('a query without a single, sane state is no response: the fragment is read instead', () => {
  const posts: unknown[] = [];
  const opener = { postMessage: (message: unknown) => posts.push(message) };
  handleCallback({
    window: fakeCallbackWindow('https://app.test/cb?code=q&state=s1&state=s2#code=f&state=s3', opener).win,
  });
  expect(posts).toEqual([expect.objectContaining({ params: { code: 'f', state: 's3' } })]);
});

test('its own origin listed again is posted to once', () => {
  const origins: string[] = [];
  const opener = { postMessage: (_message: unknown, origin: string) => origins.push(origin) };
  const { win } = fakeCallbackWindow('https://app.test/cb?code=c0de&state=s1', opener);
  handleCallback({ window: win, allowedOrigins: ['https://app.test', 'https://www.app.test', 'https://app.test'] });
  expect(origins.sort()).toEqual(['https://app.test', 'https://www.app.test']);
});

test('opened with no opener: scrubs the URL, posts nothing and says so in plain text', () => {
  const { win, replaced, isClosed } = fakeCallbackWindow('https://app.test/cb?code=c0de&state=s1', null);
  expect(handleCallback({ window: win })).toBe('no_opener');
  expect(replaced).toEqual(['/cb']);
  expect(isClosed()).toBe(false);
  expect(win.document.body.textContent).toMatch(/Nothing is waiting for this page/);
});

test('the page may word the message itself; its text is shown as text', () => {
  const { win } = fakeCallbackWindow('https://app.test/cb', null);
  expect(handleCallback({ window: win, message: '<b>Nothing to do here</b>' })).toBe('no_response');
  expect(win.document.body.textContent).toBe('<b>Nothing to do here</b>');
  expect(win.document.body.querySelector('b')).toBeNull();
});

test('run from the head, before the body exists: the message appears once the page has loaded', () => {
  const { win, events } = fakeCallbackWindow('https://app.test/cb?code=c0de&state=s1', null);
  const { document: page } = win;
  page.body.remove();
  expect(handleCallback({ window: win })).toBe('no_opener');
  page.documentElement.append(page.createElement('body'));
  expect(page.body.textContent).toBe('');
  events.dispatchEvent(new Event('load'));
  expect(page.body.textContent).toMatch(/Nothing is waiting for this page/);
});

test('in a real popup: the opener receives the message from the callback origin, and the popup closes itself', async () => {
  const trigger = document.createElement('button');
  let popup: Window | null = null;
  trigger.onclick = () => (popup = window.open(`${FIXTURES}/callback.html?code=c0de&state=s1`, '_blank', 'popup'));
  document.body.append(trigger);
  const received = new Promise<MessageEvent>((resolve) =>
    window.addEventListener('message', (event) => event.data?.type && resolve(event), { once: false }),
  );
  await userEvent.click(trigger);
  const event = await received;
  expect(event.origin).toBe(location.origin);
  expect(event.source).toBe(popup);
  expect(event.data.params).toEqual({ code: 'c0de', state: 's1' });
  expect(event.data.redirect_uri).toBe(`${FIXTURES}/callback.html`);
  await expect.poll(() => popup!.closed).toBe(true);
  trigger.remove();
});

test('in a real page: the address bar loses the response at once', async () => {
  const frame = document.createElement('iframe');
  frame.src = `${FIXTURES}/callback.html?code=c0de&state=s1`;
  document.body.append(frame);
  await expect.poll(() => frame.contentDocument?.body?.textContent ?? '').toMatch(/Nothing is waiting/);
  expect(frame.contentWindow!.location.href).toBe(`${FIXTURES}/callback.html`);
  frame.remove();
});
