import { test as base, expect, request, type Locator, type Page } from '@playwright/test';
import { freePort, startDemo, type Demo } from '../../demo/demo-server.js';
import { DEMO_ACCOUNT } from '../../demo/provider/accounts.js';

/** The code exchanges the demo backend received, in order. */
export type Exchanges = Demo['backend']['exchanges'];

/** One demo (provider, backend, page server) per worker; each test starts with an empty exchange log and no COOP. */
export const test = base.extend<{ exchanges: Exchanges; resetDemo: void }, { demo: Demo }>({
  demo: [
    // Playwright reads the fixtures a function needs from its first parameter: this one needs none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const demo = await startDemo();
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],
  resetDemo: [
    async ({ demo }, use) => {
      demo.backend.exchanges.length = 0;
      demo.backend.starts.length = 0;
      demo.oidc.setCrossOriginOpenerPolicy(false);
      await use();
    },
    { auto: true },
  ],
  exchanges: async ({ demo }, use) => use(demo.backend.exchanges),
});

export { expect };

/** Clicks the widget and returns the popup it opened. */
export async function clickConnect(page: Page, provider = 'Demo ID'): Promise<Page> {
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: `Connect with ${provider}`, exact: true }).click();
  return popup;
}

/** Opens `url`, clicks the widget and returns the popup it opened. */
export async function gotoAndClickConnect(page: Page, url: string, provider = 'Demo ID'): Promise<Page> {
  await page.goto(url);
  return clickConnect(page, provider);
}

/** Opens `url`, connects as the demo user through the popup and waits until the page says it is connected. */
export async function connectAsDemoUser(page: Page, url: string): Promise<void> {
  await signInAndConsent(await gotoAndClickConnect(page, url));
  await expect(page.getByTestId('connection')).toContainText('Connected');
}

/**
 * Logs in as the demo user and answers the approval page of an emulated provider (Kanka, Gancio, KitchenMonki).
 * Passport and Gancio skip that page for a client the user already authorized: the popup then goes straight on
 * to the redirect URI, or closes, and there is nothing to answer. Cancel is a button, or at Gancio a link home.
 */
export async function logInAndAuthorize(popup: Page, decision: 'Authorize' | 'Cancel' = 'Authorize'): Promise<void> {
  await popup.getByLabel('Username').fill('demo');
  const provider = new URL(popup.url()).origin;
  await popup.getByLabel('Password').fill('demo-password');
  await popup.getByRole('button', { name: 'Log in' }).click();
  const control = popup
    .getByRole('button', { name: decision, exact: true })
    .or(popup.getByRole('link', { name: decision, exact: true }));
  if (await approvalShown(popup, control, provider)) await control.click();
}

/** True once `control` shows in the popup; false once the popup closes or leaves `provider` before it does. */
async function approvalShown(popup: Page, control: Locator, provider: string): Promise<boolean> {
  const shown = control.waitFor().then(() => true);
  const leftProvider = popup.waitForURL((url) => url.origin !== provider, { waitUntil: 'commit' }).then(() => false);
  const closed = popup.waitForEvent('close').then(() => false);
  try {
    return await Promise.race([shown, leftProvider, closed]);
  } catch (error) {
    // Waiting on a page that closes fails; a closed popup is an answer, not an error.
    if (popup.isClosed()) return false;
    throw error;
  }
}

/**
 * Revokes, at a Passport provider, every token the demo user holds (its authorized-apps API, `DELETE
 * /oauth/tokens/{id}`), so that the next authorization shows the approval page again.
 */
export async function revokeAuthorizedApps(origin: string): Promise<void> {
  const api = await request.newContext({ baseURL: origin });
  try {
    const form = { username: 'demo', password: 'demo-password', next: '/' };
    const login = await api.post('/login', { form, maxRedirects: 0 });
    expect(login.status()).toBe(302);
    const tokens = (await (await api.get('/oauth/tokens')).json()) as { id: string }[];
    for (const { id } of tokens) expect((await api.delete(`/oauth/tokens/${id}`)).status()).toBe(204);
  } finally {
    await api.dispose();
  }
}

/**
 * Waits until a provider page (sign-in or consent) shows in the popup and has been on screen a moment,
 * as it is for a person, before a test closes or redirects the popup (see "How the popup behaves").
 */
export async function providerPageSeen(popup: Page): Promise<void> {
  await popup
    .getByRole('button', { name: /Sign in|Allow/ })
    .first()
    .waitFor();
  await popup.waitForTimeout(800);
}

/** Signs in as the demo user and answers the consent page, inside the provider's popup. */
export async function signInAndConsent(popup: Page, decision: 'Allow' | 'Deny' = 'Allow'): Promise<void> {
  await popup.getByLabel('Username').fill(DEMO_ACCOUNT.username);
  await popup.getByLabel('Password').fill(DEMO_ACCOUNT.password);
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await popup.getByRole('button', { name: decision }).click();
}

/** The event types the demo page logged, in order. */
export async function loggedEvents(page: Page): Promise<string[]> {
  const lines = await page.getByTestId('event-log').locator('li').allTextContents();
  return lines.map((line) => line.split(' ')[0]);
}

/** The `state` of the attempt the page started, read from its logged `oauth-connect-start`. */
export async function attemptState(page: Page): Promise<string> {
  const start = page.getByTestId('event-log').locator('li', { hasText: 'oauth-connect-start' }).last();
  await expect(start).toBeVisible();
  const text = (await start.textContent())!;
  const { authorizeUrl } = JSON.parse(text.slice(text.indexOf('{')));
  return new URL(authorizeUrl).searchParams.get('state')!;
}

/** A well-formed callback message as the callback script sends it. */
export function callbackMessage(params: Record<string, string>) {
  return { type: 'oauth-connect:callback', v: 1, params };
}

export const settle = (ms = 800) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `popup` to `url` from inside it, for pages that close themselves on load (Playwright's goto would wait on a
 * closed page).
 */
export async function navigateAway(popup: Page, url: string): Promise<void> {
  await popup.evaluate((target) => void setTimeout(() => location.assign(target)), url);
}

/** A port on 127.0.0.1 where nothing listens: a server that is down. */
export const closedPort = freePort;
