import type { Attempt, AttemptEnvironment } from './attempt.js';
import type { ResolvedConfig } from './config.js';
import { inAppBrowserRefused, invalidConfig, OAuthConnectError, popupBlocked } from './errors.js';
import { browserLink, isInAppBrowser, isInstalledApp, refusesWebviews } from './in-app-browser.js';
import {
  authorizationRequest,
  canDeriveCodeChallenge,
  prepareRequest,
  type PreparedRequest,
} from './prepared-request.js';
import { redirectInstead } from './redirect-resume.js';
import { awaitPopupResponse } from './await-response.js';
import { startOnServer } from './exchange.js';

/**
 * Runs `attempt` through the popup: call it inside the click, before any await (it opens the popup before its
 * own first await, and never rejects). With `prepared` values (or PKCE off) the popup opens at the final
 * authorize URL in this task; with `start-url`, or values not ready, it opens blank, and goes to the provider
 * once the request is made (or the backend built it). Then the attempt waits for the response. A blocked popup
 * (or one that reads closed at once) becomes a full-page redirect with `fallback="redirect"` or `"auto"`, else
 * `popup_blocked`; with `"auto"`, in-app browsers, webviews and installed apps get the redirect at once. In an
 * in-app browser, a provider that refuses those starts nothing: `in_app_browser`.
 */
export async function openAttempt(
  attempt: Attempt,
  config: ResolvedConfig,
  env: AttemptEnvironment,
  prepared?: PreparedRequest,
): Promise<void> {
  if (attempt.phase === 'done') return;
  const win = env.window;
  if (config.pkce === 'S256' && !canDeriveCodeChallenge(win)) {
    return attempt.fail(invalidConfig('pkce', 'S256 needs a secure context (https); use https or set pkce="off"'));
  }
  const inApp = isInAppBrowser(win);
  const refused = (url: string | URL) => inApp && refusesWebviews(config, url);
  if (refused(config.authorizeUrl)) return attempt.fail(inAppBrowserRefused(browserLink(win)));
  const ready = config.startUrl ? undefined : authorizationRequest(config, prepared);
  const features = centredPopupFeatures(win, config.popupWidth, config.popupHeight);
  const url = ready?.authorizeUrl ?? 'about:blank';
  // Where popups open dead or not at all, none is opened; one that reads closed in this task never opened.
  let popup: Window | null = null;
  if (config.fallback !== 'auto' || !(inApp || isInstalledApp(win))) {
    try {
      popup = env.open ? env.open(url, features) : win.open(url, '_blank', features);
    } catch {
      // Firefox throws (InvalidAccessError) in a frame sandboxed without allow-popups: blocked.
    }
  }
  if (popup?.closed) popup = null;
  attempt.popup = popup;
  // A full-page redirect in a frame would move only the frame, where providers refuse to show their pages
  // (RFC 6749 section 10.13, clickjacking): a frame gets `popup_blocked` instead.
  if (!popup && (config.fallback === 'none' || (win.top ?? win) !== win)) return attempt.fail(popupBlocked());
  let known = ready && { config, request: ready };
  if (!known) {
    try {
      known = config.startUrl
        ? await startOnServer(config, env, attempt.signal)
        : { config, request: authorizationRequest(config, await prepareRequest())! };
    } catch (cause) {
      const message = `"pkce" could not be used: ${(cause as Error)?.message ?? cause}`;
      const error = new OAuthConnectError('invalid_config', message, { attribute: 'pkce', cause });
      return attempt.fail(cause instanceof OAuthConnectError ? cause : error);
    }
    if (attempt.phase !== 'authorizing') return;
    // With `start-url`, the backend named the provider.
    if (refused(known.request.authorizeUrl)) return attempt.fail(inAppBrowserRefused(browserLink(win)));
  }
  // The record names the element's own configuration: the page it returns to finds it by that.
  if (!popup) return redirectInstead(attempt, config, known, env);
  const { request } = known;
  if (!ready) {
    if (popup.closed) return attempt.abort('popup_closed');
    popup.location.replace(request.authorizeUrl);
  }
  // What the response is checked against: the popup, the request's state, `codeVerifier` and `nonce`.
  const context = { ...request, config: known.config, env, popup };
  awaitPopupResponse(attempt, context);
  attempt.callHook('onStart', { authorizeUrl: request.authorizeUrl });
}

/**
 * `window.open` features for a popup of `width` by `height` centred over the opener window, and never larger
 * than the screen.
 */
export function centredPopupFeatures(opener: Window, width: number, height: number): string {
  width = Math.round(Math.min(width, opener.screen.availWidth));
  height = Math.round(Math.min(height, opener.screen.availHeight));
  const left = Math.round(opener.screenX + Math.max(0, (opener.outerWidth - width) / 2));
  const top = Math.round(opener.screenY + Math.max(0, (opener.outerHeight - height) / 2));
  return `popup=yes,width=${width},height=${height},left=${left},top=${top}`;
}
