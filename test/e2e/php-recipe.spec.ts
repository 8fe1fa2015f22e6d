import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, expect, type APIResponse, type Page, type Response } from '@playwright/test';
import { DEMO_ACCOUNT } from '../../demo/provider/accounts.js';
import { en } from '../../src/i18n/strings.js';
import { signInAndConsent } from './fixtures.js';
import { RECIPE_DIR, startPhpApp, type PhpApp } from './support-php/php-app.js';
import { phpMissing } from './support-php/php-server.js';

/** One PHP app (php -S, its authorization server) per worker; each test starts with an empty token request log. */
const test = base.extend<{ app: PhpApp }, { phpApp: PhpApp }>({
  phpApp: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const app = await startPhpApp();
      await use(app);
      await app.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ phpApp }, use, testInfo) => {
    phpApp.tokenRequests.length = 0;
    await use(phpApp);
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('php -S log', { body: phpApp.log() });
  },
});

const ENDPOINT = '/exchange.php';

interface Recorded {
  errors: unknown[];
  /** What went to the exchange endpoint, as the element handed it to fetch(). */
  exchanges: { body: Record<string, string>; csrfToken: string | null }[];
}

/**
 * Keeps, from before the page's first script runs, the detail of every `oauth-connect-error` and every exchange
 * request (the wire body is not readable in every browser Playwright drives, so fetch() is watched).
 */
async function recordWidget(page: Page): Promise<void> {
  await page.addInitScript((endpoint) => {
    const recorded: Recorded = ((window as unknown as { recorded: Recorded }).recorded = { errors: [], exchanges: [] });
    document.addEventListener('oauth-connect-error', (event) => recorded.errors.push((event as CustomEvent).detail));
    const fetch = window.fetch;
    window.fetch = function (input, init) {
      if (new URL(String(input), location.href).pathname === endpoint) {
        const csrfToken = new Headers(init?.headers).get('X-CSRF-TOKEN');
        recorded.exchanges.push({ body: JSON.parse(String(init?.body)), csrfToken });
      }
      return fetch.call(this, input, init);
    };
  }, ENDPOINT);
}

const recorded = (page: Page) => page.evaluate(() => (window as unknown as { recorded: Recorded }).recorded);

/** Clicks the button, signs in and consents in the popup; resolves with the exchange endpoint's answer. */
async function connectThroughPopup(page: Page): Promise<Response> {
  const exchange = page.waitForResponse((response) => new URL(response.url()).pathname === ENDPOINT);
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Connect with Demo ID', exact: true }).click();
  await signInAndConsent(await popup);
  return exchange;
}

/** POSTs `body` to the endpoint from inside the page, with the page's session and CSRF token. */
function postFromPage(page: Page, body: unknown): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ([url, json]) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content;
      const headers = { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token };
      const response = await fetch(url, { method: 'POST', headers, body: json });
      return { status: response.status, body: await response.json() };
    },
    [ENDPOINT, JSON.stringify(body)] as const,
  );
}

type Send = (options?: {
  method?: string;
  headers?: Record<string, string | null>;
  body?: unknown;
}) => Promise<APIResponse>;
const wellFormed = (app: PhpApp): Record<string, unknown> => ({
  code: 'a-code-nobody-issued',
  state: 's'.repeat(43),
  redirect_uri: app.client.redirectUri,
  code_verifier: 'v'.repeat(43),
  iss: app.oidc.issuer,
  nonce: 'n'.repeat(43),
});
/** A sender of exchange requests with the session and CSRF token of the page it loaded; each call may change parts. */
async function forger(page: Page, app: PhpApp): Promise<Send> {
  await page.goto(app.url);
  const token = (await page.locator('meta[name="csrf-token"]').getAttribute('content'))!;
  return ({ method = 'POST', headers = {}, body = wellFormed(app) } = {}) => {
    const all: Record<string, string | null> = {
      'Content-Type': 'application/json',
      'X-CSRF-TOKEN': token,
      ...headers,
    };
    const sent = Object.fromEntries(
      Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== null),
    );
    return page.request.fetch(app.url + ENDPOINT, { method, headers: sent, data: JSON.stringify(body) });
  };
}

test.describe('the plain PHP exchange endpoint under php -S', () => {
  test.skip(phpMissing !== undefined, phpMissing);

  test('a real popup flow: the user sees who connected; exchange.php redeemed the code once', async ({ page, app }) => {
    await recordWidget(page);
    await page.goto(app.url);
    const answer = await connectThroughPopup(page);

    await expect(page.locator('#connection')).toHaveText(`Connected as ${DEMO_ACCOUNT.claims.name}.`);
    await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'connected');
    const [{ body: sent, csrfToken }] = (await recorded(page)).exchanges;
    expect(sent).toEqual({
      code: expect.any(String),
      state: expect.stringMatching(/^[\w-]{43}$/),
      redirect_uri: app.client.redirectUri,
      code_verifier: expect.stringMatching(/^[\w-]{43}$/),
      iss: app.oidc.issuer,
      nonce: expect.stringMatching(/^[\w-]{43}$/),
      provider: 'Demo ID',
    });
    expect(csrfToken).toBe(await page.locator('meta[name="csrf-token"]').getAttribute('content'));
    // The browser learns who connected, never the tokens.
    expect(await answer.json()).toEqual({ connected: true, account: DEMO_ACCOUNT.claims.name });
    expect(app.tokenRequests).toEqual([
      {
        code: sent.code,
        status: 200,
        body: expect.objectContaining({ access_token: expect.any(String), id_token: expect.any(String) }),
      },
    ]);
    // The authorization server has spent the code: it refuses it now even with the client secret.
    const again = await fetch(app.oidc.tokenEndpoint, {
      method: 'POST',
      headers: { Authorization: `Basic ${btoa(`${app.client.clientId}:${app.client.clientSecret}`)}` },
      body: new URLSearchParams({ ...sent, grant_type: 'authorization_code' }),
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  const sessionAttacks: [string, (page: Page) => Promise<unknown>][] = [
    ['the session expired (its cookie is gone)', (page) => page.context().clearCookies()],
    ['the page has no CSRF token', (page) => page.locator('meta[name="csrf-token"]').evaluate((meta) => meta.remove())],
    [
      'the page has a wrong CSRF token',
      (page) =>
        page.locator('meta[name="csrf-token"]').evaluate((meta) => meta.setAttribute('content', 'f'.repeat(64))),
    ],
  ];
  for (const [situation, tamper] of sessionAttacks) {
    test(`${situation}: 403, the user is told the session expired, nothing is redeemed`, async ({ page, app }) => {
      await recordWidget(page);
      await page.goto(app.url);
      await tamper(page);
      const answer = await connectThroughPopup(page);

      expect(answer.status()).toBe(403);
      await expect
        .poll(async () => (await recorded(page)).errors)
        .toEqual([
          expect.objectContaining({
            code: 'exchange_failed',
            status: 403,
            description: 'the session expired or the CSRF token is wrong; reload the page',
          }),
        ]);
      await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'error');
      await expect(page.locator('oauth-connect [part="status"]')).toHaveText(en.errorSession);
      expect(app.tokenRequests).toEqual([]);
    });
  }

  test("a replayed code, from the page or an attacker's own session: refused before the token endpoint", async ({
    page,
    app,
    browser,
  }) => {
    await recordWidget(page);
    await page.goto(app.url);
    await connectThroughPopup(page);
    await expect(page.locator('#connection')).toHaveText(`Connected as ${DEMO_ACCOUNT.claims.name}.`);
    const sent = (await recorded(page)).exchanges[0].body;
    const refused = {
      status: 400,
      body: { error: 'invalid_grant', error_description: 'this code was already submitted' },
    };

    expect(await postFromPage(page, sent)).toEqual(refused);
    const attacker = await browser.newContext();
    try {
      const attackerPage = await attacker.newPage();
      await attackerPage.goto(app.url);
      expect(await postFromPage(attackerPage, sent)).toEqual(refused);
    } finally {
      await attacker.close();
    }
    expect(app.tokenRequests.map(({ code, status }) => ({ code, status }))).toEqual([{ code: sent.code, status: 200 }]);
  });

  /** The well-formed body with `changes`. */
  const changed = (changes: (app: PhpApp) => Record<string, unknown>) => (send: Send, app: PhpApp) =>
    send({ body: { ...wellFormed(app), ...changes(app) } });
  /** Each refused `invalid_request` with the status beside it, before anything is sent to the token endpoint. */
  const forgeries: [string, number, (send: Send, app: PhpApp) => Promise<APIResponse>][] = [
    ['a GET', 405, (send) => send({ method: 'GET' })],
    ['text/plain, as a cross-site form can send', 415, (send) => send({ headers: { 'Content-Type': 'text/plain' } })],
    ['from another origin, with the right token', 403, (send) => send({ headers: { Origin: 'http://evil.test' } })],
    ['without the CSRF token', 403, (send) => send({ headers: { 'X-CSRF-TOKEN': null } })],
    ['with a wrong CSRF token', 403, (send) => send({ headers: { 'X-CSRF-TOKEN': 'f'.repeat(64) } })],
    ['a body over 16 KiB', 413, changed(() => ({ pad: 'x'.repeat(16384) }))],
    ['a nested object', 400, changed(() => ({ code: { $ne: '' } }))],
    ['no code_verifier (RFC 7636)', 400, changed(() => ({ code_verifier: undefined }))],
    ['a state with a line break', 400, changed(() => ({ state: `${'s'.repeat(43)}\n` }))],
    ['another redirect_uri', 400, changed((app) => ({ redirect_uri: `${app.url}/elsewhere` }))],
    ['another issuer (RFC 9207)', 400, changed(() => ({ iss: 'http://127.0.0.1:1' }))],
  ];
  for (const [forgery, status, attack] of forgeries) {
    test(`a forged exchange request, ${forgery}: ${status}, nothing sent to the token endpoint`, async ({
      page,
      app,
    }) => {
      const response = await attack(await forger(page, app), app);
      expect(response.status()).toBe(status);
      expect(await response.json()).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
      expect(app.tokenRequests).toEqual([]);
    });
  }

  test('a well-formed request with a code nobody issued reaches the token endpoint, which refuses it: 502', async ({
    page,
    app,
  }) => {
    const response = await (await forger(page, app))();
    expect(response.status()).toBe(502);
    expect(await response.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'the provider refused the code',
    });
    expect(app.tokenRequests.map(({ code, status }) => ({ code, status }))).toEqual([
      { code: 'a-code-nobody-issued', status: 400 },
    ]);
  });

  test('every PHP file of the recipes is valid PHP (php -l)', async () => {
    const files = (await readdir(join(RECIPE_DIR, '..'), { recursive: true })).filter((file) => file.endsWith('.php'));
    expect(files).toEqual(expect.arrayContaining(['php/exchange.php', 'php/index.php', 'laravel/routes/web.php']));
    for (const file of files) {
      const lint = spawnSync('php', ['-l', join(RECIPE_DIR, '..', file)], { encoding: 'utf8' });
      expect(lint.stdout + lint.stderr, file).toContain('No syntax errors detected');
      expect(lint.status, file).toBe(0);
    }
  });
});

test('the README shows demo/recipes/php/exchange.php verbatim', async () => {
  const [readme, source] = await Promise.all([
    readFile(join(RECIPE_DIR, '../../../README.md'), 'utf8'),
    readFile(join(RECIPE_DIR, 'exchange.php'), 'utf8'),
  ]);
  expect(readme.includes('```php\n' + source + '```'), 'README.md has exchange.php in a ```php block').toBe(true);
});
