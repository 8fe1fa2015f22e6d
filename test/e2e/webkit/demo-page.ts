import { isDeepStrictEqual } from 'node:util';
import { By, error as webDriverError, type WebDriver, type WebElement } from 'selenium-webdriver';
import { WAIT_MS, type Windows } from './webkit-session.js';

/** What the user sees of the demo page (index.html, or demo/script-tag.html), read in the main window. */

/** Loads `url` in the main window and waits until the page has registered `<oauth-connect>`. */
export async function openPage(windows: Windows, url: string): Promise<void> {
  const { driver } = windows;
  await driver.get(url);
  await driver.wait(
    () => driver.executeScript<boolean>('return !!customElements.get("oauth-connect")'),
    WAIT_MS,
    'the page never registered <oauth-connect>',
  );
}

/** Sets attributes of the page's `<oauth-connect>`, as a page that configures it differently would have them. */
export async function setWidgetAttributes(driver: WebDriver, attributes: Record<string, string>): Promise<void> {
  await driver.executeScript(
    `const widget = document.querySelector('oauth-connect');
    for (const [name, value] of Object.entries(arguments[0])) widget.setAttribute(name, value);`,
    attributes,
  );
}

/** A control inside the element's shadow tree, found through the W3C "Get Element Shadow Root". */
export async function inWidget(driver: WebDriver, css: string): Promise<WebElement> {
  const host = await driver.findElement(By.css('oauth-connect'));
  return (await host.getShadowRoot()).findElement(By.css(css));
}

/** The widget's Connect button, checked by the name a screen reader announces. */
export async function connectButton(driver: WebDriver, provider = 'Demo ID'): Promise<WebElement> {
  const button = await inWidget(driver, 'button[part=button]');
  const name = await button.getAccessibleName();
  if (name !== `Connect with ${provider}`) throw new Error(`the Connect button is named "${name}"`);
  return button;
}

/** Clicks Connect as the user does (a WebDriver click is a user gesture) and returns the popup's window handle. */
export async function clickConnect(windows: Windows, provider = 'Demo ID'): Promise<string> {
  const button = await connectButton(windows.driver, provider);
  return windows.opened(() => button.click());
}

/** Opens the page at `url`, clicks its Connect button and returns the popup's window handle: most flows start so. */
export async function openAndConnect(windows: Windows, url: string, provider?: string): Promise<string> {
  await openPage(windows, url);
  return clickConnect(windows, provider);
}

/** The element's `role="status"` line. */
export async function statusText(driver: WebDriver): Promise<string> {
  return (await inWidget(driver, '[role=status]')).getText();
}

/** The element's `status` attribute: idle, authorizing, exchanging, connected or error. */
export async function widgetStatus(driver: WebDriver): Promise<string | null> {
  return (await driver.findElement(By.css('oauth-connect'))).getAttribute('status');
}

/** The demo's "Connection" line. */
export async function connectionText(driver: WebDriver): Promise<string> {
  return (await driver.findElement(By.css('[data-testid=connection]'))).getText();
}

/** The demo's event log, one line per widget event. */
export async function eventLines(driver: WebDriver): Promise<string[]> {
  return driver.executeScript<string[]>(
    'return [...document.querySelectorAll("[data-testid=event-log] li")].map((item) => item.textContent)',
  );
}

/** The event types the demo page logged, in order. */
export async function loggedEvents(driver: WebDriver): Promise<string[]> {
  return (await eventLines(driver)).map((line) => line.split(' ')[0]!);
}

/** The `state` of the attempt the page started, read from its logged `oauth-connect-start`. */
export async function attemptState(driver: WebDriver): Promise<string> {
  await waitFor(driver, loggedEvents, (types) => types.includes('oauth-connect-start'), 'an oauth-connect-start');
  const start = (await eventLines(driver)).filter((line) => line.startsWith('oauth-connect-start')).at(-1)!;
  const { authorizeUrl } = JSON.parse(start.slice(start.indexOf('{'))) as { authorizeUrl: string };
  return new URL(authorizeUrl).searchParams.get('state')!;
}

/**
 * Waits until `read` gives a value that `expected` accepts (equal to it, matched by a RegExp, or a predicate), and
 * fails naming the last value seen. A read that finds no element (a page still on its way back from the provider,
 * or the callback page on the way) is looked at again.
 */
export async function waitFor<T>(
  driver: WebDriver,
  read: (driver: WebDriver) => Promise<T>,
  expected: T | RegExp | ((value: T) => boolean),
  what: string,
  timeout = WAIT_MS,
): Promise<T> {
  let last: T | undefined;
  const accepts = (value: T) =>
    typeof expected === 'function'
      ? (expected as (value: T) => boolean)(value)
      : expected instanceof RegExp
        ? expected.test(String(value))
        : isDeepStrictEqual(value, expected);
  try {
    const look = async () => {
      try {
        return accepts((last = await read(driver)));
      } catch (failure) {
        if (failure instanceof webDriverError.NoSuchElementError) return false;
        if (failure instanceof webDriverError.StaleElementReferenceError) return false;
        throw failure;
      }
    };
    await driver.wait(look, timeout);
    return last!;
  } catch (error) {
    const wanted = typeof expected === 'function' ? 'the expected value' : JSON.stringify(expected, replacer);
    throw new Error(`${what}: waited ${timeout} ms for ${wanted}, last saw ${JSON.stringify(last)}`, {
      cause: error,
    });
  }
}

const replacer = (_key: string, value: unknown) => (value instanceof RegExp ? String(value) : value);
