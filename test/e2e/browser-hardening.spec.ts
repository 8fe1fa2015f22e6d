import type { BrowserContext } from '@playwright/test';
import { attemptState, callbackMessage, expect, navigateAway, settle, test, gotoAndClickConnect } from './fixtures.js';

const STRANGER = 'http://stranger.test';

/** A callback page on the demo origin at `path`, loading the built callback script with `data-allowed-origins`. */
async function serveCallback(context: BrowserContext, demoUrl: string, path: string, allowedOrigins?: string) {
  const attribute = allowedOrigins === undefined ? '' : ` data-allowed-origins="${allowedOrigins}"`;
  const body = `<!doctype html><script src="/dist/oauth-connect-callback.js"${attribute}></script>`;
  await context.route(`${demoUrl}${path}?**`, (route) => route.fulfill({ contentType: 'text/html', body }));
}

/** A page on another origin that records every message it receives and opens `target` in a popup. */
async function serveStranger(context: BrowserContext, target: string) {
  await context.route(`${STRANGER}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<button>open</button><script>
        window.received = [];
        addEventListener('message', (event) => window.received.push(event.data));
        document.querySelector('button').onclick = () => open(${JSON.stringify(target)}, '_blank', 'popup');
      </script>`,
    }),
  );
}

const receivedByStranger = () => (window as unknown as { received: unknown[] }).received;

test.describe('callback allowed origins: only bare origins are posted to', () => {
  for (const listed of ['*', `${STRANGER}/oauth/callback`]) {
    test(`a stranger opening a callback that lists "${listed}" receives nothing; a warning names it`, async ({
      page,
      context,
      demo,
      exchanges,
    }) => {
      await serveCallback(context, demo.url, '/lenient-callback', listed);
      await serveStranger(context, `${demo.url}/lenient-callback?code=stolen-code&state=guessed`);
      const warnings: string[] = [];
      context.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
      await page.goto(`${STRANGER}/`);
      const popup = page.waitForEvent('popup');
      await page.getByRole('button', { name: 'open' }).click();
      const callbackWindow = await popup;
      await expect.poll(() => callbackWindow.isClosed()).toBe(true); // it posts, then closes itself
      await settle(300); // anything it posted has arrived by now (the control test below sees it arrive)
      expect(await page.evaluate(receivedByStranger)).toEqual([]);
      expect(warnings.join('\n')).toContain(`oauth-connect: ignored allowed origin ${listed}`);
      expect(exchanges).toHaveLength(0);
    });
  }

  test('control: a callback listing the opener’s origin hands it the response', async ({ page, context, demo }) => {
    await serveCallback(context, demo.url, '/trusting-callback', `* ${STRANGER}`);
    await serveStranger(context, `${demo.url}/trusting-callback?code=the-code&state=s1`);
    await page.goto(`${STRANGER}/`);
    await page.getByRole('button', { name: 'open' }).click();
    const redirectUri = `${demo.url}/trusting-callback`;
    const message = { ...callbackMessage({ code: 'the-code', state: 's1' }), redirect_uri: redirectUri };
    await expect.poll(() => page.evaluate(receivedByStranger)).toEqual([message]);
  });
});

test.describe('a response that arrived at another redirect URI (RFC 9700 section 4.4.2): nothing redeemed', () => {
  for (const mode of ['browser', 'server'] as const) {
    test(`${mode}-started flow: a forged callback message naming another redirect_uri`, async ({
      page,
      context,
      demo,
      exchanges,
    }) => {
      // A page on the callback's origin that stays open, so the forgery can be sent from the popup itself.
      const forger = { contentType: 'text/html', body: '<p>forger</p>' };
      await context.route(`${demo.url}/forger`, (route) => route.fulfill(forger));
      const popup = await gotoAndClickConnect(page, `${demo.url}/?provider=demo-id&mode=${mode}`);
      const state = await attemptState(page);
      await popup.getByLabel('Username').waitFor();
      await navigateAway(popup, `${demo.url}/forger`);
      await popup.waitForURL(`${demo.url}/forger`);
      const elsewhere = `${demo.url}/other-provider/callback`;
      const forged = { ...callbackMessage({ code: 'mixed-up-code', state }), redirect_uri: elsewhere };
      await popup.evaluate((message) => window.opener.postMessage(message, location.origin), forged);
      const error = page.getByTestId('event-log').locator('li', { hasText: 'oauth-connect-error' });
      await expect(error).toContainText('"code":"redirect_mismatch"');
      const problem = `the response arrived at ${elsewhere}, not at this attempt's redirect URI ${demo.url}/callback`;
      await expect(error).toContainText(problem);
      await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'error');
      expect(exchanges).toHaveLength(0);
    });
  }

  test('the genuine callback script on another path of the same origin: its response is refused', async ({
    page,
    context,
    demo,
    exchanges,
  }) => {
    await serveCallback(context, demo.url, '/other-provider/callback');
    const popup = await gotoAndClickConnect(page, demo.url);
    const state = encodeURIComponent(await attemptState(page));
    await popup.getByLabel('Username').waitFor();
    await navigateAway(popup, `${demo.url}/other-provider/callback?code=mixed-up-code&state=${state}`);
    await expect(page.getByTestId('event-log')).toContainText('"code":"redirect_mismatch"');
    expect(exchanges).toHaveLength(0);
  });
});
