/*
 * Where the widget leaves word for the callback page in this origin's storage, and the channel it
 * listens on: the widget writes them, the callback page reads them. Plain string constants, so the
 * standalone script's build writes them in place.
 */

/** localStorage key prefix, then the attempt's `state`: that attempt is pending. */
export const PENDING_KEY_PREFIX = 'oauth-connect:pending:';
/** BroadcastChannel name prefix, then the attempt's `state`. */
export const CHANNEL_PREFIX = 'oauth-connect:';
/** sessionStorage: the full-page redirect attempt's record. */
export const REDIRECT_RECORD_KEY = 'oauth-connect:redirect';
/** sessionStorage: the callback message kept for the page the redirect returns to. */
export const REDIRECT_RESPONSE_KEY = 'oauth-connect:redirect-response';
