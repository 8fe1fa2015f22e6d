import type { Page, Route } from '@playwright/test';
import {
  clickConnect,
  closedPort,
  expect,
  loggedEvents,
  signInAndConsent,
  test,
  gotoAndClickConnect,
} from './fixtures.js';

/** Answers the exchange endpoint with `fulfil` and counts the requests that reached it. */
async function interceptExchange(page: Page, fulfil: (route: Route) => Promise<void>) {
  const requests: { headers: Record<string, string> }[] = [];
  await page.route('**/api/exchange', async (route) => {
    requests.push({ headers: route.request().headers() });
    await fulfil(route);
  });
  return requests;
}

test.describe('exchange endpoint faults', () => {
  const cases: [string, (route: Route) => Promise<void>, RegExp, string][] = [
    [
      'HTTP 500',
      (route) => route.fulfill({ status: 500, json: { error: 'server_error' } }),
      /"code":"exchange_failed".*"status":500/,
      'The exchange endpoint answered HTTP 500',
    ],
    [
      'a 200 that is HTML',
      (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Login</h1>' }),
      /"code":"exchange_failed".*"status":200/,
      'without a JSON body',
    ],
    ['a network failure', (route) => route.abort('failed'), /"code":"network_error"/, 'could not be reached'],
  ];
  // The event carries the developer's message; the user is told what to do.
  for (const [name, fulfil, logged, message] of cases) {
    test(`${name} → the right error, shown, and the request never retried`, async ({ page, demo }) => {
      const requests = await interceptExchange(page, fulfil);
      await signInAndConsent(await gotoAndClickConnect(page, demo.url));
      await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'error');
      await expect(page.getByTestId('event-log').locator('li').last()).toHaveText(logged);
      await expect(page.getByTestId('event-log').locator('li').last()).toContainText(message);
      await expect(page.getByRole('status')).toHaveText(
        'The connection could not be completed. Check your connection and try again.',
      );
      expect(await loggedEvents(page)).toEqual(['oauth-connect-start', 'oauth-connect-code', 'oauth-connect-error']);
      expect(requests).toHaveLength(1);
    });
  }
});

test('the exchange request carries the page’s CSRF token and the contract body', async ({ page, demo, exchanges }) => {
  const requests = await interceptExchange(page, (route) => route.continue());
  await page.goto(demo.url);
  const token = await page.locator('meta[name="csrf-token"]').getAttribute('content');
  await signInAndConsent(await clickConnect(page));
  await expect(page.getByTestId('connection')).toContainText('Connected');
  expect(requests).toHaveLength(1);
  expect(requests[0].headers['x-csrf-token']).toBe(token);
  expect(requests[0].headers['content-type']).toBe('application/json');
  // The body as the backend received it (Firefox's BiDi routes do not expose request bodies); scope has openid, so a
  // nonce.
  expect(Object.keys(exchanges[0].body as object).sort()).toEqual([
    'code',
    'code_verifier',
    'iss',
    'nonce',
    'provider',
    'redirect_uri',
    'state',
  ]);
  expect(exchanges[0].body).toMatchObject({
    iss: demo.oidc.issuer,
    provider: 'Demo ID',
    redirect_uri: `${demo.url}/callback`,
  });
});

test('a slow exchange endpoint: the request times out as network_error', async ({ page, demo }) => {
  const requests = await interceptExchange(page, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await route.fulfill({ json: { late: true } }).catch(() => {}); // the page gave up already
  });
  await page.goto(demo.url);
  await page.locator('oauth-connect').evaluate((element) => element.setAttribute('exchange-timeout', '1'));
  await signInAndConsent(await clickConnect(page));
  await expect(page.getByTestId('event-log').locator('li').last()).toContainText('"code":"network_error"');
  await expect(page.getByTestId('event-log').locator('li').last()).toContainText(
    'The exchange endpoint did not answer within 1 s',
  );
  await expect(page.getByRole('status')).toHaveText(
    'The connection could not be completed. Check your connection and try again.',
  );
  expect(requests).toHaveLength(1);
});

test('an exchange endpoint that is down: network_error', async ({ page, demo }) => {
  await page.goto(demo.url);
  const url = `http://127.0.0.1:${await closedPort()}/api/exchange`;
  await page.locator('oauth-connect').evaluate((element, url) => element.setAttribute('exchange-url', url), url);
  await signInAndConsent(await clickConnect(page));
  await expect(page.getByTestId('event-log').locator('li').last()).toContainText('"code":"network_error"');
});

test('the backend refusing (403, no CSRF token): exchange_failed with its status and description', async ({
  page,
  demo,
  exchanges,
}) => {
  await page.goto(demo.url);
  await page.locator('meta[name="csrf-token"]').evaluate((meta) => meta.remove());
  await signInAndConsent(await clickConnect(page));
  await expect(page.getByTestId('event-log').locator('li').last()).toContainText('"code":"exchange_failed"');
  await expect(page.getByTestId('event-log').locator('li').last()).toContainText(
    '"status":403,"description":"missing or wrong CSRF token"',
  );
  expect(exchanges).toEqual([expect.objectContaining({ status: 403 })]);
});

test('the provider unreachable inside the popup: closing it cancels, nothing exchanged', async ({
  page,
  demo,
  exchanges,
}) => {
  await page.goto(demo.url);
  const url = `http://127.0.0.1:${await closedPort()}/auth`;
  await page.locator('oauth-connect').evaluate((element, url) => element.setAttribute('authorize-url', url), url);
  const popup = await clickConnect(page);
  await expect.poll(() => popup.url()).not.toBe('about:blank'); // the browser's own error page
  await popup.waitForTimeout(800); // the user reads it, then closes the window
  await popup.close();
  await expect(page.getByTestId('event-log').locator('li').last()).toContainText(
    'oauth-connect-cancel {"reason":"popup_closed"}',
  );
  expect(exchanges).toHaveLength(0);
});

test('the element removed while pending: its popup closes and the attempt is cancelled', async ({ page, demo }) => {
  const popup = await gotoAndClickConnect(page, demo.url);
  await popup.getByLabel('Username').waitFor();
  const closed = popup.waitForEvent('close');
  // A detached element's events no longer reach the document: listen on the element itself.
  const cancel = page.locator('oauth-connect').evaluate((element) => {
    const heard = new Promise((resolve) =>
      element.addEventListener('oauth-connect-cancel', (event) => resolve((event as CustomEvent).detail)),
    );
    element.remove();
    return heard;
  });
  await closed;
  expect(await cancel).toEqual({ reason: 'aborted' });
});

test('leaving the page while pending closes the popup', async ({ page, demo }) => {
  const popup = await gotoAndClickConnect(page, demo.url);
  await popup.getByLabel('Username').waitFor();
  const closed = popup.waitForEvent('close');
  await page.goto(`${demo.url}/demo/script-tag.html`);
  await closed;
  expect(popup.isClosed()).toBe(true);
});
