import { describe, expect, test } from 'vitest';
import {
  buildAuthorizationUrl,
  findReservedParam,
  openIdNonce,
  RESERVED_PARAMS,
  ReservedParameterError,
  type AuthorizationRequest,
} from '../../src/protocol/authorization-request.js';

const request: AuthorizationRequest = {
  authorizationEndpoint: 'https://provider.test/oauth/authorize?tenant=7',
  clientId: 'c1',
  redirectUri: 'https://app.test/cb',
  state: 'st4te',
};

const query = (extra: Partial<AuthorizationRequest>) =>
  Object.fromEntries(new URL(buildAuthorizationUrl({ ...request, ...extra })).searchParams);

describe('the authorization request (RFC 6749 section 4.1.1)', () => {
  test('carries the code request, keeps the endpoint query, and leaves out what is empty', () => {
    expect(query({ scope: '', display: '', responseMode: 'query' })).toEqual({
      tenant: '7',
      response_type: 'code',
      client_id: 'c1',
      redirect_uri: 'https://app.test/cb',
      state: 'st4te',
    });
  });

  test('adds scope, display, response_mode, nonce and the S256 challenge (RFC 7636 section 4.3)', () => {
    expect(
      query({
        scope: 'openid profile',
        display: 'popup',
        responseMode: 'web_message',
        nonce: 'n0nce',
        codeChallenge: 'ch',
      }),
    ).toMatchObject({
      scope: 'openid profile',
      display: 'popup',
      response_mode: 'web_message',
      nonce: 'n0nce',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  test('takes extra parameters as URLSearchParams or as entries', () => {
    expect(query({ params: new URLSearchParams('prompt=consent&audience=x') })).toMatchObject({
      prompt: 'consent',
      audience: 'x',
    });
    expect(query({ params: Object.entries({ prompt: 'login' }) })).toMatchObject({ prompt: 'login' });
  });

  test.each(RESERVED_PARAMS)('refuses extra parameters that set "%s", naming it', (name) => {
    const build = () =>
      buildAuthorizationUrl({
        ...request,
        params: [
          ['prompt', 'consent'],
          [name, 'forged'],
        ],
      });
    expect(build).toThrow(ReservedParameterError);
    expect(build).toThrow(`"params" may not set "${name}": the authorization request sets it itself`);
    try {
      build();
    } catch (error) {
      expect((error as ReservedParameterError).parameter).toBe(name);
    }
  });

  test('the reserved names are the ones the request sets itself; nonce, scope and prompt are not', () => {
    expect([...RESERVED_PARAMS].sort()).toEqual(
      ['client_id', 'code_challenge', 'code_challenge_method', 'redirect_uri', 'response_type', 'state'].sort(),
    );
    expect(findReservedParam(['prompt', 'nonce', 'scope', 'audience'])).toBeUndefined();
    expect(findReservedParam(['prompt', 'state', 'client_id'])).toBe('state');
  });
});

describe('the OpenID Connect nonce (OpenID Connect Core 1.0 section 3.1.2.1)', () => {
  test('none without openid in the scope, even when the extra parameters carry one', () => {
    expect(openIdNonce('profile email', 'given')).toBeUndefined();
    expect(openIdNonce(undefined, undefined)).toBeUndefined();
    expect(openIdNonce('openidx', undefined)).toBeUndefined();
  });

  test('with openid: the one given, else a fresh one each time', () => {
    expect(openIdNonce('openid profile', 'given-nonce')).toBe('given-nonce');
    const fresh = new Set(Array.from({ length: 20 }, () => openIdNonce('profile openid', undefined)));
    expect(fresh.size).toBe(20);
    for (const nonce of fresh) expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(openIdNonce('openid', undefined, () => 'from-the-server')).toBe('from-the-server');
  });
});
