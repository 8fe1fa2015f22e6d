import { afterEach, describe, expect, test } from 'vitest';
import type { EmulatedProvider } from '../../demo/emulators/emulated-provider.js';
import { startPassport, type PassportOptions } from '../../demo/emulators/passport.js';
import type { EmulatedClient } from '../../demo/emulators/token-store.js';
import { MiniBrowser, pkcePair, postForm } from './emulator-browser.js';

const CALLBACK = 'https://app.example/callback';
const client: EmulatedClient = { id: 'client-1', secret: 'secret-1', name: 'Test app', redirectUris: [CALLBACK] };
const INVALID_REQUEST =
  'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more ' +
  'than once, or is otherwise malformed.';

let passport: EmulatedProvider;
let browser: MiniBrowser;
afterEach(() => passport.close());

async function start(options: Partial<PassportOptions> = {}) {
  passport = await startPassport({ brand: 'Kanka', clients: [client], ...options });
  browser = new MiniBrowser(passport.origin);
}

function authorizeUrl(extra: Record<string, string> = {}): string {
  const request = { client_id: client.id, redirect_uri: CALLBACK, response_type: 'code', state: 'st-1' };
  return `/oauth/authorize?${new URLSearchParams({ ...request, ...extra })}`;
}

const token = (form: Record<string, string>) =>
  postForm(`${passport.origin}/oauth/token`, { client_id: client.id, client_secret: client.secret, ...form });

const redeem = (code: string, redirectUri = CALLBACK) =>
  token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });

/** The query of the redirect, in order. */
const queryOf = (url: URL | undefined) => [...url!.searchParams];

describe('Laravel Passport (league/oauth2-server 8.x) emulator', () => {
  test('Cancel redirects with error=access_denied, error_description, hint, message and the state', async () => {
    await start();
    const walk = await browser.walk(authorizeUrl(), 'deny');
    expect(walk.redirectedTo!.origin + walk.redirectedTo!.pathname).toBe(CALLBACK);
    expect(queryOf(walk.redirectedTo)).toEqual([
      ['state', 'st-1'],
      ['error', 'access_denied'],
      ['error_description', 'The resource owner or authorization server denied the request.'],
      ['hint', 'The user denied the request'],
      ['message', 'The resource owner or authorization server denied the request.'],
    ]);
    expect(passport.emulator.issued).toEqual([]);
  });

  test('an undefined scope is refused before any login: a redirect with error=invalid_scope, no state', async () => {
    await start({ scopes: ['read', 'write'] });
    const walk = await browser.walk(authorizeUrl({ scope: 'read admin' }));
    expect(walk.steps).toHaveLength(1);
    expect(walk.redirectedTo!.origin + walk.redirectedTo!.pathname).toBe(CALLBACK);
    expect(queryOf(walk.redirectedTo)).toEqual([
      ['error', 'invalid_scope'],
      ['error_description', 'The requested scope is invalid, unknown, or malformed'],
      ['hint', 'Check the `admin` scope'],
      ['message', 'The requested scope is invalid, unknown, or malformed'],
    ]);
  });

  test('defined scopes and an empty scope are granted', async () => {
    await start({ scopes: ['read', 'write'] });
    for (const scope of ['read write', '']) {
      const walk = await browser.walk(authorizeUrl({ scope }));
      expect((await redeem(walk.redirectedTo!.searchParams.get('code')!)).status).toBe(200);
    }
  });

  test('a code presented again is invalid_request: 400 JSON with error, error_description, hint, message', async () => {
    await start();
    const code = (await browser.walk(authorizeUrl())).redirectedTo!.searchParams.get('code')!;
    expect((await redeem(code)).status).toBe(200);
    const again = await redeem(code);
    expect(again).toMatchObject({ status: 400, contentType: 'application/json' });
    expect(again.body).toEqual({
      error: 'invalid_request',
      error_description: INVALID_REQUEST,
      hint: 'Authorization code has been revoked',
      message: INVALID_REQUEST,
    });
    expect(passport.emulator.issued).toHaveLength(1);
  });

  test('an unknown client at the token endpoint is 401 JSON invalid_client', async () => {
    await start();
    const code = (await browser.walk(authorizeUrl())).redirectedTo!.searchParams.get('code')!;
    const answer = await token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, client_id: 'nobody' });
    expect(answer).toMatchObject({ status: 401, contentType: 'application/json' });
    expect(answer.body).toEqual({
      error: 'invalid_client',
      error_description: 'Client authentication failed',
      message: 'Client authentication failed',
    });
    expect(passport.emulator.issued).toEqual([]);
  });

  test('consent is skipped while the user holds a valid token for the client, asked again once revoked', async () => {
    await start();
    const first = await browser.walk(authorizeUrl());
    expect(first.steps.map((step) => step.heading)).toContain('Authorization request');
    expect((await redeem(first.redirectedTo!.searchParams.get('code')!)).status).toBe(200);

    const again = await browser.walk(authorizeUrl({ state: 'st-2' }), 'none');
    expect(again.steps.map((step) => step.url.pathname)).toEqual(['/oauth/authorize']);
    expect(again.redirectedTo!.searchParams.get('state')).toBe('st-2');

    const authorized = (await (await browser.fetch('/oauth/tokens')).json()) as { id: string; client_id: string }[];
    expect(authorized.map((entry) => entry.client_id)).toEqual([client.id]);
    expect((await browser.fetch(`/oauth/tokens/${authorized[0]!.id}`, { method: 'DELETE' })).status).toBe(204);
    const asked = await browser.walk(authorizeUrl({ state: 'st-3' }), 'none');
    expect(asked.redirectedTo).toBeUndefined();
    expect(asked.steps.at(-1)!.heading).toBe('Authorization request');
  });

  test('a loopback redirect URI matches the registered one on any port, at authorize and token', async () => {
    const redirectUris = ['http://127.0.0.1:1111/cb', 'http://[::1]:1111/cb'];
    const loopback: EmulatedClient = { ...client, id: 'loopback', redirectUris };
    await start({ clients: [loopback] });
    const codeAt = async (redirectUri: string) => {
      const walk = await browser.walk(authorizeUrl({ client_id: loopback.id, redirect_uri: redirectUri }));
      expect(walk.redirectedTo!.origin + walk.redirectedTo!.pathname).toBe(redirectUri);
      return walk.redirectedTo!.searchParams.get('code')!;
    };
    const exchange = (code: string, redirectUri: string) =>
      token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: loopback.id });

    expect((await exchange(await codeAt('http://127.0.0.1:2222/cb'), 'http://127.0.0.1:2222/cb')).status).toBe(200);
    expect((await exchange(await codeAt('http://[::1]:3333/cb'), 'http://[::1]:3333/cb')).status).toBe(200);
    // The token request's redirect URI passes the registration check on any port, yet must be the one the code was for.
    const otherPort = await exchange(await codeAt('http://127.0.0.1:2222/cb'), 'http://127.0.0.1:4444/cb');
    expect(otherPort).toMatchObject({ status: 400, body: { error: 'invalid_request', hint: 'Invalid redirect URI' } });
    const otherPath = await exchange(await codeAt('http://127.0.0.1:2222/cb'), 'http://127.0.0.1:2222/elsewhere');
    expect(otherPath).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(passport.emulator.issued).toHaveLength(2);
  });

  test('localhost is no loopback literal to league: a wrong port is refused, before any login', async () => {
    await start({ clients: [{ ...client, redirectUris: ['http://localhost:1111/cb'] }] });
    const walk = await browser.walk(authorizeUrl({ redirect_uri: 'http://localhost:2222/cb' }));
    expect(walk.redirectedTo).toBeUndefined();
    expect(walk.last).toMatchObject({ status: 401, contentType: 'application/json' });
    expect(JSON.parse(walk.last!.text)).toMatchObject({ error: 'invalid_client' });
  });

  test('PKCE: a wrong code_verifier is invalid_grant, a verifier without a challenge invalid_request', async () => {
    await start();
    const { challenge, verifier } = await pkcePair();
    const pkceCode = (
      await browser.walk(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }))
    ).redirectedTo!.searchParams.get('code')!;
    const withVerifier = (code: string, codeVerifier: string) =>
      token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: codeVerifier });
    const wrong = await withVerifier(pkceCode, (await pkcePair()).verifier);
    const failed = { error: 'invalid_grant', hint: 'Failed to verify `code_verifier`.' };
    expect(wrong).toMatchObject({ status: 400, body: failed });
    const plainCode = (await browser.walk(authorizeUrl())).redirectedTo!.searchParams.get('code')!;
    const downgrade = await withVerifier(plainCode, verifier);
    const hint = 'code_verifier received when no code_challenge is present';
    expect(downgrade).toMatchObject({ status: 400, body: { error: 'invalid_request', hint } });
    expect(passport.emulator.issued).toEqual([]);
    expect((await withVerifier(pkceCode, verifier)).status).toBe(200);
  });

  test('a refresh rotates: the old refresh token is then refused as revoked', async () => {
    await start();
    const code = (await browser.walk(authorizeUrl())).redirectedTo!.searchParams.get('code')!;
    const { refresh_token: first } = (await redeem(code)).body as { refresh_token: string };
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first, scope: '' });
    expect(refreshed).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 31_536_000 } });
    const reused = await token({ grant_type: 'refresh_token', refresh_token: first, scope: '' });
    expect(reused).toMatchObject({ status: 401, body: { error: 'invalid_request', hint: 'Token has been revoked' } });
    expect(passport.emulator.tokenCalls).toEqual({ authorization_code: 1, refresh_token: 2 });
    expect(passport.emulator.issued.map((entry) => entry.grant)).toEqual(['authorization_code', 'refresh_token']);
  });

  test("Anomaly's /oauth/request?client= starts the request for the client's own redirect URI", async () => {
    await start({ brand: 'Anomaly' });
    const walk = await browser.walk(`/oauth/request?client=${client.id}`);
    expect(walk.steps[1]!.url.pathname).toBe('/oauth/authorize');
    const request = Object.fromEntries(walk.steps[1]!.url.searchParams);
    expect(request).toEqual({ client_id: client.id, redirect_uri: CALLBACK, response_type: 'code' });
    expect((await redeem(walk.redirectedTo!.searchParams.get('code')!)).status).toBe(200);
    expect((await browser.fetch('/oauth/request?client=nobody')).status).toBe(404);
  });
});
