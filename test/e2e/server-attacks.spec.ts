import type { Browser, Page } from '@playwright/test';
import { clickConnect, expect, logInAndAuthorize, settle, test } from './fixtures.js';

interface HeldCode {
  code: string;
  state: string;
  redirectUri: string;
  codeVerifier?: string;
}

/** Runs a Kanka flow up to the code and keeps the code: the page skips its own exchange. */
async function codeWithoutExchange(page: Page, url: string, mode: 'browser' | 'server'): Promise<HeldCode> {
  await page.goto(`${url}/?provider=kanka&mode=${mode}`);
  const held = page.evaluate(
    () =>
      new Promise<HeldCode>((resolve) =>
        document.addEventListener('oauth-connect-code', (event) => {
          event.preventDefault();
          resolve((event as CustomEvent<HeldCode>).detail);
        }),
      ),
  );
  await logInAndAuthorize(await clickConnect(page, 'Kanka'));
  return held;
}

/** POSTs to one of the demo backend's endpoints from inside the page, with its CSRF token and cookies. */
async function post(
  page: Page,
  path: string,
  body: unknown,
): Promise<{ status: number; body: { error?: string; error_description?: string } }> {
  return page.evaluate(
    async ({ path, body }) => {
      const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content;
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrf },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    { path, body },
  );
}

const exchangeBody = (held: HeldCode, extra: Record<string, string> = {}) => ({
  code: held.code,
  state: held.state,
  redirect_uri: held.redirectUri,
  provider: 'Kanka',
  ...extra,
});

async function otherBrowserPage(browser: Browser, url: string): Promise<Page> {
  const other = await browser.newContext();
  const page = await other.newPage();
  await page.goto(url);
  return page;
}

test('a state started in this browser, presented from another browser (no flow cookie there), is refused and nothing is redeemed', async ({
  page,
  demo,
  browser,
}) => {
  const held = await codeWithoutExchange(page, demo.url, 'server');
  const issued = demo.providers.kanka!.tokensIssued();
  const stranger = await otherBrowserPage(browser, demo.url);
  const answer = await post(stranger, '/api/exchange', exchangeBody(held));
  expect(answer).toEqual({
    status: 400,
    body: {
      error: 'invalid_request',
      error_description: '"state" was issued to another browser, or its flow cookie is gone',
    },
  });
  expect(demo.providers.kanka!.tokensIssued()).toBe(issued);
  await stranger.context().close();
  // The browser that started it still can.
  expect((await post(page, '/api/exchange', exchangeBody(held))).status).toBe(200);
});

test('a reused state is refused: the flow is used up by its first exchange', async ({ page, demo }) => {
  const held = await codeWithoutExchange(page, demo.url, 'server');
  expect((await post(page, '/api/exchange', exchangeBody(held))).status).toBe(200);
  const issued = demo.providers.kanka!.tokensIssued();
  const again = await post(page, '/api/exchange', exchangeBody(held));
  expect(again.status).toBe(400);
  // Refused by the used-state memory, or, once the browser dropped the cleared cookie, as a state issued elsewhere.
  expect(again.body.error_description).toMatch(
    /^"state" (refused: this state was already used|was issued to another browser)/,
  );
  expect(demo.providers.kanka!.tokensIssued()).toBe(issued);
});

test('an unknown state is refused for a provider only the backend may start', async ({ page, demo }) => {
  await page.goto(demo.url);
  const answer = await post(page, '/api/exchange', {
    code: 'some-code',
    state: 'made-up-state',
    redirect_uri: `${demo.url}/callback`,
    provider: 'Gancio',
  });
  expect(answer).toEqual({
    status: 400,
    body: {
      error: 'invalid_request',
      error_description: '"state" is unknown: no flow was started for it in this browser',
    },
  });
});

test('a provider named by the browser that differs from the kept one is refused before any token endpoint is called', async ({
  page,
  demo,
}) => {
  const held = await codeWithoutExchange(page, demo.url, 'server');
  const before = { kanka: demo.providers.kanka!.tokensIssued(), gancio: demo.providers.gancio!.tokensIssued() };
  const answer = await post(page, '/api/exchange', exchangeBody(held, { provider: 'Gancio (demo instance)' }));
  expect(answer.status).toBe(400);
  expect(answer.body.error_description).toBe(
    '"provider" "Gancio (demo instance)" is not the provider this flow started with',
  );
  expect({ kanka: demo.providers.kanka!.tokensIssued(), gancio: demo.providers.gancio!.tokensIssued() }).toEqual(
    before,
  );
});

test('a second redemption of a code is refused without calling the provider again', async ({ page, demo }) => {
  const held = await codeWithoutExchange(page, demo.url, 'browser');
  expect((await post(page, '/api/exchange', exchangeBody(held, { code_verifier: held.codeVerifier! }))).status).toBe(
    200,
  );
  const issued = demo.providers.kanka!.tokensIssued();
  // The same code under a fresh state, so only the code's single use stands in the way.
  const replay = await post(
    page,
    '/api/exchange',
    exchangeBody(held, { state: 'a-fresh-state-for-the-replay', code_verifier: held.codeVerifier! }),
  );
  expect(replay).toEqual({
    status: 400,
    body: { error: 'invalid_grant', error_description: 'this code was already submitted' },
  });
  await settle(200);
  expect(demo.providers.kanka!.tokensIssued()).toBe(issued);
});

for (const instance of [
  'javascript:alert(1)',
  'ftp://events.example',
  'https://events.example/some/path',
  'https://user:pw@events.example',
  'events.example',
]) {
  test(`the start handler refuses the instance ${JSON.stringify(instance)}: not an http(s) origin`, async ({
    page,
    demo,
  }) => {
    await page.goto(demo.url);
    const answer = await post(page, '/api/start', { provider: 'Gancio', instance });
    expect(answer.status).toBe(400);
    expect(answer.body.error_description).toContain('"instance" must be an http(s) origin');
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });
}

test('the start handler refuses an unknown provider, and a request without the CSRF token', async ({ page, demo }) => {
  await page.goto(demo.url);
  expect(await post(page, '/api/start', { provider: 'Nobody' })).toEqual({
    status: 400,
    body: { error: 'invalid_request', error_description: 'unknown provider "Nobody"' },
  });
  const noCsrf = await page.evaluate(
    async () =>
      (
        await fetch('/api/start', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{"provider":"Kanka"}',
        })
      ).status,
  );
  expect(noCsrf).toBe(403);
});
