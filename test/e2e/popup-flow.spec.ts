import { DEMO_ACCOUNT } from '../../demo/provider/accounts.js';
import {
  clickConnect,
  expect,
  gotoAndClickConnect,
  loggedEvents,
  signInAndConsent,
  providerPageSeen,
  test,
} from './fixtures.js';

test('click, sign in and consent in the popup: the page shows the connected user', async ({
  page,
  demo,
  exchanges,
}) => {
  const popup = await gotoAndClickConnect(page, demo.url);
  await expect(popup).toHaveURL(new RegExp(`^${demo.oidc.issuer}/`));
  await signInAndConsent(popup);

  await expect(page.getByTestId('connection')).toHaveText(
    `Connected to Demo ID as ${DEMO_ACCOUNT.claims.name} (${DEMO_ACCOUNT.claims.email}).`,
  );
  await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'connected');
  expect(popup.isClosed()).toBe(true);
  expect(await loggedEvents(page)).toEqual(['oauth-connect-start', 'oauth-connect-code', 'oauth-connect-success']);
  // The code was redeemed at the provider once, and the tokens stayed on the server.
  expect(exchanges).toHaveLength(1);
  expect(exchanges[0].status).toBe(200);
  expect(demo.backend.tokens.get(`Demo ID:${DEMO_ACCOUNT.claims.sub}`)?.access_token).toEqual(expect.any(String));
  await expect(page.getByTestId('event-log')).not.toContainText(
    demo.backend.tokens.get(`Demo ID:${DEMO_ACCOUNT.claims.sub}`)!.access_token,
  );
});

test('the user closing the popup ends the attempt as cancel within 1.5 s, with no exchange', async ({
  page,
  demo,
  exchanges,
}) => {
  const popup = await gotoAndClickConnect(page, demo.url);
  await providerPageSeen(popup);
  const closedAt = Date.now();
  await popup.close();
  await expect(page.getByTestId('event-log')).toContainText('oauth-connect-cancel {"reason":"popup_closed"}', {
    timeout: 1500,
  });
  expect(Date.now() - closedAt).toBeLessThan(1500);
  await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'idle');
  expect(exchanges).toHaveLength(0);
});

test('a second click while pending brings the same popup forward: one popup', async ({ page, demo }) => {
  await page.goto(demo.url);
  const popups: unknown[] = [];
  page.on('popup', (popup) => popups.push(popup));
  const popup = await clickConnect(page);
  await page.getByRole('button', { name: 'Connect with Demo ID' }).click();
  await signInAndConsent(popup);
  await expect(page.getByTestId('connection')).toContainText('Connected');
  expect(popups).toHaveLength(1);
});

test('the callback page opened directly: response scrubbed from the address bar, a plain message, nothing posted', async ({
  page,
  demo,
}) => {
  await page.goto(`${demo.url}/callback?code=leaked-code&state=some-state`);
  await expect(page).toHaveURL(`${demo.url}/callback`);
  await expect(page.locator('body')).toHaveText(/Nothing is waiting for this page/);
});

test('works from a plain script tag: the bundle registers the element and exposes window.OAuthConnect', async ({
  page,
  demo,
}) => {
  await page.goto(`${demo.url}/demo/script-tag.html`);
  expect(
    await page.evaluate(
      () => typeof (window as unknown as { OAuthConnect: { connect: unknown } }).OAuthConnect.connect,
    ),
  ).toBe('function');
  await signInAndConsent(await clickConnect(page));
  await expect(page.getByTestId('connection')).toHaveText('Connected as Dana Demo.');
});

test('loading the bundle a second time is harmless', async ({ page, demo }) => {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${demo.url}/demo/script-tag.html`);
  await page.addScriptTag({ url: '/dist/oauth-connect.bundle.js' });
  await page.addScriptTag({ url: '/dist/oauth-connect.bundle.js' });
  expect(errors).toEqual([]);
  await signInAndConsent(await clickConnect(page));
  await expect(page.getByTestId('connection')).toHaveText('Connected as Dana Demo.');
});
