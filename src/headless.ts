/**
 * `oauth-connect/headless`: the popup flow without the element and without Lit, for pages that draw their
 * own button. Importing it has no side effects.
 */
export {
  connect,
  prepare,
  resume,
  type AttemptHooks,
  type CodeDetail,
  type ConnectResult,
  type HeadlessConnectOptions,
  type PreparedRequest,
} from './core/connect.js';
export type { AttemptEnvironment, AttemptPhase } from './core/attempt.js';
export type { ConnectOptions, Fallback, PkceMethod, ResponseMode } from './core/config.js';
export {
  ErrorCodes,
  OAuthConnectError,
  type CancelReason,
  type ErrorCode,
  type ErrorDetail,
  type ErrorSource,
  type OAuthConnectErrorCode,
  type ProviderErrorCode,
} from './core/errors.js';
