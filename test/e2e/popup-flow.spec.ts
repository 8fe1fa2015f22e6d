import { DEMO_ACCOUNT } from '../../demo/provider/accounts.js';
import { clickConnect, expect, loggedEvents, signInAndConsent, test } from './fixtures.js';

test('click, sign in and consent in the popup: the page shows the connected user', async ({ page, demo, exchanges }) => {
  await page.goto(demo.url);
  const popup = await clickConnect(page);
  await expect(popup).toHaveURL(new RegExp(`^${demo.oidc.issuer}/`));
  await signInAndConsent(popup);

  await expect(page.getByTestId('connection')).toHaveText(`Connected to Demo ID as ${DEMO_ACCOUNT.claims.name} (${DEMO_ACCOUNT.claims.email}).`);
  await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'connected');
  expect(popup.isClosed()).toBe(true);
  expect(await loggedEvents(page)).toEqual(['oauth-connect-start', 'oauth-connect-code', 'oauth-connect-success']);
  // The code was redeemed at the provider once, and the tokens stayed on the server.
  expect(exchanges).toHaveLength(1);
  expect(exchanges[0].status).toBe(200);
  expect(demo.backend.tokens.get(DEMO_ACCOUNT.claims.sub)?.access_token).toEqual(expect.any(String));
  await expect(page.getByTestId('event-log')).not.toContainText(demo.backend.tokens.get(DEMO_ACCOUNT.claims.sub)!.access_token);
});
