import type { Page } from '@playwright/test';
import type { Demo } from '../../demo/demo-server.js';
import { expect, loggedEvents, settle, signInAndConsent, type Exchanges } from './fixtures.js';

// The redirect fallback: no popup opens, so the tab itself goes to the provider and comes back to the demo page.

/** Clicks the widget where no popup can open, and waits until the tab is at the provider. */
export async function clickConnectToProvider(page: Page, demo: Demo): Promise<void> {
  await page.getByRole('button', { name: 'Connect with Demo ID' }).click();
  await expect(page).toHaveURL(new RegExp(`^${demo.oidc.issuer}/`));
}

/** Opens the demo page, clicks the widget where no popup can open, and waits until the tab is at the provider. */
export async function gotoDemoAndClickConnectToProvider(page: Page, demo: Demo): Promise<void> {
  await page.goto(demo.url);
  await clickConnectToProvider(page, demo);
}

/** Signs in and consents in the tab, and waits until it is back on the demo page. */
export async function signInAndComeBack(page: Page, demo: Demo): Promise<void> {
  await signInAndConsent(page);
  await expect(page).toHaveURL(`${demo.url}/`);
}

/**
 * The page the tab came back to shows the demo user connected and logged just a code and a success event (the
 * attempt began on the page the tab left), and the backend exchanged the code once.
 */
export async function expectConnectedAfterRedirect(page: Page, exchanges: Exchanges): Promise<void> {
  await expect(page.getByTestId('connection')).toContainText('Connected to Demo ID as Dana Demo');
  expect(await loggedEvents(page)).toEqual(['oauth-connect-code', 'oauth-connect-success']);
  expect(exchanges).toHaveLength(1);
}

/** Reloading the page after that fires no event and exchanges nothing more. */
export async function expectReloadRepeatsNothing(page: Page, exchanges: Exchanges): Promise<void> {
  await page.reload();
  await settle();
  expect(await loggedEvents(page)).toEqual([]);
  expect(exchanges).toHaveLength(1);
}
