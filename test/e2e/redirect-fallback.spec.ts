import { clickConnect, connectAsDemoUser, expect, loggedEvents, settle, signInAndConsent, test } from './fixtures.js';
import {
  expectConnectedAfterRedirect,
  expectReloadRepeatsNothing,
  gotoDemoAndClickConnectToProvider,
  signInAndComeBack,
} from './redirect-steps.js';

test.describe('popup blocked', () => {
  // What an in-app browser or a strict blocker does: window.open gives nothing back.
  test.beforeEach(({ page }) => page.addInitScript(() => (window.open = () => null)));

  test('with fallback="redirect": the tab goes to the provider and back, and success fires once', async ({
    page,
    demo,
    exchanges,
  }) => {
    await gotoDemoAndClickConnectToProvider(page, demo);
    await signInAndComeBack(page, demo);
    await expectConnectedAfterRedirect(page, exchanges);
    await expectReloadRepeatsNothing(page, exchanges);
  });

  test('Cancel while the returning attempt is exchanging ends it once, as cancelled', async ({ page, demo }) => {
    await page.route('**/api/exchange', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.fulfill({ json: { late: true } }).catch(() => {});
    });
    await page.goto(demo.url);
    await page.getByRole('button', { name: 'Connect with Demo ID' }).click();
    await signInAndComeBack(page, demo);
    await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'exchanging');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'idle');
    await settle(3500);
    expect(await loggedEvents(page)).toEqual(['oauth-connect-code', 'oauth-connect-cancel']);
  });

  test('a redirect that comes back with another state is state_mismatch, nothing exchanged', async ({
    page,
    demo,
    exchanges,
  }) => {
    await gotoDemoAndClickConnectToProvider(page, demo);
    await page.goto(`${demo.url}/callback?code=planted-code&state=not-the-one`);

    await expect(page).toHaveURL(`${demo.url}/`);
    await expect(page.getByTestId('event-log')).toContainText('"code":"state_mismatch"');
    expect(await loggedEvents(page)).toEqual(['oauth-connect-error']);
    expect(exchanges).toHaveLength(0);
  });

  test('without the fallback: popup_blocked, and the button stays usable', async ({ page, demo, exchanges }) => {
    await page.goto(`${demo.url}/demo/script-tag.html`);
    await page.getByRole('button', { name: 'Connect with Demo ID' }).click();
    await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'error');
    await expect(page.getByRole('status')).toContainText('blocked the sign-in window');
    await expect(page.getByRole('button', { name: 'Connect with Demo ID' })).toBeEnabled();
    expect(page.url()).toBe(`${demo.url}/demo/script-tag.html`);
    expect(exchanges).toHaveLength(0);
  });
});

test.describe('issuer check (RFC 9207)', () => {
  test('the provider’s iss matches issuer: it reaches the code event and the backend', async ({
    page,
    demo,
    exchanges,
  }) => {
    await connectAsDemoUser(page, demo.url);
    await expect(page.getByTestId('event-log')).toContainText(`"iss":"${demo.oidc.issuer}"`);
    expect(exchanges[0].body).toMatchObject({ iss: demo.oidc.issuer });
  });

  test('an iss that differs from issuer is issuer_mismatch, and nothing is exchanged', async ({
    page,
    demo,
    exchanges,
  }) => {
    await page.goto(demo.url);
    await page.locator('oauth-connect').evaluate((element) => element.setAttribute('issuer', 'https://impostor.test'));
    await signInAndConsent(await clickConnect(page));
    await expect(page.getByTestId('event-log')).toContainText('"code":"issuer_mismatch"');
    expect(await loggedEvents(page)).toEqual(['oauth-connect-start', 'oauth-connect-error']);
    expect(exchanges).toHaveLength(0);
  });
});
