import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { EmulatedProvider } from '../../demo/emulators/emulated-provider.js';
import { startGancio } from '../../demo/emulators/gancio.js';
import { MiniBrowser, pkcePair, postForm } from './emulator-browser.js';

const CALLBACK = 'http://127.0.0.1:9/callback';

let gancio: EmulatedProvider;
let browser: MiniBrowser;

beforeEach(async () => {
  gancio = await startGancio();
  browser = new MiniBrowser(gancio.origin);
});
afterEach(() => gancio.close());

async function register(redirectUris = CALLBACK): Promise<Client> {
  const form = { client_name: 'Test app', redirect_uris: redirectUris };
  const answer = await postForm(`${gancio.origin}/api/client`, form);
  expect(answer.status).toBe(200);
  return answer.body as Client;
}

type Client = { client_id: string; client_secret: string };

function authorizeUrl(clientId: string, extra: Record<string, string> = {}): string {
  const request = { client_id: clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'event:write' };
  return `/oauth/authorize?${new URLSearchParams({ ...request, state: 'st-1', ...extra })}`;
}

const exchange = (client: Client, code: string, extra: Record<string, string> = {}) =>
  postForm(`${gancio.origin}/oauth/token`, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: CALLBACK,
    ...client,
    ...extra,
  });

/** Runs the authorization to its code, logging in and approving on the consent page. */
async function codeFor(clientId: string, extra: Record<string, string> = {}): Promise<string> {
  const walk = await browser.walk(authorizeUrl(clientId, extra));
  return walk.redirectedTo!.searchParams.get('code')!;
}

describe('Gancio 1.21 emulator', () => {
  test('GET /oauth/authorize makes a transaction and shows /authorize; Authorize redirects the code', async () => {
    const client = await register();
    const walk = await browser.walk(authorizeUrl(client.client_id));
    expect(walk.steps.map((step) => step.url.pathname)).toEqual([
      '/oauth/authorize',
      '/authorize',
      '/login',
      '/login',
      '/authorize',
      '/oauth/authorize',
    ]);
    expect(walk.steps[1]!.url.searchParams.get('transactionID')).toMatch(/\w+/);
    expect(walk.redirectedTo!.origin + walk.redirectedTo!.pathname).toBe(CALLBACK);
    expect(walk.redirectedTo!.searchParams.get('state')).toBe('st-1');
    const tokens = await exchange(client, walk.redirectedTo!.searchParams.get('code')!);
    expect(tokens).toMatchObject({ status: 200, body: { token_type: 'Bearer', access_token: expect.any(String) } });
    expect(gancio.emulator.issued.map((entry) => entry.grant)).toEqual(['authorization_code']);
  });

  test('the documented /authorize reached without a transaction ends on an error page; no code is sent', async () => {
    const client = await register();
    const request = { client_id: client.client_id, response_type: 'code', redirect_uri: CALLBACK };
    const walk = await browser.walk(`/authorize?${new URLSearchParams(request)}`);
    expect(walk.redirectedTo).toBeUndefined();
    expect(walk.last).toMatchObject({ status: 500, text: 'Internal Server Error' });
    expect(gancio.emulator.issued).toEqual([]);
  });

  test('a client registered with two space-joined redirect URIs gets invalid_grant on every exchange', async () => {
    const other = 'http://127.0.0.1:9/other';
    const client = await register(`${CALLBACK} ${other}`);
    for (const redirectUri of [CALLBACK, other]) {
      const code = await codeFor(client.client_id, { redirect_uri: redirectUri });
      const answer = await exchange(client, code, { redirect_uri: redirectUri });
      const body = { error: 'invalid_grant', error_description: 'Invalid authorization code' };
      expect(answer).toMatchObject({ status: 403, body });
    }
    expect(gancio.emulator.issued).toEqual([]);
  });

  test("the token request's redirect_uri is not read: the code's must equal the registered one", async () => {
    const client = await register();
    const code = await codeFor(client.client_id);
    const answer = await exchange(client, code, { redirect_uri: 'https://elsewhere.example/cb' });
    expect(answer.status).toBe(200);
  });

  test('the refresh_token grant is never answered, and close() still ends that request', async () => {
    const client = await register();
    const { body } = await exchange(client, await codeFor(client.client_id));
    const { refresh_token } = body as { refresh_token: string };
    const refresh = postForm(`${gancio.origin}/oauth/token`, { grant_type: 'refresh_token', refresh_token, ...client });
    const outcome = refresh.then(
      () => 'answered',
      () => 'connection ended',
    );
    await expect.poll(() => gancio.emulator.tokenCalls.refresh_token).toBe(1);
    // A later request on another connection is answered while the refresh still waits.
    expect((await exchange(client, await codeFor(client.client_id))).status).toBe(200);
    expect(await Promise.race([outcome, Promise.resolve('still waiting')])).toBe('still waiting');
    await gancio.close();
    expect(await outcome).toBe('connection ended');
    expect(gancio.emulator.issued.map((entry) => entry.grant)).toEqual(['authorization_code', 'authorization_code']);
  });

  test('PKCE is ignored: a code asked with a challenge redeems with a wrong code_verifier, and with none', async () => {
    const client = await register();
    const { challenge } = await pkcePair();
    const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };
    const otherVerifier = (await pkcePair()).verifier;
    const wrong = await exchange(client, await codeFor(client.client_id, pkce), { code_verifier: otherVerifier });
    const missing = await exchange(client, await codeFor(client.client_id, pkce));
    expect([wrong.status, missing.status]).toEqual([200, 200]);
  });

  test('any redirect_uri is taken at authorize: the code goes where asked (and does not redeem)', async () => {
    const client = await register();
    const walk = await browser.walk(authorizeUrl(client.client_id, { redirect_uri: 'https://attacker.example/steal' }));
    expect(walk.redirectedTo!.href).toMatch(/^https:\/\/attacker\.example\/steal\?code=\w+&state=st-1$/);
    const answer = await exchange(client, walk.redirectedTo!.searchParams.get('code')!);
    expect(answer.status).toBe(403);
    expect(gancio.emulator.issued).toEqual([]);
  });

  test('only the client secret protects a code: never used up, refused without the secret', async () => {
    const client = await register();
    const code = await codeFor(client.client_id);
    const withoutSecret = await exchange({ client_id: client.client_id, client_secret: '' }, code);
    const wrongSecret = await exchange({ ...client, client_secret: 'guessed' }, code);
    expect([withoutSecret.status, wrongSecret.status]).toEqual([401, 401]);
    expect(gancio.emulator.issued).toEqual([]);
    const first = await exchange(client, code);
    const again = await exchange(client, code);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(gancio.emulator.issued).toHaveLength(2);
  });

  test('HTTP Basic client authentication is answered 401 text/plain; client_secret_post works', async () => {
    const client = await register();
    const code = await codeFor(client.client_id);
    const basic = `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`;
    const form = { grant_type: 'authorization_code', code, redirect_uri: CALLBACK };
    const answer = await postForm(`${gancio.origin}/oauth/token`, form, { authorization: basic });
    expect(answer).toMatchObject({ status: 401, body: 'Unauthorized' });
    expect(answer.contentType).toMatch(/^text\/plain/);
    expect(gancio.emulator.issued).toEqual([]);
    expect((await exchange(client, code)).status).toBe(200);
  });

  test('Cancel on the consent page is a plain link home: no access_denied comes back to the client', async () => {
    const client = await register();
    const walk = await browser.walk(authorizeUrl(client.client_id), 'none');
    expect(walk.steps.at(-1)!.heading).toBe('Authorization request');
    expect(walk.last!.text).toContain('<a class="button" href="/">Cancel</a>');
    expect(walk.last!.text).not.toContain('value="deny"');
    const home = await browser.walk('/');
    expect(home.redirectedTo).toBeUndefined();
    const shown = home.steps.map(({ status, heading }) => ({ status, heading }));
    expect(shown).toEqual([{ status: 200, heading: 'Upcoming events' }]);
  });

  test('a client the user holds a token for is approved at once: the code comes straight back', async () => {
    const client = await register();
    expect((await exchange(client, await codeFor(client.client_id))).status).toBe(200);
    const walk = await browser.walk(authorizeUrl(client.client_id, { state: 'st-2' }));
    expect(walk.steps.map((step) => step.url.pathname)).toEqual(['/oauth/authorize']);
    expect(walk.redirectedTo!.searchParams.get('state')).toBe('st-2');
    expect((await exchange(client, walk.redirectedTo!.searchParams.get('code')!)).status).toBe(200);
  });
});
