import type { TestInfo } from '@playwright/test';
import { test as demoTest } from '../fixtures.js';
import { newSession, type Windows } from './webkit-session.js';
import { startWebKitDriver } from './webkit-driver.js';
import { startXvfb, type ScreenSize } from './xvfb.js';

/** How a test wants its browser, set with `test.use({ webkitOptions: … })`. */
export interface WebKitOptions {
  /** What the browser says it is (`navigator.userAgent`, the `User-Agent` header), in every window. */
  userAgent?: string;
  /** A screen of this size, on an X server and a driver of the test's own; else the worker's 1280×1024 one. */
  screen?: ScreenSize;
}

/**
 * The demo fixtures, plus WebKitGTK: one X server and one WebKitWebDriver per worker, and a new browser session
 * (a fresh MiniBrowser, nothing stored) per test, ended when the test ends, whether it passed or not.
 */
export const test = demoTest.extend<
  { webkit: Windows; webkitOptions: WebKitOptions },
  { webkitDriver: DisplayAndDriver }
>({
  webkitOptions: [{}, { option: true }],
  webkitDriver: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const driver = await startDisplayAndDriver();
      try {
        await use(driver);
      } finally {
        await driver.stop();
      }
    },
    { scope: 'worker', timeout: 30_000 },
  ],
  webkit: async ({ webkitDriver, webkitOptions }, use, testInfo) => {
    const { screen, userAgent } = webkitOptions;
    const own = screen && (await startDisplayAndDriver(screen));
    try {
      const windows = await openSession(own || webkitDriver, userAgent);
      try {
        await use(windows);
        if (testInfo.status !== testInfo.expectedStatus) await attachWindows(windows, testInfo);
      } finally {
        await windows.driver.quit().catch(() => {}); // a session whose browser died has nothing left to quit
      }
    } finally {
      await own?.stop();
    }
  },
});

/** An X server and a WebKitWebDriver drawing on it, which can be started over. */
interface DisplayAndDriver {
  /** The driver's W3C WebDriver endpoint. */
  readonly url: string;
  /** Ends both and starts new ones, with a screen of the same size. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** An X server with one screen of `size`, and a WebKitWebDriver drawing on it. */
async function startDisplayAndDriver(size?: ScreenSize): Promise<DisplayAndDriver> {
  let current = await startBoth(size);
  return {
    get url() {
      return current.url;
    },
    async restart() {
      await current.stop();
      current = await startBoth(size);
    },
    stop: () => current.stop(),
  };
}

async function startBoth(size?: ScreenSize) {
  const display = await startXvfb(size);
  try {
    const driver = await startWebKitDriver(display.display);
    return { url: driver.url, stop: () => driver.stop().finally(() => display.stop()) };
  } catch (error) {
    await display.stop();
    throw error;
  }
}

/**
 * A new session from `driver`. Rarely, WebKitWebDriver never answers the request for one (once in a full CI run, the
 * test then timed out in its setup): after 15 s (SESSION_TIMEOUT_MS) the driver and its display are started over and
 * asked once more.
 */
async function openSession(driver: DisplayAndDriver, userAgent?: string) {
  try {
    return await newSession(driver.url, userAgent);
  } catch (error) {
    console.warn(`WebKit: no session (${String(error)}); starting the display and driver over`);
    await driver.restart();
    return newSession(driver.url, userAgent);
  }
}

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
