import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TokenSet } from '../../src/server.js';
import { startApp, startFlow, type TestApp } from './harness/app-harness.js';
import { fakeOpenIdProvider, signingKey } from './harness/oidc-token-endpoint.js';

type Forge = 'none' | 'nonce' | 'aud' | 'iss' | 'signature' | 'expired';
let forge: Forge = 'none';
let provider: Awaited<ReturnType<typeof fakeOpenIdProvider>>;
let app: TestApp;
const received: TokenSet[] = [];
const nonces = new Map<string, string>();

beforeAll(async () => {
  const stranger = await signingKey('good');
  provider = await fakeOpenIdProvider(async (origin, params) => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: forge === 'iss' ? 'https://elsewhere.example' : origin,
      aud: forge === 'aud' ? 'another-client' : 'client',
      sub: 'user-1',
      iat: now,
      exp: forge === 'expired' ? now - 3600 : now + 300,
      nonce: forge === 'nonce' ? 'a-nonce-of-another-request' : nonces.get(params.get('code')!),
    };
    // A key that is not the provider's, under the provider's key id.
    return (forge === 'signature' ? stranger : provider.key).sign(claims);
  });
  const settings = {
    issuer: provider.origin,
    authorizeEndpoint: `${provider.origin}/authorize`,
    tokenEndpoint: `${provider.origin}/token`,
    jwksUri: `${provider.origin}/jwks`,
    clientId: 'client',
    clientSecret: 'secret',
    redirectUri: 'https://app.example/cb',
    scope: 'openid profile',
  };
  app = await startApp({ providers: { Id: settings }, onTokens: (tokens) => void received.push(tokens) });
});
afterAll(async () => Promise.all([app.close(), provider.close()]));

/** A flow whose code the provider will answer with an ID Token carrying the flow's nonce (unless forged). */
async function redeem(code: string) {
  const flow = await startFlow(app, { provider: 'Id' });
  const nonce = flow.url.searchParams.get('nonce');
  expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
  nonces.set(code, nonce!);
  return app.post('/exchange', { code, state: flow.state, redirect_uri: 'https://app.example/cb' }, flow.cookies);
}

describe('ID Tokens are validated before onTokens (OpenID Connect Core section 3.1.3.7)', () => {
  test('the start handler sends a nonce when scope has openid, and a valid ID Token reaches onTokens', async () => {
    forge = 'none';
    const answer = await redeem('code-valid');
    expect(answer.status).toBe(200);
    expect(received.at(-1)!.id_token).toBeTypeOf('string');
  });

  for (const [what, kind] of [
    ['another nonce', 'nonce'],
    ['another audience', 'aud'],
    ['another issuer', 'iss'],
    ["a signature that is not the provider's", 'signature'],
    ['an expiry in the past', 'expired'],
  ] as const) {
    test(`an ID Token with ${what} is refused: 502 invalid_id_token, onTokens never called`, async () => {
      forge = kind;
      const before = received.length;
      const answer = await redeem(`code-${kind}`);
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.body).error).toBe('invalid_id_token');
      expect(received.length).toBe(before);
    });
  }
});
