import type { CallbackParams } from './callback-message.js';
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

export interface ResponseContext {
  /** The attempt's redirect URI: what the provider was sent. */
  redirectUri: string;
  codeVerifier?: string;
  /** Expected issuer; when set, a differing `iss` is refused. */
  issuer?: string;
  /** Where the callback page says the response arrived; absent from older callbacks. */
  arrivedAt?: string;
  nonce?: string;
}

/**
 * Turns checked callback params into the code detail, or throws: `redirect_mismatch` when the
 * response arrived at another redirect URI than the attempt's (mix-up, RFC 9700 section 4.4.2), the
 * provider's own error passed through unchanged (RFC 6749 section 4.1.2.1), or `issuer_mismatch`
 * (RFC 9207 section 2.4).
 */
export function interpretAuthorizationResponse(params: CallbackParams, context: ResponseContext): CodeDetail {
  const { arrivedAt, redirectUri } = context;
  if (arrivedAt !== undefined && !arrivedAtRedirectUri(arrivedAt, redirectUri)) {
    const problem = `the response arrived at ${arrivedAt}, not at this attempt's redirect URI ${redirectUri}`;
    throw new OAuthConnectError('redirect_mismatch', problem);
  }
  if (params.error) {
    throw new OAuthConnectError(params.error, params.error_description || `The provider answered ${params.error}`, {
      source: 'provider',
      description: params.error_description,
      uri: httpUrlOrUndefined(params.error_uri),
    });
  }
  if (context.issuer && params.iss !== undefined && params.iss !== context.issuer) {
    throw new OAuthConnectError(
      'issuer_mismatch',
      `unexpected "iss" response parameter value: expected ${context.issuer}`,
    );
  }
  const detail: CodeDetail = { code: params.code!, state: params.state!, redirectUri };
  if (context.codeVerifier) detail.codeVerifier = context.codeVerifier;
  if (params.iss !== undefined) detail.iss = params.iss;
  if (context.nonce) detail.nonce = context.nonce;
  return detail;
}

/**
 * The callback reports its origin and path only (its query held the response), so a redirect URI
 * is compared by those: `https://app.example/cb?via=x` matches an arrival at `https://app.example/cb`.
 */
function arrivedAtRedirectUri(arrivedAt: string, redirectUri: string): boolean {
  const endpoint = originAndPath(redirectUri);
  return endpoint !== undefined && originAndPath(arrivedAt) === endpoint;
}

function originAndPath(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.origin + url.pathname;
  } catch {
    return undefined;
  }
}

/** Only an http(s) `error_uri` is passed on: anything else (javascript:, data:) must never become a link. */
function httpUrlOrUndefined(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:' ? value : undefined;
  } catch {
    return undefined;
  }
}
