import { AuthorizationAttempt, type AttemptEnvironment, type AttemptHooks } from './attempt.js';
import { resolveConfig, type ConnectOptions } from './config.js';
import { cancelledError } from './errors.js';
import type { ConnectResult } from './exchange.js';

export interface HeadlessConnectOptions extends ConnectOptions, AttemptHooks, Partial<AttemptEnvironment> {
  /** Ends the attempt as cancelled (`aborted`) when it fires. */
  signal?: AbortSignal;
}

/**
 * The whole popup flow without the element: call it inside a click handler, before any await.
 * Resolves with the exchange result; rejects with an OAuthConnectError (`cancelled` when the user
 * closed the popup or the signal fired, with `reason` saying which).
 */
export function connect(options: HeadlessConnectOptions): Promise<ConnectResult> {
  const win = options.window ?? window;
  let attempt: AuthorizationAttempt;
  try {
    attempt = new AuthorizationAttempt(
      resolveConfig(options, win.document.baseURI),
      { ...options, window: win },
      options,
    );
  } catch (error) {
    return Promise.reject(error);
  }
  const { signal } = options;
  const abort = () => attempt.abort();
  signal?.addEventListener('abort', abort, { once: true });
  if (signal?.aborted) abort();
  return attempt.outcome.then((outcome) => {
    signal?.removeEventListener('abort', abort);
    if (outcome.kind === 'success') return outcome.result;
    if (outcome.kind === 'error') throw outcome.error;
    throw cancelledError(outcome.reason);
  });
}
