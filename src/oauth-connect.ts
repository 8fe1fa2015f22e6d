/** The package entry: importing it registers `<oauth-connect>`; the headless protocol API is exported beside it. */
export { OAuthConnectElement } from './define.js';
export type { ConnectStatus, OAuthConnectEventMap } from './oauth-connect-element.js';
export { connect, type HeadlessConnectOptions } from './core/connect.js';
export {
  AuthorizationAttempt,
  type AttemptEnvironment,
  type AttemptHooks,
  type AttemptOutcome,
} from './core/attempt.js';
export { resumeRedirect } from './core/redirect-resume.js';
export { completeAuthorization } from './core/complete-authorization.js';
export { resolveConfig, normalizeInstance, type ConnectOptions, type ResolvedConfig } from './core/config.js';
export { requestStart, type StartAnswer } from './core/start-request.js';
export { buildAuthorizeUrl, openIdNonce } from './core/authorize-url.js';
export { createCodeVerifier, deriveCodeChallenge } from './core/pkce.js';
export { randomToken } from './core/random.js';
export { acceptCallbackMessage, acceptCallbackResponse } from './core/message-guard.js';
export {
  readCallbackMessage,
  readCallbackResponse,
  readWebMessageResponse,
  CALLBACK_MESSAGE_TYPE,
  CALLBACK_MESSAGE_VERSION,
  type CallbackMessage,
  type CallbackParams,
  type CallbackResponse,
} from './core/callback-message.js';
export { interpretAuthorizationResponse, type CodeDetail } from './core/authorization-response.js';
export { exchangeCode, exchangeBody, csrfTokenFor, readCsrfToken, type ConnectResult } from './core/exchange.js';
export { OAuthConnectError, type ErrorDetail, type OAuthConnectErrorCode, type CancelReason } from './core/errors.js';
