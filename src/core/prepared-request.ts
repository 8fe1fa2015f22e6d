import {
  checkedAuthorizationUrl,
  openIdNonce as nonceFor,
  type AuthorizeRequest,
} from '../protocol/authorization-request.js';
import { deriveCodeChallenge, randomToken } from '../protocol/tokens.js';
import type { ResolvedConfig } from './config.js';

/**
 * The secrets of one future authorization request, made before the click so the popup can open at the
 * final authorize URL in the click's own task. Each is used by one attempt at most.
 */
export interface PreparedRequest {
  readonly state: string;
  /** PKCE `code_verifier` and its S256 `code_challenge` (RFC 7636 sections 4.1 and 4.2). */
  readonly codeVerifier: string;
  readonly codeChallenge: string;
}

/** What an attempt sends, and what it must remember to check and complete the response. */
export interface AuthorizationRequest {
  authorizeUrl: string;
  state: string;
  codeVerifier?: string;
  /** OpenID Connect `nonce` (OpenID Connect Core 1.0 section 3.1.2.1). */
  nonce?: string;
}

const used = new WeakSet<PreparedRequest>();

/** Fresh values for the next attempt: state (RFC 6749 section 10.12) and a PKCE pair. */
export async function prepareRequest(): Promise<PreparedRequest> {
  // A fresh `code_verifier`: 43 characters of the unreserved set (RFC 7636 section 4.1).
  const codeVerifier = randomToken();
  return { state: randomToken(), codeVerifier, codeChallenge: await deriveCodeChallenge(codeVerifier) };
}

/** Web Crypto's digest exists only in secure contexts (https, or http on loopback): `subtle` is [SecureContext]. */
export function canDeriveCodeChallenge(win: Window): boolean {
  return Boolean(win.crypto?.subtle);
}

/**
 * The request for `config`, built at once from `prepared` (spent by this call: a second call with the
 * same values gets undefined), or without them when PKCE is off. Undefined when PKCE needs values that
 * are not ready.
 */
export function authorizationRequest(
  config: ResolvedConfig,
  prepared?: PreparedRequest,
): AuthorizationRequest | undefined {
  const fresh = prepared && !used.has(prepared) ? prepared : undefined;
  const pkce = config.pkce === 'S256';
  if (pkce && !fresh) return undefined;
  if (fresh) used.add(fresh);
  // With PKCE off only the state of the values is used.
  const { state = randomToken(), codeVerifier, codeChallenge } = pkce ? fresh! : { state: fresh?.state };
  // An empty `nonce` in `params` is sent as it is, and is no nonce to check.
  const nonce = openIdNonce(config) || undefined;
  const authorizeUrl = buildAuthorizeUrl(config, { state, codeChallenge, nonce });
  return { authorizeUrl, state, codeVerifier, nonce };
}

/**
 * The `nonce` of an OpenID Connect request (OpenID Connect Core 1.0 section 3.1.2.1): with `openid`
 * in `scope`, the one `params` sets, else a fresh one from the same generator as `state`. Without
 * `openid`, undefined.
 */
export function openIdNonce(config: ResolvedConfig): string | undefined {
  return nonceFor(config.scope, config.params.get('nonce'));
}

/**
 * The authorization request URL of a resolved configuration (RFC 6749 section 4.1.1, PKCE per
 * RFC 7636 section 4.3). Query parameters already on `authorize-url` are kept; empty `scope` and
 * `display` are left out. `resolveConfig` refused extra `params` that name a reserved parameter.
 */
export function buildAuthorizeUrl(config: ResolvedConfig, request: AuthorizeRequest): string {
  return checkedAuthorizationUrl(config.authorizeUrl, { ...config, ...request });
}
