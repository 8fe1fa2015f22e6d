import { Attempt, type AttemptEnvironment, type AttemptHooks } from './attempt.js';
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
  hooks: AttemptHooks = {},
): Attempt | undefined {
  const taken = takeRedirectResult(env.window, { clientId: config.clientId, authorizeUrl: config.authorizeUrl.href });
  if (!taken) return undefined;
  const { record, response } = taken;
  const attempt = new Attempt(hooks);
  if (response.params.state !== record.state) {
    const problem = 'unexpected "state" response parameter value: not the one this page sent';
    attempt.fail(new OAuthConnectError('state_mismatch', problem));
  } else if (config.timeoutMs > 0 && Date.now() - record.createdAt > config.timeoutMs) {
    attempt.fail(timeoutError(config.timeoutMs));
  } else {
    const returning = record.redirectUri ? { ...config, redirectUri: record.redirectUri } : config;
    const { codeVerifier, nonce } = record;
    attempt.receive(response.params, { config: returning, codeVerifier, nonce, arrivedAt: response.redirectUri, env });
  }
  return attempt;
}
