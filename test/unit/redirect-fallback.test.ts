import { afterEach, expect, test } from 'vitest';
import { Attempt } from '../../src/core/attempt.js';
import { resolveConfig } from '../../src/core/config.js';
import { openAttempt } from '../../src/core/popup-attempt.js';
import { prepareRequest } from '../../src/core/prepared-request.js';
import { readRedirect } from '../../src/core/redirect-store.js';
import { fakeWindow } from './fake-window.js';

afterEach(() => sessionStorage.clear());

const options = {
  authorizeUrl: 'https://id.test/authorize',
  clientId: 'c1',
  redirectUri: 'https://app.test/cb',
  fallback: 'redirect' as const,
};

/** A window whose popups are blocked and whose navigations are recorded instead of followed. */
const blockingWindow = (storage: Storage | null = sessionStorage) => fakeWindow({ popup: () => null, storage });

test('a blocked popup becomes a redirect to the final URL, with the attempt kept for the returning page', async () => {
  const { win, assigned } = blockingWindow();
  const starts: string[] = [];
  const attempt = new Attempt({ onStart: ({ authorizeUrl }) => starts.push(authorizeUrl) });
  const prepared = await prepareRequest();
  openAttempt(attempt, resolveConfig(options, document.baseURI), { window: win }, prepared);
  await expect.poll(() => assigned.length).toBe(1);
  const url = new URL(assigned[0]);
  expect(url.searchParams.get('state')).toBe(prepared.state);
  expect(starts).toEqual(assigned);
  expect(readRedirect(win)).toMatchObject({
    state: prepared.state,
    codeVerifier: prepared.codeVerifier,
    returnUrl: 'https://app.test/page',
    clientId: 'c1',
    authorizeUrl: 'https://id.test/authorize',
    redirectUri: 'https://app.test/cb',
  });
});

test('without values ready the redirect waits for them, and still goes to the final URL', async () => {
  const { win, assigned } = blockingWindow();
  openAttempt(new Attempt(), resolveConfig(options, document.baseURI), { window: win });
  await expect.poll(() => assigned.length).toBe(1);
  expect(new URL(assigned[0]).searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  expect(readRedirect(win)?.state).toBe(new URL(assigned[0]).searchParams.get('state'));
});

test('without sessionStorage the redirect could not finish: popup_blocked, and the tab stays', async () => {
  const { win, assigned } = blockingWindow(null);
  const attempt = new Attempt();
  openAttempt(attempt, resolveConfig(options, document.baseURI), { window: win }, await prepareRequest());
  expect(await attempt.outcome).toMatchObject({ kind: 'error', error: { code: 'popup_blocked' } });
  expect(assigned).toEqual([]);
});
