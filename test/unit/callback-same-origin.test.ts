import { afterEach, expect, test } from 'vitest';
import { handleCallback } from '../../src/callback.js';
import { channelName, clearPending, markPending } from '../../src/core/response-listener.js';
import { saveRedirect, takeRedirectResult } from '../../src/core/redirect-store.js';

/*
 * The ways back when the popup has no opener, each written by the widget's own storage helpers, so the
 * callback and the widget are shown to agree on the keys and the channel name.
 */

/** Storage with the named properties of the real one (`key in storage`, `storage[key]`), for this test alone. */
class MemoryStorage {
  [key: string]: unknown;
  getItem(key: string): string | null {
    return Object.hasOwn(this, key) ? String(this[key]) : null;
  }
  setItem(key: string, value: string): void {
    this[key] = String(value);
  }
  removeItem(key: string): void {
    delete this[key];
  }
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** A callback page with no opener on this test page's origin, sharing its localStorage. */
function openerlessCallback(query: string) {
  const navigations: string[] = [];
  let closed = false;
  const win = {
    location: Object.assign(new URL(`${location.origin}/cb${query}`), {
      replace: (url: string) => navigations.push(url),
    }),
    history: { state: null, replaceState: () => {} },
    opener: null,
    document: document.implementation.createHTMLDocument(),
    close: () => (closed = true),
    addEventListener: () => {},
    localStorage: window.localStorage,
    sessionStorage: new MemoryStorage(),
  };
  return { win: win as unknown as Window & { sessionStorage: MemoryStorage }, navigations, isClosed: () => closed };
}

/** Everything said on the attempt's channel until a sentinel, posted after the callback ran, arrives. */
async function heardOnChannel(state: string, run: () => void): Promise<unknown[]> {
  const listener = new BroadcastChannel(channelName(state));
  const sender = new BroadcastChannel(channelName(state));
  cleanups.push(() => (listener.close(), sender.close()));
  const heard: unknown[] = [];
  const sentinel = `sentinel-${Math.random()}`;
  const done = new Promise<void>((resolve) => {
    listener.onmessage = (event) => (event.data === sentinel ? resolve() : heard.push(event.data));
  });
  run();
  sender.postMessage(sentinel);
  await done;
  return heard;
}

const uniqueState = () => `state-${crypto.randomUUID()}`;

test('COOP severed the opener and the attempt is pending: the response goes out on its channel, the popup closes', async () => {
  const state = uniqueState();
  markPending(window, state);
  cleanups.push(() => clearPending(window, state));
  const { win, isClosed } = openerlessCallback(`?code=c0de&state=${state}`);
  const heard = await heardOnChannel(state, () => expect(handleCallback({ window: win })).toBe('broadcast'));
  const params = { code: 'c0de', state };
  expect(heard).toEqual([{ type: 'oauth-connect:callback', v: 1, params, redirect_uri: `${location.origin}/cb` }]);
  expect(isClosed()).toBe(true);
  expect(win.document.body.textContent).toBe('');
});

test('no attempt pending for that state: nothing on the channel, the page says nobody waits', async () => {
  const state = uniqueState();
  const another = uniqueState();
  markPending(window, another); // another attempt's mark does not count
  cleanups.push(() => clearPending(window, another));
  const { win, isClosed } = openerlessCallback(`?code=c0de&state=${state}`);
  const heard = await heardOnChannel(state, () => expect(handleCallback({ window: win })).toBe('no_opener'));
  expect(heard).toEqual([]);
  expect(isClosed()).toBe(false);
  expect(win.document.body.textContent).toMatch(/Nothing is waiting for this page/);
});

test('a full-page redirect is waiting: the response is kept for its page, which the browser goes back to', () => {
  const { win, navigations } = openerlessCallback('?code=c0de&state=s1');
  const owner = { clientId: 'client-1', authorizeUrl: 'https://id.test/authorize' };
  saveRedirect(win, { ...owner, state: 's1', returnUrl: 'https://app.test/start', createdAt: Date.now() });
  expect(handleCallback({ window: win })).toBe('redirected');
  expect(navigations).toEqual(['https://app.test/start']);
  const config = { ...owner, authorizeUrl: new URL(owner.authorizeUrl) };
  expect(takeRedirectResult(win, config)?.response).toEqual({
    params: { code: 'c0de', state: 's1' },
    redirectUri: `${location.origin}/cb`,
  });
});

test('storage refused (privacy mode, sandboxed frame): the page says nobody waits instead of failing', () => {
  const refused = {
    get: () => {
      throw new DOMException('The document is sandboxed', 'SecurityError');
    },
  };
  const { win } = openerlessCallback('?code=c0de&state=s1');
  Object.defineProperty(win, 'localStorage', refused);
  Object.defineProperty(win, 'sessionStorage', refused);
  expect(handleCallback({ window: win })).toBe('no_opener');
  expect(win.document.body.textContent).toMatch(/Nothing is waiting for this page/);
});

test('a redirect record that is not JSON is no redirect: nothing kept, no navigation', () => {
  const { win, navigations } = openerlessCallback('?code=c0de&state=s1');
  win.sessionStorage.setItem('oauth-connect:redirect', '{not json');
  expect(handleCallback({ window: win })).toBe('no_opener');
  expect(navigations).toEqual([]);
  expect(win.sessionStorage.getItem('oauth-connect:redirect-response')).toBeNull();
});
