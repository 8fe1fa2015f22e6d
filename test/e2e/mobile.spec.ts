import { devices, type Locator, type Page } from '@playwright/test';
import { DEMO_ACCOUNT } from '../../demo/provider/accounts.js';
import { expect, loggedEvents, test } from './fixtures.js';

// A phone: Chromium with Playwright's Pixel 7 (412 × 915 screen, touch, mobile user agent and viewport rules).
// Firefox has no mobile mode (`isMobile`), and over WebDriver BiDi no touch either (`hasTouch` changes nothing
// and `tap()` dispatches nothing): it gets the phone's screen, viewport and user agent, and clicks.
const { defaultBrowserType: _browser, isMobile: _mobile, ...phone } = devices['Pixel 7'];
test.use({ ...phone, isMobile: async ({ browserName }, use) => use(browserName === 'chromium') });

const press = (target: Locator, browserName: string) => (browserName === 'chromium' ? target.tap() : target.click());

/** Records the features of every `window.open` call, passing the call on unchanged. */
async function recordPopupFeatures(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const open = window.open;
    const calls: (string | undefined)[] = [];
    Object.assign(window, { popupFeatures: calls });
    window.open = function (this: Window, ...args: Parameters<typeof open>) {
      calls.push(args[2]);
      return open.apply(this, args);
    };
  });
}

test('on a phone: Connect and sign in: connected, one exchange, and a popup no larger than the screen', async ({
  page,
  demo,
  exchanges,
  browserName,
}) => {
  await recordPopupFeatures(page);
  await page.goto(`${demo.url}/?fallback=none`);
  if (browserName === 'chromium') expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
  const opened = page.waitForEvent('popup');
  await press(page.getByRole('button', { name: 'Connect with Demo ID', exact: true }), browserName);
  const popup = await opened;
  await popup.getByLabel('Username').fill(DEMO_ACCOUNT.username);
  await popup.getByLabel('Password').fill(DEMO_ACCOUNT.password);
  await press(popup.getByRole('button', { name: 'Sign in' }), browserName);
  await press(popup.getByRole('button', { name: 'Allow' }), browserName);

  await expect(page.getByTestId('connection')).toHaveText('Connected to Demo ID as Dana Demo (dana@demo.test).');
  expect(await loggedEvents(page)).toEqual(['oauth-connect-start', 'oauth-connect-code', 'oauth-connect-success']);
  expect(exchanges.map(({ status }) => status)).toEqual([200]);

  // The element asks for 500 × 650 by default; the phone's screen is 412 wide.
  const { features, screen } = await page.evaluate(() => ({
    features: (window as unknown as { popupFeatures: string[] }).popupFeatures,
    screen: { width: window.screen.availWidth, height: window.screen.availHeight },
  }));
  expect(screen.width).toBeLessThan(500);
  expect(features).toHaveLength(1);
  const asked = Object.fromEntries(features[0].split(',').map((feature) => feature.split('=')));
  expect(Number(asked.width)).toBe(Math.min(500, screen.width));
  expect(Number(asked.height)).toBe(Math.min(650, screen.height));
});
