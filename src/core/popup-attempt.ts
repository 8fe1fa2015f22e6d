import type { Attempt, AttemptEnvironment } from './attempt.js';
import type { ResolvedConfig } from './config.js';
import { invalidConfig, OAuthConnectError, popupBlocked } from './errors.js';
import {
  authorizationRequest,
  canDeriveCodeChallenge,
  prepareRequest,
  type AuthorizationRequest,
  type PreparedRequest,
} from './prepared-request.js';
import { redirectInstead } from './redirect-resume.js';
import { listenForResponse } from './response-listener.js';
import { startOnServer } from './exchange.js';

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
    return attempt.fail(invalidConfig('pkce', 'S256 needs a secure context (https); use https or set pkce="off"'));
  }
  const request = config.startUrl ? undefined : authorizationRequest(config, prepared);
  const features = centredPopupFeatures(win, config.popupWidth, config.popupHeight);
  const url = request?.authorizeUrl ?? 'about:blank';
  attempt.popup = env.open ? env.open(url, features) : win.open(url, '_blank', features);
  if (!attempt.popup && config.fallback !== 'redirect') return attempt.fail(popupBlocked());
  void proceed(attempt, config, env, request);
}

/**
 * Goes on once the request is known: at once with `ready`, else once it is made (or the backend built it,
 * with `start-url`), while the blank popup waits. Then the popup goes there and the attempt waits for the
 * response, or, the popup blocked, the whole tab goes.
 */
async function proceed(
  attempt: Attempt,
  config: ResolvedConfig,
  env: AttemptEnvironment,
  ready?: AuthorizationRequest,
): Promise<void> {
  let known = ready && { config, request: ready };
  if (!known) {
    try {
      known = config.startUrl
        ? await startOnServer(config, env, attempt.signal)
        : { config, request: authorizationRequest(config, await prepareRequest())! };
    } catch (cause) {
      const problem = `could not be used: ${(cause as Error)?.message ?? cause}`;
      return attempt.fail(cause instanceof OAuthConnectError ? cause : invalidConfig('pkce', problem, cause));
    }
    if (attempt.phase !== 'authorizing') return;
  }
  const popup = attempt.popup;
  // The record names the element's own configuration: the page it returns to finds it by that.
  if (!popup) return redirectInstead(attempt, config, known, env);
  const { request } = known;
  if (!ready) {
    if (popup.closed) return attempt.finish({ kind: 'cancel', reason: 'popup_closed' });
    popup.location.replace(request.authorizeUrl);
  }
  config = known.config;
  const expected = {
    origins: config.messageOrigins,
    source: popup,
    state: request.state,
    webMessage: config.responseMode === 'web_message',
  };
  const stopListening = listenForResponse(env.window, expected, {
    // The response is checked against the request's `codeVerifier` and `nonce`.
    onResponse: ({ params, redirectUri: arrivedAt }) => attempt.receive(params, { ...request, config, arrivedAt, env }),
    onPageHide: () => attempt.abort(),
  });
  attempt.onRelease(stopListening);
  watchAttemptPopup(attempt);
  attempt.timeOutAfter(config.timeoutMs);
  attempt.callHook('onStart', { authorizeUrl: request.authorizeUrl });
}

/** `window.open` features for a popup of `width` by `height` centred over the opener window. */
function centredPopupFeatures(opener: Window, width: number, height: number): string {
  width = Math.round(width);
  height = Math.round(height);
  const left = Math.round(opener.screenX + Math.max(0, (opener.outerWidth - width) / 2));
  const top = Math.round(opener.screenY + Math.max(0, (opener.outerHeight - height) / 2));
  return `popup=yes,width=${width},height=${height},left=${left},top=${top}`;
}

/** How often a pending attempt looks at its popup. */
const POPUP_POLL_MS = 100;
/** After a popup we saw on the provider's page is closed, how long a response already on its way may still arrive. */
const CLOSED_GRACE_MS = 300;
/**
 * Consecutive looks that must find the popup alive on a page before its closing counts as the user's.
 * During a COOP swap Chromium shows the new page as cross-origin and open for a moment before it
 * reads closed: a few milliseconds when idle, over 100 ms on a loaded machine. Half a second of looks
 * cannot fall in that moment, and a person takes longer than that to see a page and close it.
 */
const LOOKS_TO_BE_SURE = 5;

function isPastBlankPage(popup: Window): boolean {
  try {
    const href = popup.location?.href; // null once the window is gone
    return href !== undefined && href !== 'about:blank';
  } catch {
    // Unreadable: another origin's page is showing, unless the window went away between the two reads.
    return !popup.closed;
  }
}

/**
 * Polls the attempt's popup until it reads closed. The user closed it when we had seen it alive on a page
 * (the provider's, or any but a blank one): the attempt ends as cancelled once a response already on its
 * way had time to arrive. Never seen alive, it was severed: that is what a provider sending
 * `Cross-Origin-Opener-Policy` looks like from the opener (its first response moves the popup out of reach
 * while it is still open, and `popup.closed` reads true from then on). The attempt then stays pending
 * (the broadcast, Cancel or the timeout ends it).
 */
function watchAttemptPopup(attempt: Attempt): void {
  const popup = attempt.popup!;
  let looksAlive = 0;
  const timer = setInterval(() => {
    if (!popup.closed) {
      if (looksAlive < LOOKS_TO_BE_SURE) looksAlive = isPastBlankPage(popup) ? looksAlive + 1 : 0;
      return;
    }
    clearInterval(timer);
    if (attempt.phase !== 'authorizing') return;
    if (looksAlive < LOOKS_TO_BE_SURE) return void attempt.callHook('onPhase', 'detached');
    // The callback posts its message and then closes itself: give that message time to arrive.
    const grace = setTimeout(() => attempt.finish({ kind: 'cancel', reason: 'popup_closed' }), CLOSED_GRACE_MS);
    attempt.onRelease(() => clearTimeout(grace));
  }, POPUP_POLL_MS);
  attempt.onRelease(() => clearInterval(timer));
}
