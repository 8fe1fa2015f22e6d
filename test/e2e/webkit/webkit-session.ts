import { Builder, type WebDriver } from 'selenium-webdriver';

/** WebKitGTK's own small browser (Debian's libwebkit2gtk-4.1-0), which the driver starts for each session. */
const MINI_BROWSER = `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/webkit2gtk-4.1/MiniBrowser`;

/** How long a window change or a page change may take before a test fails. */
export const WAIT_MS = 10_000;

/** How long a new session may take to show its first window; one normally does in well under a second. */
export const SESSION_TIMEOUT_MS = 15_000;

/**
 * A new browser session: a fresh MiniBrowser with nothing stored, one window (`webkitgtk:` capabilities), that
 * says it is `userAgent` (in `navigator.userAgent` and the `User-Agent` header, in every window) when given.
 * Rejects when the driver has not given the session and its window within SESSION_TIMEOUT_MS.
 */
export async function newSession(driverUrl: string, userAgent?: string): Promise<Windows> {
  const args = ['--automation', ...(userAgent ? [`--user-agent=${userAgent}`] : [])];
  const driver = new Builder()
    .usingServer(driverUrl)
    .withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: process.env.MINIBROWSER_PATH || MINI_BROWSER, args },
    })
    .build();
  const pending = driver.then(() => Windows.of(driver));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the driver did not answer')), SESSION_TIMEOUT_MS);
  });
  try {
    return await Promise.race([pending, late]);
  } catch (error) {
    // A session that still starts after the timeout is ended; a driver stopped meanwhile makes this reject.
    driver.then((session) => session.quit()).catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The windows of one session as a user sees them: the page they started on, and the popups it opens. WebDriver
 * commands go to one window at a time; these helpers say which.
 */
export class Windows {
  constructor(
    readonly driver: WebDriver,
    /** The window the session started with. */
    readonly main: string,
  ) {}

  static async of(driver: WebDriver): Promise<Windows> {
    return new Windows(driver, await driver.getWindowHandle());
  }

  /** Runs `action` (a click that opens a window), and returns the one new window's handle. */
  async opened(action: () => Promise<void>): Promise<string> {
    const before = new Set(await this.driver.getAllWindowHandles());
    await action();
    let added: string[] = [];
    await this.driver.wait(
      async () => {
        added = (await this.driver.getAllWindowHandles()).filter((handle) => !before.has(handle));
        return added.length > 0;
      },
      WAIT_MS,
      'no new window opened',
    );
    if (added.length !== 1) throw new Error(`expected one new window, ${added.length} opened`);
    return added[0]!;
  }

  /** Runs `action` with WebDriver commands going to `handle`, then back to the main window. */
  async in<T>(handle: string, action: () => Promise<T>): Promise<T> {
    await this.driver.switchTo().window(handle);
    try {
      return await action();
    } finally {
      await this.driver.switchTo().window(this.main);
    }
  }

  /** Resolves once window `handle` has closed (it closed itself, or the user closed it). */
  async closed(handle: string, timeout = WAIT_MS): Promise<void> {
    await this.driver.wait(
      async () => !(await this.driver.getAllWindowHandles()).includes(handle),
      timeout,
      `window ${handle} stayed open`,
    );
  }

  /** Every window handle of the session. */
  all(): Promise<string[]> {
    return this.driver.getAllWindowHandles();
  }

  /** Closes window `handle` as the user's close button does, and goes back to the main window. */
  async close(handle: string): Promise<void> {
    await this.driver.switchTo().window(handle);
    await this.driver.close();
    await this.driver.switchTo().window(this.main);
  }
}
