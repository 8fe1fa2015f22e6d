import type { CallbackParams } from './callback-message.js';
import { OAuthConnectError } from './errors.js';

/** The `detail` of `oauth-connect-code`. */
export interface CodeDetail {
  code: string;
  state: string;
  redirectUri: string;
  codeVerifier?: string;
  iss?: string;
}

export interface ResponseContext {
  redirectUri: string;
  codeVerifier?: string;
  /** Expected issuer; when set, a differing `iss` is refused. */
  issuer?: string;
}

/**
 * Turns checked callback params into the code detail, or throws: the provider's own error passed
 * through unchanged (RFC 6749 section 4.1.2.1), or `issuer_mismatch` (RFC 9207 section 2.4).
 */
export function interpretAuthorizationResponse(params: CallbackParams, context: ResponseContext): CodeDetail {
  if (params.error) {
    throw new OAuthConnectError(params.error, params.error_description || `The provider answered ${params.error}`, {
      description: params.error_description,
      uri: httpUrlOrUndefined(params.error_uri),
    });
  }
  if (context.issuer && params.iss !== undefined && params.iss !== context.issuer) {
    throw new OAuthConnectError('issuer_mismatch', `unexpected "iss" response parameter value: expected ${context.issuer}`);
  }
  const detail: CodeDetail = { code: params.code!, state: params.state!, redirectUri: context.redirectUri };
  if (context.codeVerifier) detail.codeVerifier = context.codeVerifier;
  if (params.iss !== undefined) detail.iss = params.iss;
  return detail;
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
