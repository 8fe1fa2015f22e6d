import type { ResolvedConfig } from './config.js';
import { randomToken } from './random.js';

export interface AuthorizeRequest {
  state: string;
  /** S256 challenge; absent when PKCE is off. */
  codeChallenge?: string;
  /** OpenID Connect `nonce`; see `openIdNonce`. */
  nonce?: string;
}

/**
 * The `nonce` of an OpenID Connect request (OpenID Connect Core 1.0 section 3.1.2.1): with `openid`
 * in `scope`, the one `params` sets, else a fresh one from the same generator as `state`. Without
 * `openid`, undefined.
 */
export function openIdNonce(config: ResolvedConfig): string | undefined {
  if (!config.scope.split(' ').includes('openid')) return undefined;
  return config.params.get('nonce') ?? randomToken();
}

/**
 * The authorization request URL (RFC 6749 section 4.1.1, PKCE per RFC 7636 section 4.3).
 * Query parameters already on `authorize-url` are kept; empty `scope` and `display` are left out.
 */
export function buildAuthorizeUrl(config: ResolvedConfig, request: AuthorizeRequest): string {
  const url = new URL(config.authorizeUrl);
  const query = url.searchParams;
  for (const [name, value] of config.params) query.set(name, value);
  query.set('response_type', 'code');
  query.set('client_id', config.clientId);
  query.set('redirect_uri', config.redirectUri);
  if (config.scope) query.set('scope', config.scope);
  query.set('state', request.state);
  if (request.nonce) query.set('nonce', request.nonce);
  if (config.display) query.set('display', config.display);
  if (config.responseMode !== 'query') query.set('response_mode', config.responseMode);
  if (request.codeChallenge) {
    query.set('code_challenge', request.codeChallenge);
    query.set('code_challenge_method', 'S256');
  }
  return url.href;
}
