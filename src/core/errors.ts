const CODES = [
  'invalid_config',
  'popup_blocked',
  'in_app_browser',
  'timeout',
  'state_mismatch',
  'issuer_mismatch',
  'redirect_mismatch',
  'exchange_failed',
  'start_failed',
  'invalid_instance',
  'network_error',
  'hook_failed',
  'disconnect_failed',
  'cancelled',
] as const;

/** A code the widget itself raises. A provider's own OAuth error keeps the provider's code instead. */
export type ErrorCode = (typeof CODES)[number];

/** Every `ErrorCode` under its upper-case name: `ErrorCodes.POPUP_BLOCKED === 'popup_blocked'`. */
export const ErrorCodes = Object.freeze(Object.fromEntries(CODES.map((code) => [code.toUpperCase(), code]))) as {
  readonly [Code in ErrorCode as Uppercase<Code>]: Code;
};

/** A provider's `error` value (RFC 6749 section 4.1.2.1), passed through unchanged: `access_denied`, … */
export type ProviderErrorCode = string;

/** Kept for compatibility: one of `ErrorCodes`, or a provider's own code. */
export type OAuthConnectErrorCode = ErrorCode | ProviderErrorCode;

/** `client`: raised by the widget (one of `ErrorCodes`); `provider`: the provider's own error response. */
export type ErrorSource = 'client' | 'provider';

export type CancelReason = 'popup_closed' | 'aborted';

/** The `detail` of `oauth-connect-error`. */
export interface ErrorDetail {
  code: OAuthConnectErrorCode;
  message: string;
  source: ErrorSource;
  status?: number;
  description?: string;
  /** The provider's `error_uri`; with `in_app_browser`, a link that opens the page in the system browser. */
  uri?: string;
  /** With `invalid_config`: the attribute at fault. */
  attribute?: string;
  /** With `cancelled`: why the attempt ended. */
  reason?: CancelReason;
}

export interface OAuthConnectErrorOptions extends Omit<Partial<ErrorDetail>, 'code' | 'message'> {
  cause?: unknown;
}

/** Every failure of the widget, with a stable `code` to branch on and the `source` that raised it. */
export class OAuthConnectError extends Error {
  /** One of `ErrorCodes` when `source` is `client`; the provider's own code when it is `provider`. */
  declare readonly code: OAuthConnectErrorCode;
  declare readonly source: ErrorSource;
  declare readonly status?: number;
  declare readonly description?: string;
  declare readonly uri?: string;
  declare readonly attribute?: string;
  declare readonly reason?: CancelReason;

  constructor(code: OAuthConnectErrorCode, message: string, options: OAuthConnectErrorOptions = {}) {
    // `cause` only when given (ECMA-262 InstallErrorCause); the options' other fields become the detail's.
    super(message, options);
    Object.assign(this, { name: 'OAuthConnectError', code, source: 'client' }, options);
  }

  /** Everything but `cause`, as plain data: the `detail` of `oauth-connect-error`. */
  toDetail(): ErrorDetail {
    // Every key named, `message` too, and none that is undefined (ECMA-262 SerializeJSONObject).
    return JSON.parse(JSON.stringify(this, 'code message source status description uri attribute reason'.split(' ')));
  }
}

export function timeoutError(timeoutMs: number): OAuthConnectError {
  return new OAuthConnectError('timeout', `No authorization response within ${timeoutMs / 1000} s`);
}

export function invalidConfig(attribute: string, problem: string): OAuthConnectError {
  return new OAuthConnectError('invalid_config', `"${attribute}" ${problem}`, { attribute });
}

/** The one `popup_blocked` error, whether or not a redirect fallback was possible. */
export function popupBlocked(): OAuthConnectError {
  return new OAuthConnectError('popup_blocked', 'The browser blocked the popup');
}

/**
 * The provider turns in-app browsers and webviews away, and the page runs in one: nothing was started. `uri`
 * opens the page in the system browser.
 */
export function inAppBrowserRefused(uri: string): OAuthConnectError {
  return new OAuthConnectError('in_app_browser', 'The provider refuses in-app browsers', { uri });
}
