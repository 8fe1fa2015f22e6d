import type { Page } from '@playwright/test';
import {
  clickConnect,
  expect,
  logInAndAuthorize,
  loggedEvents,
  revokeAuthorizedApps,
  signInAndConsent,
  test,
  gotoAndClickConnect,
} from './fixtures.js';

interface ProviderCase {
  id: string;
  /** The element's `provider` in each mode. */
  names: { browser: string; server: string };
  approve(popup: Page): Promise<void>;
  account: string;
}

const PROVIDERS: ProviderCase[] = [
  {
    id: 'demo-id',
    names: { browser: 'Demo ID', server: 'Demo ID' },
    approve: (popup) => signInAndConsent(popup),
    account: 'Dana Demo (dana@demo.test)',
  },
  {
    id: 'kanka',
    names: { browser: 'Kanka', server: 'Kanka' },
    approve: (popup) => logInAndAuthorize(popup),
    account: 'Dana of Kanka',
  },
  {
    id: 'gancio',
    names: { browser: 'Gancio (demo instance)', server: 'Gancio' },
    approve: (popup) => logInAndAuthorize(popup),
    account: 'Gaia Gancio',
  },
  {
    id: 'kitchenmonki',
    names: { browser: 'KitchenMonki', server: 'KitchenMonki' },
    approve: (popup) => logInAndAuthorize(popup),
    account: 'Kit Monki',
  },
];

for (const provider of PROVIDERS) {
  for (const mode of ['browser', 'server'] as const) {
    const name = provider.names[mode];
    test(`${provider.id}, ${mode}-started: the code is redeemed at the provider and the tokens stay on the backend`, async ({
      page,
      demo,
      exchanges,
    }) => {
      const popup = await gotoAndClickConnect(page, `${demo.url}/?provider=${provider.id}&mode=${mode}`, name);
      await provider.approve(popup);

      await expect(page.getByTestId('connection')).toHaveText(`Connected to ${name} as ${provider.account}.`);
      expect(await loggedEvents(page)).toEqual(['oauth-connect-start', 'oauth-connect-code', 'oauth-connect-success']);
      expect(exchanges).toHaveLength(1);
      expect(exchanges[0]).toMatchObject({ status: 200, body: { provider: name } });
      expect(demo.backend.starts).toHaveLength(mode === 'server' ? 1 : 0);
      // Server-started: the verifier never left the backend. Browser-started: the widget sent its own.
      expect(Boolean((exchanges[0].body as { code_verifier?: string }).code_verifier)).toBe(mode === 'browser');
      const kept = [...demo.backend.tokens].filter(([key]) => key.startsWith(`${name}:`));
      expect(kept).toHaveLength(1);
      const accessToken = kept[0]![1].access_token;
      expect(await page.content()).not.toContain(accessToken);
      expect(await page.evaluate(() => document.cookie)).toBe('');
    });
  }
}

test('gancio, server-started at an instance the user types: the client is registered there and the flow completes', async ({
  page,
  demo,
}) => {
  await page.goto(`${demo.url}/?provider=gancio&mode=server`);
  const field = page.getByLabel('Your server');
  await field.fill(demo.gancioOrigin.replace('http://', 'HTTP://') + '/');
  const popup = await clickConnect(page, 'Gancio');
  await expect(popup).toHaveURL(new RegExp(`^${demo.gancioOrigin}/`));
  await logInAndAuthorize(popup);
  await expect(page.getByTestId('connection')).toHaveText('Connected to Gancio as Gaia Gancio.');
  expect(demo.backend.starts[0]!.body).toEqual({ provider: 'Gancio', instance: demo.gancioOrigin });
});

test('gancio, a typed address that is not a server: said next to the field, and no popup opens', async ({
  page,
  demo,
}) => {
  await page.goto(`${demo.url}/?provider=gancio&mode=server`);
  await page.getByLabel('Your server').fill('events.example/some/page');
  let popups = 0;
  page.on('popup', () => popups++);
  await page.getByRole('button', { name: 'Connect with Gancio' }).click();
  await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'error');
  await expect(page.getByTestId('event-log')).toContainText('oauth-connect-error {"code":"invalid_instance"');
  await expect(page.locator('oauth-connect').getByRole('status')).toContainText(
    'Enter an address like https://events.example.',
  );
  expect(popups).toBe(0);
  expect(demo.backend.starts).toHaveLength(0);
});

test('kanka: the user cancels on the approval page; Passport sends access_denied back and nothing is exchanged', async ({
  page,
  demo,
  exchanges,
}) => {
  const popup = await gotoAndClickConnect(page, `${demo.url}/?provider=kanka&mode=server`, 'Kanka');
  // Passport skips the approval page for an app the user authorized before (an earlier test here may have).
  await popup.getByLabel('Username').waitFor();
  await revokeAuthorizedApps(new URL(popup.url()).origin);
  await logInAndAuthorize(popup, 'Cancel');
  await expect(page.getByTestId('event-log')).toContainText('oauth-connect-error {"code":"access_denied"');
  expect(exchanges).toHaveLength(0);
});

test('kanka: an app the user authorized before is approved without the approval page', async ({
  page,
  demo,
  exchanges,
}) => {
  await logInAndAuthorize(await gotoAndClickConnect(page, `${demo.url}/?provider=kanka&mode=server`, 'Kanka'));
  await expect(page.getByTestId('connection')).toHaveText('Connected to Kanka as Dana of Kanka.');
  await page.context().clearCookies();
  await page.reload();
  const popup = await clickConnect(page, 'Kanka');
  const pages: string[] = [];
  popup.on('framenavigated', (frame) => frame === popup.mainFrame() && pages.push(new URL(frame.url()).pathname));
  await logInAndAuthorize(popup);
  await expect(page.getByTestId('connection')).toHaveText('Connected to Kanka as Dana of Kanka.');
  expect(pages).not.toContain('/oauth/authorize');
  expect(exchanges).toHaveLength(2);
});

test("gancio: Cancel is a link to the instance's home page; no error comes back, and closing the popup cancels", async ({
  page,
  demo,
  exchanges,
}) => {
  const popup = await gotoAndClickConnect(page, `${demo.url}/?provider=gancio&mode=server`, 'Gancio');
  await logInAndAuthorize(popup, 'Cancel');
  await expect(popup.getByRole('heading', { name: 'Upcoming events' })).toBeVisible();
  expect(await loggedEvents(page)).toEqual(['oauth-connect-start']);
  // A person reads the page before closing it; a popup closed within half a second of showing a page looks
  // like one a provider's COOP severed, which stays pending by design. Robots click faster than that.
  await expect.poll(() => popup.evaluate(() => performance.now())).toBeGreaterThan(600);
  await popup.close();
  await expect(page.getByTestId('event-log')).toContainText('oauth-connect-cancel {"reason":"popup_closed"}');
  expect(exchanges).toHaveLength(0);
});

test('kitchenmonki: two refreshes in a row succeed, each rotating the refresh token', async ({ page, demo }) => {
  await logInAndAuthorize(
    await gotoAndClickConnect(page, `${demo.url}/?provider=kitchenmonki&mode=server`, 'KitchenMonki'),
  );
  await expect(page.getByTestId('connection')).toContainText('Connected to KitchenMonki');
  const tokensOf = () => [...demo.backend.tokens].find(([key]) => key.startsWith('KitchenMonki:'))![1];
  const seen = [tokensOf().refresh_token];
  for (let round = 1; round <= 2; round++) {
    await page.getByRole('button', { name: 'Refresh the tokens' }).click();
    await expect(page.getByTestId('refresh-result')).toContainText('Tokens refreshed');
    await expect.poll(() => tokensOf().refresh_token).not.toBe(seen.at(-1));
    seen.push(tokensOf().refresh_token);
    await page.getByTestId('refresh-result').evaluate((node) => (node.textContent = ''));
  }
  // Rotation: each old refresh token died when it was used; only the newest is alive at the provider.
  const alive = demo.kitchenMonki.web.emulator.refreshTokens;
  expect(seen.map((token) => alive.has(token!))).toEqual([false, false, true]);
});
