import type { AttemptEnvironment } from './attempt.js';
import { postToBackend, type BackendConfig } from './backend-request.js';

/**
 * POSTs `{ provider, account }` to the page's disconnect endpoint once, with exactly the exchange's rules for the
 * CSRF header, credentials and time limit. Any 2xx resolves, with or without a body (204 No Content); anything
 * else, the network failing included, throws `disconnect_failed` (a network failure as its `cause`).
 */
export async function requestDisconnect(
  url: string,
  body: { provider?: string; account?: string },
  config: BackendConfig,
  env: AttemptEnvironment,
): Promise<void> {
  await postToBackend(url, body, 'disconnect_failed', config, env, new AbortController().signal);
}
