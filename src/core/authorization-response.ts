import { parseHttpUrl, parseUrl } from '../protocol/urls.js';
import type { CallbackResponse } from './callback-message.js';
import type { ResolvedConfig } from './config.js';
import { OAuthConnectError } from './errors.js';

/** The `detail` of `oauth-connect-code`. */
export interface CodeDetail {
  code: string;
  state: string;
  redirectUri: string;
  codeVerifier?: string;
  iss?: string;
  /** OpenID Connect `nonce` the authorization request carried; the ID Token must carry it back. */
  nonce?: string;
}

/** What a response is checked against and completed with: the attempt's request. */
export interface ResponseContext {
  /** `redirectUri`: what the provider was sent; `issuer`: when set, a differing `iss` is refused. */
  config: Pick<ResolvedConfig, 'redirectUri' | 'issuer'>;
  codeVerifier?: string;
  /** The OpenID Connect `nonce` the authorization request carried. */
  nonce?: string;
}

/**
 * The callback reports its origin and path only (its query held the response), so a redirect URI
 * is compared by those: `https://app.example/cb?via=x` matches an arrival at `https://app.example/cb`.
 */
const originAndPath = (uri: string) => {
  const url = parseUrl(uri);
  return url && url.origin + url.pathname;
};

/**
 * Turns a checked callback response into the code detail, or throws: `redirect_mismatch` when the
 * response arrived at another redirect URI than the attempt's (mix-up, RFC 9700 section 4.4.2; an
 * older callback does not say where it arrived), the provider's own error passed through unchanged
 * (RFC 6749 section 4.1.2.1), or `issuer_mismatch` (RFC 9207 section 2.4).
 */
export function interpretAuthorizationResponse(response: CallbackResponse, context: ResponseContext): CodeDetail {
  const { params, redirectUri: arrivedAt } = response;
  const { codeVerifier, nonce } = context;
  const { redirectUri, issuer } = context.config;
  const { error, iss } = params;
  const endpoint = originAndPath(redirectUri);
  if (arrivedAt !== undefined && (!endpoint || originAndPath(arrivedAt) !== endpoint)) {
    const problem = `the response arrived at ${arrivedAt}, not at this attempt's redirect URI ${redirectUri}`;
    throw new OAuthConnectError('redirect_mismatch', problem);
  }
  if (error) {
    const description = params.error_description;
    // Only an http(s) `error_uri` is passed on: anything else (javascript:, data:) must never become a link.
    const uri = parseHttpUrl(params.error_uri!) && params.error_uri;
    throw new OAuthConnectError(error, description || `The provider answered ${error}`, {
      source: 'provider',
      description,
      uri,
    });
  }
  if (issuer && iss !== undefined && iss !== issuer) {
    throw new OAuthConnectError('issuer_mismatch', `unexpected "iss" response parameter value: expected ${issuer}`);
  }
  // JSON leaves out what is undefined: the detail carries only the values this response has.
  return JSON.parse(JSON.stringify({ code: params.code, state: params.state, redirectUri, codeVerifier, iss, nonce }));
}
