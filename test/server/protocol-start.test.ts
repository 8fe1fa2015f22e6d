import { describe, expect, test } from 'vitest';
import { createStartHandler, type ProviderSettings, type ServerOptions } from '../../src/server.js';
import { codeChallengeOf, fromBase64Url, randomToken, toBase64Url } from '../../src/server/crypto/server-crypto.js';
import {
  decodeBase64url,
  deriveCodeChallenge,
  encodeBase64url,
  randomToken as protocolToken,
} from '../../src/protocol/tokens.js';
import { INSTANCE_CASES } from '../unit/protocol-instance-cases.js';
import { SECRET } from './harness/app-harness.js';

const settings: ProviderSettings = {
  authorizeEndpoint: 'https://id.example/authorize',
  tokenEndpoint: 'https://id.example/token',
  clientId: 'client',
  clientSecret: 'secret',
  redirectUri: 'https://app.example/callback',
};

async function start(options: Omit<ServerOptions, 'secret'>, body: Record<string, unknown>) {
  const errors: unknown[] = [];
  const handler = createStartHandler({ secret: SECRET, onError: (error) => errors.push(error), ...options });
  const response = await handler(
    new Request('https://app.example/oauth/start', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
  const json = (await response.json()) as Record<string, string>;
  return { status: response.status, json, cookies: response.headers.getSetCookie(), errors };
}

describe('the start handler and the one reserved-parameter policy (RFC 6749 section 4.1.1)', () => {
  test.each(['state', 'redirect_uri', 'client_id', 'response_type', 'code_challenge', 'code_challenge_method'])(
    'a provider whose params set "%s" is a configuration error: 500, naming it, and nothing kept',
    async (name) => {
      const provider = { ...settings, params: { prompt: 'consent', [name]: 'forged' } };
      const answer = await start({ providers: { Test: provider } }, { provider: 'Test' });
      expect(answer.status).toBe(500);
      expect(answer.json).toEqual({
        error: 'server_error',
        error_description: `the provider's "params" may not set "${name}": the authorization request sets it itself`,
      });
      expect(answer.json.authorize_url).toBeUndefined();
      expect(answer.cookies).toEqual([]);
      expect(answer.errors).toHaveLength(1);
    },
  );

  test('other params join the request; an OpenID nonce in them is the one sent', async () => {
    const provider = { ...settings, scope: 'openid', params: { prompt: 'consent', nonce: 'configured-nonce' } };
    const answer = await start({ providers: { Test: provider } }, { provider: 'Test' });
    expect(answer.status).toBe(200);
    const query = new URL(answer.json.authorize_url!).searchParams;
    expect(Object.fromEntries(query)).toMatchObject({
      prompt: 'consent',
      nonce: 'configured-nonce',
      client_id: 'client',
      redirect_uri: 'https://app.example/callback',
      display: 'popup',
      code_challenge_method: 'S256',
    });
    expect(query.get('state')).toMatch(/^[A-Za-z0-9._~-]{43,}$/);
  });

  test('an authorization endpoint that is not http(s) is a configuration error, never sent', async () => {
    const provider = { ...settings, authorizeEndpoint: 'javascript:alert(1)' };
    const answer = await start({ providers: { Test: provider } }, { provider: 'Test' });
    expect(answer.status).toBe(500);
    expect(answer.json.error_description).toBe('the provider\'s "authorizeEndpoint" must be an http(s) URL');
    expect(answer.cookies).toEqual([]);
  });
});

describe('the instance rule on the server: the same verdicts as in the browser', () => {
  test.each(INSTANCE_CASES)('the start handler reads the instance %j as %j', async (input, origin) => {
    const asked: string[] = [];
    const providers = {
      Gancio: (instance: string) => {
        asked.push(instance);
        return { ...settings, authorizeEndpoint: `${instance}/authorize`, tokenEndpoint: `${instance}/token` };
      },
    };
    const answer = await start({ providers }, { provider: 'Gancio', instance: input });
    if (origin === undefined) {
      expect(answer.status).toBe(400);
      expect(answer.json.error_description).toContain('"instance" must be an http(s) origin');
      expect(asked).toEqual([]);
      expect(answer.cookies).toEqual([]);
    } else {
      expect(answer.status).toBe(200);
      expect(asked).toEqual([origin]);
      expect(new URL(answer.json.authorize_url!).origin).toBe(origin);
    }
  });
});

describe("the server's fast crypto path follows the protocol's encoding rules", () => {
  test('base64url (RFC 4648 section 5) through Buffer equals the protocol, both ways', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      const encoded = encodeBase64url(bytes);
      expect(toBase64Url(bytes)).toBe(encoded);
      expect(new Uint8Array(fromBase64Url(encoded)!)).toEqual(decodeBase64url(encoded));
    }
    expect(fromBase64Url('Zg==')).toBeUndefined();
    expect(fromBase64Url('Zm9v+')).toBeUndefined();
  });

  test('random tokens and S256 challenges (RFC 7636 appendix B) have the same form on both paths', async () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(protocolToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    expect(await codeChallengeOf(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(await deriveCodeChallenge(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
});
