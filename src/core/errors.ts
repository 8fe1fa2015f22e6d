/** Codes the widget itself raises; a provider's own OAuth error code is passed through as is. */
export type OAuthConnectErrorCode =
  | 'invalid_config'
  | 'popup_blocked'
  | 'timeout'
  | 'state_mismatch'
  | 'issuer_mismatch'
  | 'redirect_mismatch'
  | 'exchange_failed'
  | 'start_failed'
  | 'invalid_instance'
  | 'network_error'
  | 'cancelled'
  | (string & {});

export type CancelReason = 'popup_closed' | 'aborted';

/** The `detail` of `oauth-connect-error`. */
export interface ErrorDetail {
  code: OAuthConnectErrorCode;
  message: string;
  status?: number;
  description?: string;
  uri?: string;
}

export interface OAuthConnectErrorOptions {
  status?: number;
  description?: string;
  uri?: string;
  /** With `invalid_config`: the attribute at fault. */
  attribute?: string;
  /** With `cancelled`: why the attempt ended. */
  reason?: CancelReason;
  cause?: unknown;
}

/** Every failure of the widget, with a stable `code` to branch on. */
export class OAuthConnectError extends Error {
  readonly code: OAuthConnectErrorCode;
  readonly status?: number;
  readonly description?: string;
  readonly uri?: string;
  readonly attribute?: string;
  readonly reason?: CancelReason;

  constructor(code: OAuthConnectErrorCode, message: string, options: OAuthConnectErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OAuthConnectError';
    this.code = code;
    this.status = options.status;
    this.description = options.description;
    this.uri = options.uri;
    this.attribute = options.attribute;
    this.reason = options.reason;
  }

  toDetail(): ErrorDetail {
    const detail: ErrorDetail = { code: this.code, message: this.message };
    if (this.status !== undefined) detail.status = this.status;
    if (this.description !== undefined) detail.description = this.description;
    if (this.uri !== undefined) detail.uri = this.uri;
    return detail;
  }
}

export function cancelledError(reason: CancelReason): OAuthConnectError {
  const message =
    reason === 'popup_closed'
      ? 'The popup was closed before the authorization finished'
      : 'The authorization was aborted';
  return new OAuthConnectError('cancelled', message, { reason });
}

export function timeoutError(timeoutMs: number): OAuthConnectError {
  return new OAuthConnectError('timeout', `No authorization response within ${timeoutMs / 1000} s`);
}

export function invalidConfig(attribute: string, problem: string): OAuthConnectError {
  return new OAuthConnectError('invalid_config', `"${attribute}" ${problem}`, { attribute });
}
