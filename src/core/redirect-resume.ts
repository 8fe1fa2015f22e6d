import {
  completeAuthorization,
  type AttemptEnvironment,
  type AttemptHooks,
  type AttemptOutcome,
} from './complete-authorization.js';
import type { ResolvedConfig } from './config.js';
import { OAuthConnectError, timeoutError } from './errors.js';
import { takeRedirectResult } from './redirect-store.js';

/**
 * On the page a `fallback="redirect"` attempt returned to: finishes that attempt once, or returns
 * undefined when none of this configuration is waiting. The returning state must be the one kept
 * (RFC 6749 section 10.12), and an answer older than `timeout` is refused.
 */
export function resumeRedirect(
  config: ResolvedConfig,
  env: AttemptEnvironment,
  hooks: AttemptHooks,
  signal: AbortSignal,
): Promise<AttemptOutcome | undefined> | undefined {
  const taken = takeRedirectResult(env.window, { clientId: config.clientId, authorizeUrl: config.authorizeUrl.href });
  if (!taken) return undefined;
  const {
    record,
    response: { params, redirectUri: arrivedAt },
  } = taken;
  if (params.state !== record.state) {
    return Promise.resolve({
      kind: 'error',
      error: new OAuthConnectError(
        'state_mismatch',
        'unexpected "state" response parameter value: not the one this page sent',
      ),
    });
  }
  if (config.timeoutMs > 0 && Date.now() - record.createdAt > config.timeoutMs) {
    return Promise.resolve({ kind: 'error', error: timeoutError(config.timeoutMs) });
  }
  const returning = record.redirectUri ? { ...config, redirectUri: record.redirectUri } : config;
  const { codeVerifier, nonce } = record;
  return completeAuthorization(params, { config: returning, codeVerifier, nonce, arrivedAt, env, hooks, signal });
}
