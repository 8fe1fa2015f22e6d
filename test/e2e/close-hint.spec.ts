import { clickConnect, expect, loggedEvents, signInAndConsent, test } from './fixtures.js';

// A sign-in broker whose first page has no Cross-Origin-Opener-Policy, in front of a provider that sends it (a
// company portal in front of Entra ID or Cognito): once the user continues, the popup reads closed to the opener.

test('COOP only from the second page: the button comes back, and a user who signs in after all connects', async ({
  page,
  demo,
  exchanges,
}) => {
  demo.oidc.setCrossOriginOpenerPolicy(true); // every page but the broker's
  await page.goto(demo.url);
  const widget = page.locator('oauth-connect');
  await widget.evaluate((element, url) => element.setAttribute('authorize-url', url), demo.oidc.brokerUrl);
  const popup = await clickConnect(page);
  const proceed = popup.getByRole('link', { name: 'Continue' });
  await proceed.waitFor();
  await popup.waitForTimeout(1500); // the user reads the broker's page: the widget has seen the popup alive
  await proceed.click();

  // To the opener, the popup now reads closed, as if the user had closed it: the attempt ends as cancelled.
  await expect(page.getByTestId('event-log')).toContainText('oauth-connect-cancel {"reason":"popup_closed"}');
  await expect(widget).toHaveAttribute('status', 'idle');
  await expect(page.getByRole('button', { name: 'Connect with Demo ID', exact: true })).toBeEnabled();

  await popup.getByLabel('Username').waitFor();
  await popup.waitForTimeout(2000); // the user takes a while to sign in
  await signInAndConsent(popup);

  await expect(page.getByTestId('connection')).toContainText('Connected to Demo ID as Dana Demo');
  await expect(widget).toHaveAttribute('status', 'connected');
  expect(await loggedEvents(page)).toEqual([
    'oauth-connect-start',
    'oauth-connect-cancel',
    'oauth-connect-code',
    'oauth-connect-success',
  ]);
  expect(exchanges).toHaveLength(1);
  expect(exchanges[0]!.status).toBe(200);
  // The callback page handed the response over and closed itself: it did not say that nothing was waiting.
  await expect.poll(() => popup.isClosed()).toBe(true);
});
