import { expect, test } from 'vitest';
import { buildAuthorizeUrl } from '../../src/core/prepared-request.js';
import { resolveConfig, type ConnectOptions } from '../../src/core/config.js';

function build(options: Partial<ConnectOptions>, codeChallenge?: string, nonce?: string): URL {
  const config = resolveConfig(
    {
      authorizeUrl: 'https://kanka.test/oauth/authorize',
      clientId: 'c1',
      redirectUri: 'https://app.test/cb',
      ...options,
    },
    'https://app.test/',
  );
  return new URL(buildAuthorizeUrl(config, { state: 'st4te', codeChallenge, nonce }));
}

test('carries the authorization request parameters of RFC 6749 section 4.1.1', () => {
  const url = build({ scope: ' openid   profile ' }, 'chall');
  expect(Object.fromEntries(url.searchParams)).toEqual({
    response_type: 'code',
    client_id: 'c1',
    redirect_uri: 'https://app.test/cb',
    scope: 'openid profile',
    state: 'st4te',
    display: 'popup',
    code_challenge: 'chall',
    code_challenge_method: 'S256',
  });
  expect(url.origin + url.pathname).toBe('https://kanka.test/oauth/authorize');
});

test('leaves out an empty scope, display="" and PKCE when off', () => {
  const url = build({ display: '', pkce: 'off' });
  for (const name of ['scope', 'display', 'code_challenge', 'code_challenge_method'])
    expect(url.searchParams.has(name)).toBe(false);
});

test('keeps query parameters already on the authorize URL (Anomaly: /oauth/request?client=…)', () => {
  expect(build({ authorizeUrl: 'https://anomaly.test/oauth/request?client=7' }).searchParams.get('client')).toBe('7');
});

test('adds extra params and response_mode', () => {
  const url = build({ params: 'prompt=consent&audience=x', responseMode: 'fragment' });
  expect(url.searchParams.get('prompt')).toBe('consent');
  expect(url.searchParams.get('audience')).toBe('x');
  expect(url.searchParams.get('response_mode')).toBe('fragment');
});

test('carries the OpenID Connect nonce when one is given, and none otherwise', () => {
  expect(build({ scope: 'openid' }, undefined, 'n0nce').searchParams.get('nonce')).toBe('n0nce');
  expect(build({ scope: 'openid' }).searchParams.has('nonce')).toBe(false);
});
