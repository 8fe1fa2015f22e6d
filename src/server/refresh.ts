import { createOutboundFetch, type OutboundOptions } from './outbound/index.js';
import { refreshTokens } from './oauth/refresh-grant.js';
import type { TokenEndpointClient, TokenSet } from './oauth/token-set.js';
import { ServerError } from './errors.js';
import { singleFlight } from '../protocol/single-flight.js';
import type { Lock } from './stores/store-types.js';

export { refreshTokens } from './oauth/refresh-grant.js';

export interface TokenRefresherOptions<Key> {
  /** The token endpoint and client for this key's tokens. */
  client(key: Key): TokenEndpointClient | Promise<TokenEndpointClient>;
  load(key: Key): TokenSet | undefined | Promise<TokenSet | undefined>;
  /** Must persist before it resolves: with rotation, the old refresh token is already dead. */
  save(key: Key, tokens: TokenSet): void | Promise<void>;
  /**
   * Shared by every process that refreshes the same keys (`redisLock`): without it, two processes
   * can spend one rotating refresh token twice, and a provider that revokes on reuse disconnects the user.
   */
  lock?: Lock;
  /** How a key is named in the lock; default `String(key)`. */
  lockKey?(key: Key): string;
  /** Timeouts and size caps of the token request; `fetch` replaces the outbound layer entirely. */
  outbound?: OutboundOptions;
  fetch?: typeof fetch;
}

/**
 * Refreshes the tokens kept under a key (a user, a connection) safely with rotating refresh tokens:
 * calls for the same key share one refresh in this process, and across processes the `lock` lets
 * one refresh at a time; whoever takes it next re-reads the tokens and finds them fresh. The new
 * set is saved before anyone gets it.
 */
export function createTokenRefresher<Key>(options: TokenRefresherOptions<Key>): {
  refresh(key: Key): Promise<TokenSet>;
} {
  const fetcher = options.fetch ?? createOutboundFetch({ ...options.outbound, guard: false });
  const load = async (key: Key) => {
    const tokens = await options.load(key);
    if (!tokens) throw new ServerError(404, 'invalid_request', 'no tokens are kept for this key');
    return tokens;
  };
  const run = async (key: Key): Promise<TokenSet> => {
    const seen = await load(key);
    const refresh = async () => {
      const current = await load(key);
      // Another process refreshed while this one waited for the lock: its result is the fresh one.
      if (current.refresh_token !== seen.refresh_token || current.access_token !== seen.access_token) return current;
      const fresh = await refreshTokens(await options.client(key), current, fetcher);
      await options.save(key, fresh);
      return fresh;
    };
    if (!options.lock) return refresh();
    return options.lock.withLock(`refresh:${options.lockKey?.(key) ?? String(key)}`, refresh);
  };
  const shared = singleFlight(run);
  return { refresh: (key) => shared(key) };
}
