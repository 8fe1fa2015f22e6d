import { clickConnect, expect, gotoAndClickConnect, loggedEvents, signInAndConsent, test } from './fixtures.js';

// league/oauth2-server 8 (Laravel Passport, here the emulated Kanka) redirects `invalid_scope` without `state`.

test('Passport refuses an unknown scope without state: the user sees the error within 3 s, nothing exchanged', async ({
  page,
  demo,
  exchanges,
}) => {
  await page.goto(`${demo.url}/?provider=kanka&mode=browser`);
  const widget = page.locator('oauth-connect');
  await widget.evaluate((element) => element.setAttribute('scope', 'campaigns:write')); // Kanka defines no scope
  const clicked = Date.now();
  const popup = await clickConnect(page, 'Kanka');
  await expect(page.getByRole('status')).toHaveText('The sign-in at Kanka did not succeed. Try again.', {
    timeout: 3000,
  });
  expect(Date.now() - clicked).toBeLessThan(3000);
  await expect(widget).toHaveAttribute('status', 'error');
  await expect(page.getByTestId('event-log')).toContainText('"code":"invalid_scope"');
  expect(await loggedEvents(page)).toEqual(['oauth-connect-start', 'oauth-connect-error']);
  expect(exchanges).toHaveLength(0);
  await expect.poll(() => popup.isClosed()).toBe(true);
});

test('the same error forged from another window of the page’s origin is ignored: the attempt still waits', async ({
  page,
  demo,
  exchanges,
}) => {
  const popup = await gotoAndClickConnect(page, demo.url);
  await popup.getByLabel('Username').waitFor();
  // The page hears the forgery after the widget, which listened first.
  const heard = page.evaluate(
    () =>
      new Promise((resolve) =>
        addEventListener('message', (event) => event.data?.type === 'oauth-connect:callback' && resolve(event.data)),
      ),
  );
  // Another window of the page's origin: our own callback page, handed an error without state, posts it to the
  // page that opened it.
  const forger = page.waitForEvent('popup');
  await page.evaluate(() => void window.open('/callback?error=invalid_scope', '_blank', 'popup'));
  await forger;
  expect(await heard).toMatchObject({ type: 'oauth-connect:callback', v: 1, params: { error: 'invalid_scope' } });

  expect(await loggedEvents(page)).toEqual(['oauth-connect-start']);
  await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'authorizing');
  await expect(page.getByRole('status')).toHaveText('Waiting for Demo ID…');
  // Still pending: the user signs in at the provider, and the attempt completes.
  await signInAndConsent(popup);
  await expect(page.getByTestId('connection')).toContainText('Connected to Demo ID as Dana Demo');
  expect(await loggedEvents(page)).toEqual(['oauth-connect-start', 'oauth-connect-code', 'oauth-connect-success']);
  expect(exchanges).toHaveLength(1);
});
