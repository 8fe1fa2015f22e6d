import type { TestInfo } from '@playwright/test';
import { test as demoTest } from '../fixtures.js';
import { newSession, Windows } from './webkit-session.js';
import { startWebKitDriver, type RunningDriver } from './webkit-driver.js';
import { startXvfb } from './xvfb.js';

/**
 * The demo fixtures, plus WebKitGTK: one X server and one WebKitWebDriver per worker, and a new browser session
 * (a fresh MiniBrowser, nothing stored) per test, ended when the test ends, whether it passed or not.
 */
export const test = demoTest.extend<{ webkit: Windows }, { webkitDriver: RunningDriver }>({
  webkitDriver: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const display = await startXvfb();
      try {
        const driver = await startWebKitDriver(display.display);
        try {
          await use(driver);
        } finally {
          await driver.stop();
        }
      } finally {
        await display.stop();
      }
    },
    { scope: 'worker', timeout: 30_000 },
  ],
  webkit: async ({ webkitDriver }, use, testInfo) => {
    const driver = await newSession(webkitDriver.url);
    try {
      const windows = await Windows.of(driver);
      await use(windows);
      if (testInfo.status !== testInfo.expectedStatus) await attachWindows(windows, testInfo);
    } finally {
      await driver.quit().catch(() => {}); // a session whose browser died has nothing left to quit
    }
  },
});

/** On failure: a screenshot and the address of every window still open, for the report. */
async function attachWindows(windows: Windows, testInfo: TestInfo) {
  for (const handle of await windows.all().catch(() => [])) {
    await windows
      .in(handle, async () => {
        const url = await windows.driver.getCurrentUrl();
        const body = Buffer.from(await windows.driver.takeScreenshot(), 'base64');
        await testInfo.attach(`${handle === windows.main ? 'page' : 'popup'} ${url}`, {
          body,
          contentType: 'image/png',
        });
      })
      .catch(() => {});
  }
}

export { expect } from '../fixtures.js';
