import type { Page, Route } from '@playwright/test';
import { clickConnect, expect, loggedEvents, signInAndConsent, test } from './fixtures.js';

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
    ['HTTP 500', (route) => route.fulfill({ status: 500, json: { error: 'server_error' } }), /"code":"exchange_failed".*"status":500/, 'The exchange endpoint answered HTTP 500'],
    ['a 200 that is HTML', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Login</h1>' }), /"code":"exchange_failed".*"status":200/, 'without a JSON body'],
    ['a network failure', (route) => route.abort('failed'), /"code":"network_error"/, 'could not be reached'],
  ];
  for (const [name, fulfil, logged, shown] of cases) {
    test(`${name} → the right error, shown, and the request never retried`, async ({ page, demo }) => {
      const requests = await interceptExchange(page, fulfil);
      await page.goto(demo.url);
      await signInAndConsent(await clickConnect(page));
      await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'error');
      await expect(page.getByTestId('event-log').locator('li').last()).toHaveText(logged);
      await expect(page.getByRole('status')).toContainText(shown);
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
  // The body as the backend received it (Firefox's BiDi routes do not expose request bodies).
  expect(Object.keys(exchanges[0].body as object).sort()).toEqual(['code', 'code_verifier', 'iss', 'provider', 'redirect_uri', 'state']);
  expect(exchanges[0].body).toMatchObject({ iss: demo.oidc.issuer, provider: 'Demo ID', redirect_uri: `${demo.url}/callback` });
});
