import { Attempt, type AttemptEnvironment, type AttemptHooks } from './attempt.js';
import type { ResolvedConfig } from './config.js';
import { OAuthConnectError, popupBlocked, timeoutError } from './errors.js';
import type { AuthorizationRequest } from './prepared-request.js';
import { saveRedirect, takeRedirectResult } from './redirect-store.js';

// The full-page redirect (`fallback="redirect"`): the tab going to the provider, and the page it returns to.

/**
 * The popup was blocked and `fallback="redirect"`: the whole tab goes to the provider with `known.request`,
 * and the page it returns to finishes the attempt (see `resumeRedirect`). What that page needs is kept in
 * sessionStorage under the element's own `config`, so the returning page finds it; without sessionStorage
 * the redirect could not be finished, and the attempt ends as `popup_blocked`.
 */
export function redirectInstead(
  attempt: Attempt,
  config: ResolvedConfig,
  known: { config: ResolvedConfig; request: AuthorizationRequest },
  env: AttemptEnvironment,
): void {
  const win = env.window;
  const { authorizeUrl } = known.request;
  // The request's state, verifier and nonce, with the element's own authorize URL in place of the final one.
  const saved = saveRedirect(win, {
    ...known.request,
    returnUrl: win.location.href,
    clientId: config.clientId,
    authorizeUrl: config.authorizeUrl.href,
    redirectUri: known.config.redirectUri,
    createdAt: Date.now(),
  });
  if (!saved) return attempt.fail(popupBlocked());
  attempt.callHook('onStart', { authorizeUrl });
  if (attempt.phase === 'authorizing') win.location.assign(authorizeUrl);
}

/**
 * On the page a `fallback="redirect"` attempt returned to: finishes that attempt once, or returns
 * undefined when none of this configuration is waiting. The returning state must be the one kept
 * (RFC 6749 section 10.12), and an answer older than `timeout` is refused.
 */
export function resumeRedirect(
  config: ResolvedConfig,
  env: AttemptEnvironment,
  hooks: AttemptHooks = {},
): Attempt | undefined {
  const taken = takeRedirectResult(env.window, config);
  if (!taken) return undefined;
  const { record, response } = taken;
  const attempt = new Attempt(hooks);
  if (response.params.state !== record.state) {
    attempt.fail(new OAuthConnectError('state_mismatch', 'unexpected "state" response parameter value'));
  } else if (config.timeoutMs > 0 && Date.now() - record.createdAt > config.timeoutMs) {
    attempt.fail(timeoutError(config.timeoutMs));
  } else {
    // The record keeps the request's `codeVerifier` and `nonce`, and the redirect URI the provider was sent.
    const returning = { ...config, redirectUri: record.redirectUri || config.redirectUri };
    attempt.receive(response, { ...record, config: returning, env });
  }
  return attempt;
}
