import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { memoryUsedValueStore, type ProviderSettings } from '../../src/server.js';
import { startApp, startFlow, type TestApp } from './harness/app-harness.js';
import { fakeTokenEndpoint } from './harness/http-harness.js';

/**
 * RFC 9700 section 4.4: a victim connects to a malicious instance E; E sends the victim on to an
 * honest instance H, where the victim is signed in, so H's code for the victim comes back to the app.
 * If the app then sends that code to E's token endpoint, E learns it and redeems it through the
 * app in the attacker's own flow at H.
 */
const APP = 'https://app.example';
let honest: Awaited<ReturnType<typeof fakeTokenEndpoint>>;
let evil: Awaited<ReturnType<typeof fakeTokenEndpoint>>;
const redirectUriAt = (instance: string) => `${APP}/callback/gancio/${new URL(instance).host}`;

function atInstance(instance: string): ProviderSettings {
  return {
    authorizeEndpoint: `${instance}/oauth/authorize`,
    tokenEndpoint: `${instance}/oauth/token`,
    clientId: `app-at-${new URL(instance).port}`,
    clientSecret: 'secret',
    style: 'client_secret_post',
    redirectUri: redirectUriAt(instance),
    scope: 'event:write',
  };
}

let app: TestApp;
beforeAll(async () => {
  [honest, evil] = await Promise.all([fakeTokenEndpoint(), fakeTokenEndpoint()]);
  const outbound = { allowHosts: [honest.host, evil.host] };
  app = await startApp({ providers: { Gancio: atInstance }, outbound, onTokens: () => ({ connected: true }) });
});
afterAll(async () => Promise.all([app.close(), honest.close(), evil.close()]));

const exchange = (flow: { state: string; cookies: string[] }, code: string, redirectUri: string, extra = {}) =>
  app.post(
    '/exchange',
    { code, state: flow.state, redirect_uri: redirectUri, provider: 'Gancio', ...extra },
    flow.cookies,
  );

describe('mix-up between instances', () => {
  test("each instance has its own redirect URI, pinned at start: H's response for E's flow is refused, E learns nothing", async () => {
    const victim = await startFlow(app, { provider: 'Gancio', instance: evil.origin });
    expect(victim.url.searchParams.get('redirect_uri')).toBe(redirectUriAt(evil.origin));
    // H honours its registered redirect URI, so its code arrives at H's callback path.
    const answer = await exchange(victim, 'code-of-the-victim-at-H', redirectUriAt(honest.origin));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error_description).toBe(
      '"redirect_uri" is not the redirect URI this flow started with',
    );
    expect(evil.calls).toHaveLength(0);
  });

  test('a code once sent to any token endpoint is never sent again: the attacker cannot redeem it at H through the app', async () => {
    // H ignores redirect_uri at authorize (as real Gancio does), so the code arrives at E's path and goes to E.
    const victim = await startFlow(app, { provider: 'Gancio', instance: evil.origin });
    expect((await exchange(victim, 'code-stolen-by-E', redirectUriAt(evil.origin))).status).toBe(200);
    expect(evil.calls.at(-1)!.get('code')).toBe('code-stolen-by-E');
    // The attacker, in their own browser, starts a flow at H and hands in the stolen code.
    const attacker = await startFlow(app, { provider: 'Gancio', instance: honest.origin });
    const before = honest.calls.length;
    const answer = await exchange(attacker, 'code-stolen-by-E', redirectUriAt(honest.origin));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      error: 'invalid_grant',
      error_description: 'this code was already submitted',
    });
    expect(honest.calls.length).toBe(before);
  });

  test('the same holds across two app instances sharing the used-value store', async () => {
    const shared = memoryUsedValueStore();
    const outbound = { allowHosts: [honest.host, evil.host] };
    const [one, two] = await Promise.all(
      [1, 2].map(() =>
        startApp({ providers: { Gancio: atInstance }, outbound, usedStore: shared, onTokens: () => ({}) }),
      ),
    );
    try {
      const victim = await startFlow(one!, { provider: 'Gancio', instance: evil.origin });
      const post = (app: TestApp, flow: typeof victim, code: string, instance: string) =>
        app.post(
          '/exchange',
          { code, state: flow.state, redirect_uri: redirectUriAt(instance), provider: 'Gancio' },
          flow.cookies,
        );
      expect((await post(one!, victim, 'code-across-instances', evil.origin)).status).toBe(200);
      const attacker = await startFlow(two!, { provider: 'Gancio', instance: honest.origin });
      const before = honest.calls.length;
      expect((await post(two!, attacker, 'code-across-instances', honest.origin)).status).toBe(400);
      expect(honest.calls.length).toBe(before);
    } finally {
      await Promise.all([one!.close(), two!.close()]);
    }
  });
});

describe('issuer identification (RFC 9207)', () => {
  let oidc: TestApp;
  beforeAll(async () => {
    const settings = {
      ...atInstance(honest.origin),
      issuer: honest.origin,
      requireIss: true,
      redirectUri: `${APP}/callback`,
    };
    oidc = await startApp({ providers: { Id: settings }, onTokens: () => ({}) });
  });
  afterAll(() => oidc.close());

  test('an iss naming another issuer, or no iss where the provider always sends one, is refused before any token call', async () => {
    const before = honest.calls.length;
    for (const [iss, message] of [
      [evil.origin, '"iss" is not the issuer this flow went to'],
      [undefined, '"iss" is missing, and this provider always sends it'],
    ] as const) {
      const flow = await startFlow(oidc, { provider: 'Id' });
      const body = { code: 'c-iss', state: flow.state, redirect_uri: `${APP}/callback`, ...(iss ? { iss } : {}) };
      const answer = await oidc.post('/exchange', body, flow.cookies);
      expect(JSON.parse(answer.body).error_description).toBe(message);
    }
    expect(honest.calls.length).toBe(before);
  });
});
