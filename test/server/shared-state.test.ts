import { describe, expect, test } from 'vitest';
import {
  createClientRegistry,
  createTokenRefresher,
  memoryClientStore,
  memoryLock,
  type ProviderSettings,
  type Lock,
  type TokenSet,
} from '../../src/server.js';
import { startApp, startFlow } from './harness/app-harness.js';
import { fakeTokenEndpoint } from './harness/http-harness.js';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * A provider that rotates refresh tokens and revokes the whole grant when a rotated one comes back (reuse detection).
 */
function reuseRevokingProvider() {
  let live = 'r1';
  const spent = new Set<string>();
  let revoked = false;
  let calls = 0;
  const fetcher = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    calls++;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const presented = new URLSearchParams(String(init?.body)).get('refresh_token')!;
    if (spent.has(presented)) revoked = true;
    if (revoked || presented !== live) return json({ error: 'invalid_grant' }, 400);
    spent.add(presented);
    live = `r${calls + 1}`;
    return json({ access_token: `a${calls + 1}`, token_type: 'Bearer', refresh_token: live });
  }) as typeof fetch;
  return { fetcher, calls: () => calls, revoked: () => revoked, live: () => live };
}

/** One user's tokens, kept where every refresher (every "process") reads and writes them. */
const keptTokens = () => ({ kept: { access_token: 'a1', refresh_token: 'r1' } as TokenSet });

/** A refresher as one process of the app builds it. */
function refresherOf(provider: ReturnType<typeof reuseRevokingProvider>, tokens: { kept: TokenSet }, lock?: Lock) {
  return createTokenRefresher<string>({
    client: () => ({
      tokenEndpoint: 'https://p.example/token',
      clientId: 'c',
      clientSecret: 's',
      style: 'client_secret_post',
    }),
    load: () => tokens.kept,
    save: (_key, fresh) => void (tokens.kept = fresh),
    lock,
    fetch: provider.fetcher,
  });
}

describe('createTokenRefresher with a shared lock', () => {
  test('two refreshers (two processes) refreshing one key at once: one provider call, the grant stays alive', async () => {
    const provider = reuseRevokingProvider();
    const tokens = keptTokens();
    const lock = memoryLock();
    const [one, two] = [refresherOf(provider, tokens, lock), refresherOf(provider, tokens, lock)];
    for (let round = 0; round < 5; round++) {
      const before = provider.calls();
      const [a, b] = await Promise.all([one.refresh('user'), two.refresh('user')]);
      expect(provider.calls() - before).toBe(1);
      expect(a.refresh_token).toBe(b.refresh_token);
    }
    expect(provider.revoked()).toBe(false);
    expect(tokens.kept.refresh_token).toBe(provider.live());
  });

  test('without the lock, the same race spends the refresh token twice and the provider revokes the grant', async () => {
    const provider = reuseRevokingProvider();
    const tokens = keptTokens();
    const make = () => refresherOf(provider, tokens);
    const results = await Promise.allSettled([make().refresh('user'), make().refresh('user')]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(provider.calls()).toBe(2);
  });
});

describe('createClientRegistry with a shared store and lock', () => {
  test('two registries (two processes) asked for one new instance at once: one registration, one client for both', async () => {
    let registrations = 0;
    const fetcher = (async () => {
      registrations++;
      await new Promise((resolve) => setTimeout(resolve, 30));
      return json({ client_id: `client-${registrations}`, client_secret: 's' });
    }) as typeof fetch;
    const store = memoryClientStore();
    const lock = memoryLock();
    const make = () =>
      createClientRegistry({
        style: 'gancio',
        metadata: { clientName: 'App', redirectUri: 'https://app.example/cb' },
        store,
        lock,
        fetch: fetcher,
      });
    const [a, b] = await Promise.all([
      make().client('https://events.example'),
      make().client('https://events.example'),
    ]);
    expect(registrations).toBe(1);
    expect(a).toEqual(b);
  });

  test('the client id is pinned in the flow: a flow started with one client is never redeemed with another', async () => {
    const tokens = await fakeTokenEndpoint();
    let clientId = 'client-1';
    const entry = (instance: string): ProviderSettings => ({
      authorizeEndpoint: `${instance}/oauth/authorize`,
      tokenEndpoint: `${tokens.origin}/token`,
      clientId,
      clientSecret: 's',
      style: 'client_secret_post',
      redirectUri: 'https://app.example/cb',
    });
    const app = await startApp({
      providers: { Gancio: entry },
      outbound: { allowHosts: [tokens.host] },
      onTokens: () => ({}),
    });
    try {
      const flow = await startFlow(app, { provider: 'Gancio', instance: tokens.origin });
      clientId = 'client-2';
      const answer = await app.post(
        '/exchange',
        { code: 'c', state: flow.state, redirect_uri: 'https://app.example/cb' },
        flow.cookies,
      );
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).error_description).toBe(
        "the provider's client or token endpoint changed since this flow started; start again",
      );
      expect(tokens.calls).toHaveLength(0);
    } finally {
      await Promise.all([app.close(), tokens.close()]);
    }
  });
});
