import { describe, expect, test } from 'vitest';
import { createClientRegistry } from '../../src/server/client-registration.js';
import { createTokenRefresher } from '../../src/server/refresh.js';
import { redeemCode } from '../../src/server/oauth/code-grant.js';
import type { TokenSet } from '../../src/server/oauth/token-set.js';

/** A fetch that records each request and answers from `reply`. */
function fakeFetch(reply: (request: Request) => Response | Promise<Response>) {
  const seen: Request[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(request.clone());
    return reply(request);
  }) as typeof fetch;
  return { fetcher, seen };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('redeemCode', () => {
  test('query style (KitchenMonki): a GET with the grant and client credentials in the query', async () => {
    const { fetcher, seen } = fakeFetch(() => json({ access_token: 'a', refresh_token: 'r' }));
    const client = {
      tokenEndpoint: 'https://api.test/v2/token/grant',
      clientId: 'id',
      clientSecret: 's',
      style: 'query' as const,
    };
    await redeemCode(client, { code: 'c', redirectUri: 'https://app.test/cb' }, fetcher);
    expect(seen[0]!.method).toBe('GET');
    expect(Object.fromEntries(new URL(seen[0]!.url).searchParams)).toEqual({
      grant_type: 'authorization_code',
      code: 'c',
      redirect_uri: 'https://app.test/cb',
      client_id: 'id',
      client_secret: 's',
    });
  });

  test('client_secret_post (Passport, Gancio): a form POST with the credentials in the body', async () => {
    const { fetcher, seen } = fakeFetch(() => json({ access_token: 'a', token_type: 'Bearer' }));
    const client = {
      tokenEndpoint: 'https://kanka.test/oauth/token',
      clientId: 'id',
      clientSecret: 's',
      style: 'client_secret_post' as const,
    };
    await redeemCode(client, { code: 'c', redirectUri: 'https://app.test/cb', codeVerifier: 'v'.repeat(43) }, fetcher);
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.headers.get('authorization')).toBeNull();
    expect(Object.fromEntries(new URLSearchParams(await seen[0]!.text()))).toEqual({
      grant_type: 'authorization_code',
      code: 'c',
      redirect_uri: 'https://app.test/cb',
      code_verifier: 'v'.repeat(43),
      client_id: 'id',
      client_secret: 's',
    });
  });
});

describe('createTokenRefresher', () => {
  test('with rotation: calls for the same key at once share one refresh, and the new set is saved before anyone gets it', async () => {
    let alive = 'r1';
    let counter = 1;
    const { fetcher, seen } = fakeFetch(async (request) => {
      const used = new URLSearchParams(await request.text()).get('refresh_token');
      if (used !== alive) return json({ error: 'invalid_grant' }, 400);
      alive = `r${++counter}`;
      return json({ access_token: `a${counter}`, token_type: 'Bearer', refresh_token: alive });
    });
    const kept = new Map<string, TokenSet>([['user', { access_token: 'a1', refresh_token: 'r1' }]]);
    const saved: string[] = [];
    const refresher = createTokenRefresher<string>({
      client: () => ({
        tokenEndpoint: 'https://p.test/token',
        clientId: 'id',
        clientSecret: 's',
        style: 'client_secret_post',
      }),
      load: (key) => kept.get(key),
      save: (key, tokens) => {
        kept.set(key, tokens);
        saved.push(tokens.refresh_token!);
      },
      fetch: fetcher,
    });
    const [first, second] = await Promise.all([refresher.refresh('user'), refresher.refresh('user')]);
    expect(first).toBe(second);
    expect(seen).toHaveLength(1);
    expect(saved).toEqual(['r2']);
    expect((await refresher.refresh('user')).refresh_token).toBe('r3');
  });

  test('a provider that does not rotate keeps the current refresh token', async () => {
    const { fetcher } = fakeFetch(() => json({ access_token: 'a2', token_type: 'Bearer' }));
    const kept = new Map<string, TokenSet>([['user', { access_token: 'a1', refresh_token: 'r1' }]]);
    const refresher = createTokenRefresher<string>({
      client: () => ({ tokenEndpoint: 'https://p.test/token', clientId: 'id', clientSecret: 's' }),
      load: (key) => kept.get(key),
      save: (key, tokens) => void kept.set(key, tokens),
      fetch: fetcher,
    });
    expect(await refresher.refresh('user')).toMatchObject({ access_token: 'a2', refresh_token: 'r1' });
  });
});

describe('createClientRegistry', () => {
  const metadata = {
    clientName: 'My app',
    redirectUri: 'https://app.test/callback',
    scope: 'event:write',
    website: 'https://app.test',
  };

  test('gancio: POST /api/client as a form, once per instance, even for concurrent first requests', async () => {
    const { fetcher, seen } = fakeFetch(() => json({ client_id: 'cid', client_secret: 'cs', scopes: 'event:write' }));
    const registry = createClientRegistry({ style: 'gancio', metadata, fetch: fetcher });
    const clients = await Promise.all([registry.client('https://events.test'), registry.client('https://events.test')]);
    expect(clients).toEqual([
      { clientId: 'cid', clientSecret: 'cs' },
      { clientId: 'cid', clientSecret: 'cs' },
    ]);
    await registry.client('https://events.test');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('https://events.test/api/client');
    expect(Object.fromEntries(new URLSearchParams(await seen[0]!.text()))).toEqual({
      client_name: 'My app',
      redirect_uris: 'https://app.test/callback',
      scopes: 'event:write',
      website: 'https://app.test',
    });
  });

  test('rfc7591: discovers the registration endpoint (RFC 8414) and posts JSON metadata', async () => {
    const { fetcher, seen } = fakeFetch((request) =>
      request.url.endsWith('/.well-known/oauth-authorization-server')
        ? json({ issuer: 'https://id.test', registration_endpoint: 'https://id.test/reg' })
        : json({ client_id: 'cid', client_secret: 'cs', client_secret_expires_at: 0 }, 201),
    );
    const registry = createClientRegistry({ style: 'rfc7591', metadata, fetch: fetcher });
    expect(await registry.client('https://id.test')).toEqual({ clientId: 'cid', clientSecret: 'cs' });
    expect(seen[1]!.url).toBe('https://id.test/reg');
    expect(await seen[1]!.json()).toMatchObject({
      client_name: 'My app',
      redirect_uris: ['https://app.test/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
    });
  });

  test('a failed registration is reported and not kept, so the next request tries again', async () => {
    let fail = true;
    const { fetcher } = fakeFetch(() =>
      fail ? json({ message: 'nope' }, 422) : json({ client_id: 'cid', client_secret: 'cs' }),
    );
    const registry = createClientRegistry({ style: 'gancio', metadata, fetch: fetcher });
    await expect(registry.client('https://events.test')).rejects.toThrow(/HTTP 422/);
    fail = false;
    expect(await registry.client('https://events.test')).toEqual({ clientId: 'cid', clientSecret: 'cs' });
  });
});
