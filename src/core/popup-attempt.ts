import type { Attempt, AttemptEnvironment } from './attempt.js';
import type { ResolvedConfig } from './config.js';
import { invalidConfig, popupBlocked } from './errors.js';
import { canDeriveCodeChallenge } from './pkce.js';
import { centredPopupFeatures } from './popup.js';
import { watchAttemptPopup } from './popup-watch.js';
import {
  authorizationRequest,
  requestLater,
  type AuthorizationRequest,
  type PreparedRequest,
} from './prepared-request.js';
import { redirectInstead } from './redirect-fallback.js';
import { listenForResponse } from './response-listener.js';

/**
 * Runs `attempt` through the popup: call it inside the click, before any await. With `prepared` values
 * (or PKCE off) the popup opens at the final authorize URL in this task; with `start-url`, or values not
 * ready, it opens blank and goes to the provider once the request is known. A blocked popup becomes a
 * full-page redirect with `fallback="redirect"`, else `popup_blocked`.
 */
export function openAttempt(
  attempt: Attempt,
  config: ResolvedConfig,
  env: AttemptEnvironment,
  prepared?: PreparedRequest,
): void {
  if (attempt.phase === 'done') return;
  const win = env.window;
  if (config.pkce === 'S256' && !canDeriveCodeChallenge(win)) {
    attempt.fail(
      invalidConfig('pkce', 'S256 needs a secure context (https) for Web Crypto; use https or set pkce="off"'),
    );
    return;
  }
  const request = config.startUrl ? undefined : authorizationRequest(config, prepared);
  const features = centredPopupFeatures(win, { width: config.popupWidth, height: config.popupHeight });
  const url = request?.authorizeUrl ?? 'about:blank';
  attempt.popup = env.open ? env.open(url, features) : win.open(url, '_blank', features);
  if (!attempt.popup) {
    if (config.fallback === 'redirect') void redirectInstead(attempt, config, env, request);
    else attempt.fail(popupBlocked());
  } else if (request) {
    follow(attempt, config, env, request);
  } else {
    void navigateWhenKnown(attempt, config, env);
  }
}

/** The blank popup waits while the request is made (or the backend builds it), then goes there. */
async function navigateWhenKnown(attempt: Attempt, config: ResolvedConfig, env: AttemptEnvironment): Promise<void> {
  const known = await requestLater(attempt, config, env);
  if (!known || attempt.phase !== 'authorizing') return;
  if (attempt.popup!.closed) {
    attempt.finish({ kind: 'cancel', reason: 'popup_closed' });
    return;
  }
  attempt.popup!.location.replace(known.request.authorizeUrl);
  follow(attempt, known.config, env, known.request);
}

/** From the moment the popup shows the provider: wait for its one response, watch it, time out. */
function follow(
  attempt: Attempt,
  config: ResolvedConfig,
  env: AttemptEnvironment,
  request: AuthorizationRequest,
): void {
  const { state, codeVerifier, nonce } = request;
  const expected = {
    origins: config.messageOrigins,
    source: attempt.popup,
    state,
    webMessage: config.responseMode === 'web_message',
  };
  const stopListening = listenForResponse(env.window, expected, {
    onResponse: ({ params, redirectUri: arrivedAt }) =>
      attempt.receive(params, { config, codeVerifier, nonce, arrivedAt, env }),
    onPageHide: () => attempt.abort(),
  });
  attempt.onRelease(stopListening);
  watchAttemptPopup(attempt);
  attempt.timeOutAfter(config.timeoutMs);
  attempt.callHook('onStart', { authorizeUrl: request.authorizeUrl });
}
