import { clickConnect, expect, loggedEvents, signInAndConsent, test, gotoAndClickConnect } from './fixtures.js';

test.describe('a provider that sends Cross-Origin-Opener-Policy: same-origin', () => {
  test.beforeEach(({ demo }) => demo.oidc.setCrossOriginOpenerPolicy(true));

  test('the flow completes over the broadcast channel: success once, no cancel', async ({ page, demo, exchanges }) => {
    const popup = await gotoAndClickConnect(page, demo.url);
    await signInAndConsent(popup);
    await expect(page.getByTestId('connection')).toContainText('Connected to Demo ID as Dana Demo');
    expect(await loggedEvents(page)).toEqual(['oauth-connect-start', 'oauth-connect-code', 'oauth-connect-success']);
    expect(exchanges).toHaveLength(1);
    await expect.poll(() => popup.isClosed()).toBe(true);
  });

  test('while the popup is out of reach the user is told so and can cancel', async ({ page, demo, exchanges }) => {
    const popup = await gotoAndClickConnect(page, demo.url);
    await popup.getByLabel('Username').waitFor();
    await expect(page.getByRole('status')).toHaveText('Finish signing in to Demo ID in the other window, or cancel.');
    await popup.close();
    await page.waitForTimeout(1000);
    expect(await loggedEvents(page)).toEqual(['oauth-connect-start']); // a severed popup's "closed" proves nothing
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await loggedEvents(page)).toEqual(['oauth-connect-start', 'oauth-connect-cancel']);
    await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'idle');
    expect(exchanges).toHaveLength(0);
  });

  test('a user who closes it and walks away gets the timeout, not an endless spinner', async ({ page, demo }) => {
    await page.goto(demo.url);
    await page.locator('oauth-connect').evaluate((element) => element.setAttribute('timeout', '2'));
    const popup = await clickConnect(page);
    await popup.getByLabel('Username').waitFor();
    await popup.close();
    await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'error', { timeout: 4000 });
    await expect(page.getByRole('status')).toHaveText('Signing in took too long. Try again.');
    await expect(page.getByTestId('event-log')).toContainText('No authorization response within 2 s');
  });
});
