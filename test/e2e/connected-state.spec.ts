import type { APIRequestContext, Page } from '@playwright/test';
import type { Demo } from '../../demo/demo-server.js';
import { DEMO_ACCOUNT } from '../../demo/provider/accounts.js';
import type { ProviderSettings, TokenSet } from '../../src/server.js';
import { expect, signInAndConsent, test, gotoAndClickConnect } from './fixtures.js';

const KEY = `Demo ID:${DEMO_ACCOUNT.claims.sub}`;

/** The demo app's client credentials at the provider, as the backend authenticates with them. */
function clientAuthorization(demo: Demo): string {
  const { clientId, clientSecret } = demo.providers['demo-id']!.entries['Demo ID'] as ProviderSettings;
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
}

/** Whether the provider still takes `token` (RFC 7662 introspection, asked as the demo app). */
async function activeAtProvider(request: APIRequestContext, demo: Demo, token: string): Promise<boolean> {
  const answer = await request.post(demo.oidc.introspectionEndpoint, {
    form: { token },
    headers: { Authorization: clientAuthorization(demo) },
  });
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { active: boolean }).active;
}

/** A refresh grant (RFC 6749 section 6) with `refreshToken`, as the demo app: the provider's HTTP status. */
async function refreshAtProvider(request: APIRequestContext, demo: Demo, refreshToken: string) {
  const answer = await request.post(demo.oidc.tokenEndpoint, {
    form: { grant_type: 'refresh_token', refresh_token: refreshToken },
    headers: { Authorization: clientAuthorization(demo) },
  });
  return { status: answer.status(), error: ((await answer.json()) as { error?: string }).error };
}

/** Connects through the real popup; the element then shows the account the backend named. */
async function connect(page: Page, demo: Demo): Promise<TokenSet> {
  await signInAndConsent(await gotoAndClickConnect(page, demo.url));
  const widget = page.locator('oauth-connect');
  await expect(widget).toHaveAttribute('status', 'connected');
  await expect(widget.locator('[part="status"]')).toHaveText(`Connected as ${DEMO_ACCOUNT.claims.email}`);
  await expect(page.getByRole('button', { name: 'Connect with Demo ID' })).toBeHidden();
  const tokens = demo.backend.tokens.get(KEY)!;
  expect(tokens.refresh_token, 'offline_access gives a refresh token').toEqual(expect.any(String));
  return tokens;
}

/** Collects the page's `oauth-connect-disconnect` events; with `cancel`, the page calls `preventDefault()`. */
async function watchDisconnectEvents(page: Page, cancel: boolean): Promise<() => Promise<unknown[]>> {
  await page.evaluate((cancelIt) => {
    const seen: unknown[] = ((window as unknown as { seen: unknown[] }).seen = []);
    document.addEventListener('oauth-connect-disconnect', (event) => {
      seen.push((event as CustomEvent).detail);
      if (cancelIt) event.preventDefault();
    });
  }, cancel);
  return () => page.evaluate(() => (window as unknown as { seen: unknown[] }).seen);
}

test.beforeEach(({ demo }) => {
  demo.backend.disconnects.length = 0;
});

test('connect, then Disconnect: the grant is revoked at the provider and the Connect button is back', async ({
  page,
  demo,
  request,
}) => {
  const tokens = await connect(page, demo);
  expect(await activeAtProvider(request, demo, tokens.access_token)).toBe(true);
  expect(await activeAtProvider(request, demo, tokens.refresh_token!)).toBe(true);
  const events = await watchDisconnectEvents(page, false);

  await page.getByRole('button', { name: 'Disconnect' }).click();

  await expect(page.getByRole('button', { name: 'Connect with Demo ID' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);
  await expect(page.locator('oauth-connect')).not.toHaveAttribute('status', 'connected');
  expect(await events()).toEqual([{ account: DEMO_ACCOUNT.claims.email }]);
  // One request, naming the provider and account, with the page's CSRF token (the backend refuses it without).
  expect(demo.backend.disconnects).toEqual([
    {
      body: { provider: 'Demo ID', account: DEMO_ACCOUNT.claims.email },
      status: 200,
    },
  ]);
  // At the provider: neither token works any more, and the refresh token cannot be redeemed.
  expect(await activeAtProvider(request, demo, tokens.refresh_token!)).toBe(false);
  expect(await activeAtProvider(request, demo, tokens.access_token)).toBe(false);
  expect(await refreshAtProvider(request, demo, tokens.refresh_token!)).toEqual({
    status: 400,
    error: 'invalid_grant',
  });
  // And the app holds them no more.
  expect(demo.backend.tokens.has(KEY)).toBe(false);
});

test('the page cancels oauth-connect-disconnect: nothing is sent, nothing revoked, still connected', async ({
  page,
  demo,
  request,
}) => {
  const tokens = await connect(page, demo);
  const events = await watchDisconnectEvents(page, true);
  const sent: string[] = [];
  page.on('request', (request) => void (request.url().includes('/api/disconnect') && sent.push(request.url())));

  await page.getByRole('button', { name: 'Disconnect' }).click();

  await expect.poll(events).toEqual([{ account: DEMO_ACCOUNT.claims.email }]);
  const widget = page.locator('oauth-connect');
  await expect(widget).toHaveAttribute('status', 'connected');
  await expect(widget.locator('[part="status"]')).toHaveText(`Connected as ${DEMO_ACCOUNT.claims.email}`);
  await expect(page.getByRole('button', { name: 'Disconnect' })).toBeVisible();
  expect(await activeAtProvider(request, demo, tokens.access_token)).toBe(true);
  expect(await activeAtProvider(request, demo, tokens.refresh_token!)).toBe(true);
  expect(demo.backend.tokens.get(KEY)).toBe(tokens);
  // Checked last, after those round trips: a request the click had started would have shown by now.
  expect(sent).toEqual([]);
  expect(demo.backend.disconnects).toEqual([]);
});
