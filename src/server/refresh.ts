import { requestTokens, type TokenEndpointClient, type TokenSet } from './token-request.js';

/**
 * Redeems a refresh token (RFC 6749 section 6). A provider that rotates refresh tokens answers with a
 * new one and kills the old; one that does not leaves it out, and the current one is kept.
 */
export async function refreshTokens(client: TokenEndpointClient, current: Pick<TokenSet, 'refresh_token' | 'scope'>, fetcher?: typeof fetch): Promise<TokenSet> {
  if (!current.refresh_token) throw new TypeError('oauth-connect/server: there is no refresh_token to use');
  const grant: Record<string, string> = { grant_type: 'refresh_token', refresh_token: current.refresh_token };
  const fresh = await requestTokens(client, grant, fetcher);
  return { ...fresh, refresh_token: fresh.refresh_token ?? current.refresh_token };
}

export interface TokenRefresherOptions<Key> {
  /** The token endpoint and client for this key's tokens. */
  client(key: Key): TokenEndpointClient | Promise<TokenEndpointClient>;
  load(key: Key): TokenSet | undefined | Promise<TokenSet | undefined>;
  /** Must persist before it resolves: with rotation, the old refresh token is already dead. */
  save(key: Key, tokens: TokenSet): void | Promise<void>;
  fetch?: typeof fetch;
}

/**
 * Refreshes the tokens kept under a key (a user, a connection) safely with rotating refresh tokens:
 * calls for the same key while one is running share it, so the old token is never spent twice, and
 * the new set is saved before anyone gets it.
 */
export function createTokenRefresher<Key>(options: TokenRefresherOptions<Key>): { refresh(key: Key): Promise<TokenSet> } {
  const running = new Map<Key, Promise<TokenSet>>();
  async function run(key: Key): Promise<TokenSet> {
    const current = await options.load(key);
    if (!current) throw new TypeError('oauth-connect/server: no tokens are kept for this key');
    const fresh = await refreshTokens(await options.client(key), current, options.fetch);
    await options.save(key, fresh);
    return fresh;
  }
  return {
    refresh(key) {
      let pending = running.get(key);
      if (!pending) {
        pending = run(key).finally(() => running.delete(key));
        running.set(key, pending);
      }
      return pending;
    },
  };
}
