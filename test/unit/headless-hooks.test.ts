import { expect, test } from 'vitest';
import { connect, prepare, type HeadlessConnectOptions } from '../../src/headless.js';
import { clickToConnect, FIXTURES } from './element-helpers.js';

const base = {
  authorizeUrl: `${FIXTURES}/authorize.html?outcome=code`,
  clientId: 'c',
  redirectUri: `${FIXTURES}/callback.html`,
};

/** connect() with a popup that never opens: what it was asked to open is recorded. */
function blockedConnect(options: Partial<HeadlessConnectOptions>) {
  const opened: string[] = [];
  const result = connect({ ...base, ...options, open: (url) => (opened.push(url), null) }).catch((error) => error);
  return { opened, result };
}

test('with prepared values the first window.open receives the final authorize URL', async () => {
  const prepared = await prepare();
  const { opened, result } = blockedConnect({ prepared });
  expect(opened).toHaveLength(1);
  const url = new URL(opened[0]);
  expect(url.searchParams.get('state')).toBe(prepared.state);
  expect(url.searchParams.get('code_challenge')).toBe(prepared.codeChallenge);
  expect(await result).toMatchObject({ code: 'popup_blocked' });
});

test('prepared values serve one attempt: a second connect() with them opens blank and makes new ones', async () => {
  const prepared = await prepare();
  blockedConnect({ prepared });
  const again = blockedConnect({ prepared });
  expect(again.opened).toEqual(['about:blank']);
  await again.result;
});

test('with PKCE off nothing needs preparing: the popup opens at the final URL at once', () => {
  const { opened } = blockedConnect({ pkce: 'off' });
  expect(new URL(opened[0]).searchParams.get('client_id')).toBe('c');
});

test('a throwing onStart ends the attempt as hook_failed, not as a configuration error', async () => {
  const prepared = await prepare();
  const thrown = new Error('analytics down');
  const popups: Window[] = [];
  const { error } = await clickToConnect({
    authorizeUrl: `${FIXTURES}/authorize.html?outcome=wait`,
    prepared,
    open: (url, features) => {
      const popup = window.open(url, '_blank', features);
      if (popup) popups.push(popup);
      return popup;
    },
    onStart: () => {
      throw thrown;
    },
  });
  expect(error).toMatchObject({ code: 'hook_failed', message: 'The "onStart" hook threw: analytics down' });
  expect(error.attribute).toBeUndefined();
  expect(error.cause).toBe(thrown);
  expect(popups.every((popup) => popup.closed)).toBe(true);
});
