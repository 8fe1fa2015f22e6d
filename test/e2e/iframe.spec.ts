import type { FrameLocator, Page } from '@playwright/test';
import { EMBEDDED_COOKIE } from '../../demo/backend.js';
import { startDemo, type Demo } from '../../demo/demo-server.js';
import { chromiumLaunchOptions, firefoxLaunchOptions } from '../browsers.js';
import { expect, providerPageSeen, signInAndConsent, test as base } from './fixtures.js';

// The demo page in an iframe of a portal on another site: the portal is on http://localhost, the app on
// http://127.0.0.1 (one server, two sites: a site is the scheme and host, not the server).

const test = base.extend<object, { embeddedDemo: Demo }>({
  // The demo as an app made for embedding runs it: flow cookie `SameSite=None; Secure; Partitioned`.
  embeddedDemo: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const demo = await startDemo({ cookie: EMBEDDED_COOKIE });
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],
});

// Chromium as these tests run it blocks third-party cookies and storage (as Incognito does): only partitioned
// cookies reach a cross-site frame. Playwright's Firefox profile accepts every third-party cookie
// (`cookieBehavior` 0); Firefox as users get it partitions them and the storage (Total Cookie Protection, 5),
// set here. Firefox over WebDriver BiDi delivers no clicks into out-of-process frames: site isolation off, which
// changes processes, not what a page may do.
const { channel: _firefoxChannel, ...firefoxLaunch } = firefoxLaunchOptions();
const firefoxUserPrefs = {
  'network.cookie.cookieBehavior': 5,
  'browser.contentblocking.features.standard': '-tp,tpPrivate,cookieBehavior5,-cm,-fp',
  'fission.webContentIsolationStrategy': 0,
};
test.use({
  launchOptions: [
    async ({ browserName }, use) =>
      use(browserName === 'firefox' ? { ...firefoxLaunch, firefoxUserPrefs } : chromiumLaunchOptions()),
    { scope: 'worker' },
  ],
});

/** What the portal's iframe needs for the widget: its own origin, scripts, a popup free of the sandbox, forms. */
const SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-forms';

/** Opens the portal with the demo page at `query` in its iframe, sandboxed with `sandbox` unless null. */
async function openInPortal(page: Page, demo: Demo, query: string, sandbox: string | null): Promise<FrameLocator> {
  const portal = new URL('/test/fixtures/embedder.html', demo.url.replace('127.0.0.1', 'localhost'));
  portal.searchParams.set('src', `${demo.url}/?${query}`);
  if (sandbox !== null) portal.searchParams.set('sandbox', sandbox);
  await page.goto(portal.href);
  return page.frameLocator('iframe[title="Embedded app"]');
}

/** Clicks Connect inside the frame and returns the popup it opened. */
async function connectInFrame(page: Page, app: FrameLocator): Promise<Page> {
  const popup = page.waitForEvent('popup');
  await app.getByRole('button', { name: 'Connect with Demo ID', exact: true }).click();
  return popup;
}

const loggedEvents = async (app: FrameLocator) =>
  (await app.getByTestId('event-log').locator('li').allTextContents()).map((line) => line.split(' ')[0]);

const CONNECTED = 'Connected to Demo ID as Dana Demo (dana@demo.test).';

for (const [name, sandbox] of [
  ['sandboxed', SANDBOX],
  ['not sandboxed', null],
] as const) {
  test(`${name}: Connect in the frame, sign in in the popup: the frame shows the user, one exchange`, async ({
    page,
    demo,
    exchanges,
  }) => {
    const app = await openInPortal(page, demo, 'fallback=none', sandbox);
    const popup = await connectInFrame(page, app);
    await signInAndConsent(popup);

    // The callback page, top-level in the popup and on the frame's origin, posted to its opener: the frame.
    await expect(app.getByTestId('connection')).toHaveText(CONNECTED);
    expect(await loggedEvents(app)).toEqual(['oauth-connect-start', 'oauth-connect-code', 'oauth-connect-success']);
    expect(exchanges.map(({ status }) => status)).toEqual([200]);
    await expect.poll(() => popup.isClosed()).toBe(true);
    expect(page.url()).toMatch(/^http:\/\/localhost:/);
  });
}

test.describe('start-url: the flow cookie in a third-party context', () => {
  test('SameSite=None; Secure; Partitioned: it reaches the exchange, one success', async ({ page, embeddedDemo }) => {
    const app = await openInPortal(page, embeddedDemo, 'mode=server&fallback=none', SANDBOX);
    const started = page.waitForResponse((response) => response.url().endsWith('/api/start'));
    const popup = await connectInFrame(page, app);
    const cookie = await (await started).headerValue('set-cookie');
    expect(cookie).toMatch(/^__Host-oauth_connect_[\w-]+=[^;]+; Path=\/; .*; SameSite=None; Secure; Partitioned$/);
    await signInAndConsent(popup);

    await expect(app.getByTestId('connection')).toHaveText(CONNECTED);
    expect(embeddedDemo.backend.starts.map(({ status }) => status)).toEqual([200]);
    expect(embeddedDemo.backend.exchanges.map(({ status }) => status)).toEqual([200]);
  });

  test('the default SameSite=Lax: the browser drops it, the exchange is refused and the user told', async ({
    page,
    demo,
    exchanges,
  }) => {
    const app = await openInPortal(page, demo, 'mode=server&fallback=none', SANDBOX);
    await signInAndConsent(await connectInFrame(page, app));

    await expect(app.locator('oauth-connect')).toHaveAttribute('status', 'error');
    await expect(app.getByTestId('event-log')).toContainText('its flow cookie is gone');
    await expect(app.getByRole('button', { name: 'Connect with Demo ID' })).toBeEnabled();
    expect(exchanges.map(({ status }) => status)).toEqual([400]);
  });
});

test('without allow-popups: the user is told the sign-in window was blocked, and can try again', async ({
  page,
  demo,
  exchanges,
}) => {
  const popups: Page[] = [];
  page.context().on('page', (opened) => popups.push(opened));
  const app = await openInPortal(page, demo, 'fallback=none', 'allow-scripts allow-same-origin allow-forms');
  await app.getByRole('button', { name: 'Connect with Demo ID', exact: true }).click();

  await expect(app.locator('oauth-connect')).toHaveAttribute('status', 'error');
  await expect(app.getByRole('status')).toContainText('blocked the sign-in window');
  await expect(app.getByRole('button', { name: 'Connect with Demo ID' })).toBeEnabled();
  expect(await loggedEvents(app)).toEqual(['oauth-connect-error']);
  expect(popups).toEqual([]);
  expect(exchanges).toEqual([]);
});

test('message-origins naming the portal: the callback, from the frame’s own origin, is ignored', async ({
  page,
  demo,
  exchanges,
}) => {
  const app = await openInPortal(page, demo, 'fallback=none', SANDBOX);
  const portalOrigin = new URL(page.url()).origin;
  await app
    .locator('oauth-connect')
    .evaluate((element, origin) => element.setAttribute('message-origins', origin), portalOrigin);
  const popup = await connectInFrame(page, app);
  await providerPageSeen(popup);
  await signInAndConsent(popup);

  // The callback posted and closed its popup; the message did not count, so the closed popup ends the attempt.
  await expect(app.getByTestId('event-log')).toContainText('oauth-connect-cancel {"reason":"popup_closed"}');
  expect(await loggedEvents(app)).toEqual(['oauth-connect-start', 'oauth-connect-cancel']);
  expect(exchanges).toEqual([]);
});

test.describe('a provider that sends Cross-Origin-Opener-Policy cannot complete in a cross-site frame', () => {
  test.beforeEach(({ demo }) => demo.oidc.setCrossOriginOpenerPolicy(true));

  /** Signs in at a provider whose COOP cut the popup off; the callback page finds nobody to hand the code to. */
  async function signInOutOfReach(page: Page, app: FrameLocator): Promise<void> {
    const popup = await connectInFrame(page, app);
    await expect(app.getByRole('status')).toHaveText('Finish signing in to Demo ID in the other window, or cancel.');
    await signInAndConsent(popup);
    // No opener, and the frame's pending mark and channel live in the portal's partition, not the popup's.
    await expect(popup.locator('body')).toHaveText(/Nothing is waiting for this page/);
  }

  test('the user is told, and Cancel ends it: nothing exchanged', async ({ page, demo, exchanges }) => {
    const app = await openInPortal(page, demo, 'fallback=none', SANDBOX);
    await signInOutOfReach(page, app);
    await app.getByRole('button', { name: 'Cancel' }).click();

    await expect(app.locator('oauth-connect')).toHaveAttribute('status', 'idle');
    expect(await loggedEvents(app)).toEqual(['oauth-connect-start', 'oauth-connect-cancel']);
    expect(exchanges).toEqual([]);
  });

  test('a user who walks away gets the timeout, not an endless spinner', async ({ page, demo, exchanges }) => {
    const app = await openInPortal(page, demo, 'fallback=none', SANDBOX);
    await app.locator('oauth-connect').evaluate((element) => element.setAttribute('timeout', '5'));
    await signInOutOfReach(page, app);

    await expect(app.locator('oauth-connect')).toHaveAttribute('status', 'error', { timeout: 8000 });
    await expect(app.getByTestId('event-log')).toContainText('No authorization response within 5 s');
    expect(exchanges).toEqual([]);
  });
});
