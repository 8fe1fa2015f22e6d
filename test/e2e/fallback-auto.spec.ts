import type { Page } from '@playwright/test';
import { clickConnect, expect, loggedEvents, settle, signInAndConsent, test } from './fixtures.js';
import {
  clickConnectToProvider,
  expectConnectedAfterRedirect,
  expectReloadRepeatsNothing,
  signInAndComeBack,
} from './redirect-steps.js';

/** What Instagram's in-app browser on an iPhone says it is. */
const INSTAGRAM_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22F76 ' +
  'Instagram 393.1.0.36.70 (iPhone15,3; iOS 18_5; en_US; en; scale=3.00; 1290x2796; IABMV/1; 776538208) Safari/604.1';

/** The demo page with `fallback="auto"` (and `more` attributes) on its widget; records every popup it opens. */
async function openDemo(page: Page, url: string, more: Record<string, string> = {}): Promise<Page[]> {
  const popups: Page[] = [];
  page.on('popup', (popup) => popups.push(popup));
  await page.goto(url);
  await page.locator('oauth-connect').evaluate(
    (element, attributes) => {
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    },
    { fallback: 'auto', ...more },
  );
  return popups;
}

test.describe('fallback="auto" in an in-app browser', () => {
  test.use({ userAgent: INSTAGRAM_IPHONE });

  test('no popup: the tab goes to the provider and back, one success, one exchange', async ({
    page,
    demo,
    exchanges,
  }) => {
    const popups = await openDemo(page, demo.url);
    await clickConnectToProvider(page, demo);
    await signInAndComeBack(page, demo);
    await expectConnectedAfterRedirect(page, exchanges);
    expect(popups).toEqual([]);
    await expectReloadRepeatsNothing(page, exchanges);
  });

  test('a provider that refuses webviews: the user is told, and nothing opens, navigates or is exchanged', async ({
    page,
    demo,
    exchanges,
  }) => {
    const popups = await openDemo(page, demo.url, { 'refuses-webviews': '' });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.getByRole('button', { name: 'Connect with Demo ID' }).click();

    await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'error');
    await expect(page.getByRole('status')).toHaveText(
      'Signing in to Demo ID does not work in this app. Open this page in your browser.',
    );
    const link = page.getByRole('link', { name: 'Open in browser' });
    await expect(link).toHaveAttribute('href', `x-safari-${page.url()}`);
    await expect(page.getByTestId('event-log')).toContainText('"code":"in_app_browser"');
    expect(await loggedEvents(page)).toEqual(['oauth-connect-error']);

    await settle();
    expect(page.url().startsWith(demo.url)).toBe(true);
    expect(requests.filter((url) => url.startsWith(demo.oidc.issuer))).toEqual([]);
    expect([popups, exchanges]).toEqual([[], []]);
    await expect(page.getByRole('button', { name: 'Connect with Demo ID' })).toBeEnabled();
  });
});

test('fallback="auto" in a browser: the popup, one success, one exchange', async ({ page, demo, exchanges }) => {
  await openDemo(page, demo.url);
  await signInAndConsent(await clickConnect(page));
  await expect(page.getByTestId('connection')).toContainText('Connected to Demo ID as Dana Demo');
  expect(await loggedEvents(page)).toEqual(['oauth-connect-start', 'oauth-connect-code', 'oauth-connect-success']);
  expect(exchanges).toHaveLength(1);
  expect(page.url().startsWith(demo.url)).toBe(true);
});
