import { afterEach, expect, test, vi } from 'vitest';
import { handleCallback } from '../../src/callback.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * A callback page on another origin than this test page, opened by this page: here the test page is
 * the stranger, and the real `postMessage` decides what reaches it.
 */
function callbackOpenedByThisPage(href = 'https://callback.test/cb?code=stolen-code&state=s1') {
  const url = new URL(href);
  const win = {
    location: url,
    history: { state: null, replaceState: () => {} },
    opener: window,
    document: document.implementation.createHTMLDocument(),
    close: () => {},
  };
  return win as unknown as Window;
}

/**
 * Everything the callback delivered to this page: a sentinel posted after it arrives after anything
 * posted before it, so its arrival proves nothing else is on its way.
 */
async function deliveredHere(run: () => void): Promise<unknown[]> {
  const received: unknown[] = [];
  const sentinel = `sentinel-${Math.random()}`;
  const done = new Promise<void>((resolve) => {
    const listen = (event: MessageEvent) => {
      if (event.data === sentinel) {
        window.removeEventListener('message', listen);
        resolve();
      } else received.push(event.data);
    };
    window.addEventListener('message', listen);
  });
  run();
  window.postMessage(sentinel, location.origin);
  await done;
  return received;
}

test.each([
  ['*', '*'],
  ['null', 'null'],
  ['"/" (the caller\'s own origin to postMessage)', '/'],
  ["a URL with a path on the stranger's origin", `${location.origin}/oauth/callback`],
  ["the stranger's origin in upper case", location.origin.toUpperCase()],
  ["the stranger's origin with a trailing slash", `${location.origin}/`],
  ['a javascript: URL', 'javascript:alert(1)'],
  ["the stranger's host under another scheme", `wss://${location.host}`],
])('allowed origin %s: a stranger opener receives nothing, and a warning names the value', async (_name, listed) => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const received = await deliveredHere(() => {
    expect(handleCallback({ window: callbackOpenedByThisPage(), allowedOrigins: [listed] })).toBe('posted');
  });
  expect(received).toEqual([]);
  expect(warn).toHaveBeenCalledWith('oauth-connect: ignored allowed origin', listed);
});

test('a bare origin that is listed does receive it (the stranger test above can see a delivery)', async () => {
  const warn = vi.spyOn(console, 'warn');
  const allowedOrigins = ['*', location.origin];
  const received = await deliveredHere(() => handleCallback({ window: callbackOpenedByThisPage(), allowedOrigins }));
  const params = { code: 'stolen-code', state: 's1' };
  const redirectUri = 'https://callback.test/cb';
  expect(received).toEqual([{ type: 'oauth-connect:callback', v: 1, params, redirect_uri: redirectUri }]);
  expect(warn).toHaveBeenCalledTimes(1);
});
