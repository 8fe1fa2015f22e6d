import { By, error, until, type WebDriver } from 'selenium-webdriver';
import { DEMO_ACCOUNT } from '../../../demo/provider/accounts.js';
import { WAIT_MS, type Windows } from './webkit-session.js';

/** What the user does in the provider's window: sign in, consent or approve, linger, go elsewhere. */

const button = (name: string) => By.xpath(`//button[normalize-space()=${JSON.stringify(name)}]`);
const field = (label: string) => By.xpath(`//label[starts-with(normalize-space(), ${JSON.stringify(label)})]//input`);

async function fillAndSubmit(driver: WebDriver, submit: string): Promise<void> {
  await (await driver.wait(until.elementLocated(field('Username')), WAIT_MS)).sendKeys(DEMO_ACCOUNT.username);
  await (await driver.findElement(field('Password'))).sendKeys(DEMO_ACCOUNT.password);
  await (await driver.findElement(button(submit))).click();
}

/**
 * Clicks a control that ends the popup's life: the page it leads to hands the response over and closes the window,
 * which can happen before the driver has answered the click.
 */
async function clickLast(driver: WebDriver, locator: By): Promise<void> {
  const control = await driver.wait(until.elementLocated(locator), WAIT_MS);
  await control.click().catch((failure: unknown) => {
    if (!(failure instanceof error.NoSuchWindowError)) throw failure;
  });
}

/** Signs in as the demo user at Demo ID and answers its consent page, in window `popup`. */
export async function signInAndConsent(windows: Windows, popup: string, decision: 'Allow' | 'Deny' = 'Allow') {
  await windows.in(popup, async () => {
    await fillAndSubmit(windows.driver, 'Sign in');
    await clickLast(windows.driver, button(decision));
  });
}

/**
 * Logs in as the demo user at an emulated provider (Kanka, Gancio, KitchenMonki) and answers its approval page,
 * in window `popup`. A provider that skips that page for a client the user approved before goes straight on.
 */
export async function logInAndAuthorize(windows: Windows, popup: string): Promise<void> {
  const { driver } = windows;
  await windows.in(popup, async () => {
    const provider = new URL(await driver.getCurrentUrl()).origin;
    await fillAndSubmit(driver, 'Log in');
    const approval = await driver.wait(async () => {
      if (!(await windows.all()).includes(popup)) return 'closed';
      if ((await driver.findElements(button('Authorize'))).length) return 'shown';
      return new URL(await driver.getCurrentUrl()).origin !== provider && 'left';
    }, WAIT_MS);
    if (approval === 'shown') await clickLast(driver, button('Authorize'));
  });
}

/**
 * Waits until a provider page (sign-in or consent) shows in `popup` and has been on screen for 800 ms, as it is
 * for a person, before a test closes or redirects the popup (README, "How the popup behaves").
 */
export async function providerPageSeen(windows: Windows, popup: string): Promise<void> {
  await pageShownFor(windows, popup, By.css('form button[type=submit]'), 800);
}

/**
 * Waits until the page in `popup` shows `what` and has been open `ms` milliseconds (by its own clock, from the
 * moment it was requested), as a person reads a page or fills it in before they go on.
 */
export async function pageShownFor(windows: Windows, popup: string, what: By, ms: number): Promise<void> {
  const { driver } = windows;
  await windows.in(popup, async () => {
    await driver.wait(until.elementLocated(what), WAIT_MS);
    await driver.wait(
      async () => (await driver.executeScript<number>('return performance.now()')) > ms,
      WAIT_MS + ms,
      `the page never stayed ${ms} ms`,
    );
  });
}

/** Sends `popup` to `url` from inside it, as a link or a script on its page would. */
export async function navigateAway(windows: Windows, popup: string, url: string): Promise<void> {
  const script = 'const url = arguments[0]; setTimeout(() => location.assign(url))';
  await windows.in(popup, () => windows.driver.executeScript(script, url));
}
