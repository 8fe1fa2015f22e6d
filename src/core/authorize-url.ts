import {
  buildAuthorizationUrl,
  openIdNonce as nonceFor,
  type AuthorizeRequest,
} from '../protocol/authorization-request.js';
import type { ResolvedConfig } from './config.js';

export type { AuthorizeRequest };

/**
 * The `nonce` of an OpenID Connect request (OpenID Connect Core 1.0 section 3.1.2.1): with `openid`
 * in `scope`, the one `params` sets, else a fresh one from the same generator as `state`. Without
 * `openid`, undefined.
 */
export function openIdNonce(config: ResolvedConfig): string | undefined {
  return nonceFor(config.scope, config.params.get('nonce') ?? undefined);
}

/**
 * The authorization request URL of a resolved configuration (RFC 6749 section 4.1.1, PKCE per
 * RFC 7636 section 4.3). Query parameters already on `authorize-url` are kept; empty `scope` and
 * `display` are left out.
 */
export function buildAuthorizeUrl(config: ResolvedConfig, request: AuthorizeRequest): string {
  return buildAuthorizationUrl({
    authorizationEndpoint: config.authorizeUrl,
    clientId: config.clientId,
    redirectUri: config.redirectUri,
    scope: config.scope,
    display: config.display,
    responseMode: config.responseMode,
    params: config.params,
    ...request,
  });
}
