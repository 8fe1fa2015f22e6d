import type { Page } from '@playwright/test';
import { chromiumLaunchOptions, firefoxLaunchOptions } from '../browsers.js';
import { clickConnect, expect, logInAndAuthorize, test } from './fixtures.js';

// The demo's providers (demo/providers.ts) set the provider's page per provider: Demo ID takes the defaults
// (display=popup, 500 × 650), KitchenMonki says display=popup, Gancio sends no display in a 640 × 720 popup.
// Windows as the browser makes them (no viewport of Playwright's), so a popup is the size it was opened at, on
// a screen with room for it (headless Chromium's is 800 × 600 unless told).
const { channel: _firefoxChannel, ...firefoxLaunch } = firefoxLaunchOptions();
const chromiumLaunch = chromiumLaunchOptions();
test.use({
  viewport: null,
  launchOptions: [
    async ({ browserName }, use) =>
      use(
        browserName === 'chromium'
          ? { ...chromiumLaunch, args: [...chromiumLaunch.args!, '--screen-info={1600x1200}'] }
          : firefoxLaunch,
      ),
    { scope: 'worker' },
  ],
});

/** The authorize request to `endpoint` as the provider received it, once one is made. */
function authorizeRequest(page: Page, endpoint: string): Promise<URLSearchParams> {
  return page
    .context()
    .waitForEvent('request', (request) => request.url().startsWith(`${endpoint}?`))
    .then((request) => new URL(request.url()).searchParams);
}

/** The popup's page is `width` × `height` CSS pixels (headless Chromium's window gives the height one less). */
async function expectPopupSize(popup: Page, width: number, height: number): Promise<void> {
  await popup.getByLabel('Username').waitFor();
  const size = await popup.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight }));
  expect(size.width).toBe(width);
  expect(size.height).toBeGreaterThanOrEqual(height - 1);
  expect(size.height).toBeLessThanOrEqual(height);
}

for (const [id, name] of [
  ['demo-id', 'Demo ID'],
  ['kitchenmonki', 'KitchenMonki'],
] as const) {
  test(`${name}: display=popup reaches the provider, in a 500 × 650 popup`, async ({ page, demo }) => {
    await page.goto(`${demo.url}/?provider=${id}&fallback=none`);
    const request = authorizeRequest(page, demo.providers[id]!.browser['authorize-url']!);
    const popup = await clickConnect(page, name);
    expect((await request).get('display')).toBe('popup');
    await expectPopupSize(popup, 500, 650);
  });
}

for (const mode of ['browser', 'server'] as const) {
  const name = mode === 'browser' ? 'Gancio (demo instance)' : 'Gancio';
  test(`Gancio, ${mode}-started: no display parameter, a 640 × 720 popup, and the flow completes`, async ({
    page,
    demo,
    exchanges,
  }) => {
    await page.goto(`${demo.url}/?provider=gancio&mode=${mode}&fallback=none`);
    const request = authorizeRequest(page, `${demo.gancioOrigin}/oauth/authorize`);
    const popup = await clickConnect(page, name);
    const params = await request;
    expect(params.get('client_id')).toBeTruthy();
    expect(params.has('display')).toBe(false);
    await expectPopupSize(popup, 640, 720);

    await logInAndAuthorize(popup);
    await expect(page.getByTestId('connection')).toHaveText(`Connected to ${name} as Gaia Gancio.`);
    expect(exchanges.map(({ status }) => status)).toEqual([200]);
  });
}
