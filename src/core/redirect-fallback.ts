import type { Attempt, AttemptEnvironment } from './attempt.js';
import type { ResolvedConfig } from './config.js';
import { popupBlocked } from './errors.js';
import { requestLater, type AuthorizationRequest } from './prepared-request.js';
import { saveRedirect } from './redirect-store.js';

/**
 * The popup was blocked and `fallback="redirect"`: the whole tab goes to the provider, and the page it
 * returns to finishes the attempt (see `resumeRedirect`). What that page needs is kept in
 * sessionStorage under the element's own configuration, so the returning page finds it; without
 * sessionStorage the redirect could not be finished, and the attempt ends as `popup_blocked`.
 */
export async function redirectInstead(
  attempt: Attempt,
  config: ResolvedConfig,
  env: AttemptEnvironment,
  request?: AuthorizationRequest,
): Promise<void> {
  const win = env.window;
  const known = request ? { config, request } : await requestLater(attempt, config, env);
  if (!known || attempt.phase !== 'authorizing') return;
  const { state, codeVerifier, nonce, authorizeUrl } = known.request;
  const saved = saveRedirect(win, {
    state,
    codeVerifier,
    nonce,
    returnUrl: win.location.href,
    clientId: config.clientId,
    authorizeUrl: config.authorizeUrl.href,
    redirectUri: known.config.redirectUri,
    createdAt: Date.now(),
  });
  if (!saved) {
    attempt.fail(popupBlocked());
    return;
  }
  attempt.callHook('onStart', { authorizeUrl });
  if (attempt.phase === 'authorizing') win.location.assign(authorizeUrl);
}
