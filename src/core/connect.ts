import { Attempt, resultOf, type AttemptEnvironment, type AttemptHooks } from './attempt.js';
import { resolveConfig, type ConnectOptions } from './config.js';
import type { ConnectResult } from './exchange.js';
import { openAttempt } from './popup-attempt.js';
import type { PreparedRequest } from './prepared-request.js';
import { resumeRedirect } from './redirect-resume.js';

export { prepareRequest as prepare, type PreparedRequest } from './prepared-request.js';
export type { AttemptHooks } from './attempt.js';
export type { CodeDetail } from './authorization-response.js';
export type { ConnectResult } from './exchange.js';

export interface HeadlessConnectOptions extends ConnectOptions, AttemptHooks, Partial<AttemptEnvironment> {
  /** Ends the attempt as cancelled (`aborted`) when it fires. */
  signal?: AbortSignal;
  /**
   * A late success: `connect()` rejected with `cancelled` (`reason: 'popup_closed'`), and the response came
   * after all, within `timeout` of the start. A provider that sends Cross-Origin-Opener-Policy only on a later
   * page (Entra ID or Cognito behind a first page without it) makes the popup read closed while the user is
   * still signing in. `result` settles as `connect()` would have: the exchange result, or the error. The
   * hooks (`onCode`, `onPhase`) are called for it as for any attempt. The listening ends with `timeout`
   * (with `timeout: 0`, when the page goes away).
   */
  onResume?(result: Promise<ConnectResult>): void;
  /**
   * Values from `prepare()`, made before the click: the popup then opens at the final authorize URL at
   * once. Used by one attempt only; without them (or once used) the popup opens blank while they are made.
   */
  prepared?: PreparedRequest;
}

function settle(attempt: Attempt, signal?: AbortSignal): Promise<ConnectResult> {
  // The listener goes when the attempt ends.
  signal?.addEventListener('abort', () => attempt.abort(), { signal: attempt.signal });
  if (signal?.aborted) attempt.abort();
  return attempt.outcome.then(resultOf);
}

/**
 * The whole popup flow without the element: call it inside a click handler, before any await.
 * Resolves with the exchange result; rejects with an OAuthConnectError (`cancelled` when the user
 * closed the popup or the signal fired, with `reason` saying which). After `popup_closed` it still
 * listens until `timeout`: a response then is reported to `onResume`.
 */
export async function connect(options: HeadlessConnectOptions): Promise<ConnectResult> {
  // An async function runs up to its first await at once: the popup still opens inside the click.
  const win = options.window ?? window;
  // The attempt's `onResume` is given the resumed attempt; the page's, its result.
  const onResume = (resumed: Attempt) => options.onResume?.(settle(resumed, options.signal));
  const attempt = new Attempt({ ...options, onResume });
  const config = resolveConfig(options, win.document.baseURI);
  const result = settle(attempt, options.signal);
  openAttempt(attempt, config, { ...options, window: win }, options.prepared);
  return result;
}

/**
 * On the page a `fallback="redirect"` attempt returned to: finishes it as `connect()` would have, or
 * returns undefined when no attempt of this configuration is waiting.
 */
export function resume(options: HeadlessConnectOptions): Promise<ConnectResult> | undefined {
  const win = options.window ?? window;
  const attempt = resumeRedirect(resolveConfig(options, win.document.baseURI), { ...options, window: win }, options);
  return attempt && settle(attempt, options.signal);
}
