/**
 * What the server helpers keep between requests. Each has a memory version for one process
 * (`memory-stores.ts`) and a Redis version for many (`oauth-connect/server/redis`). A store that
 * cannot answer throws; the handlers then answer `503 temporarily_unavailable`.
 */

/**
 * What the start handler keeps about one flow until its code comes back; everything the exchange will use is pinned
 * here.
 */
export interface KeptFlow {
  state: string;
  provider: string;
  /** The instance origin, for per-instance providers. */
  instance?: string;
  codeVerifier?: string;
  /** OpenID Connect `nonce`, sent when `scope` has `openid`; the ID Token must carry it back. */
  nonce?: string;
  /** Pinned at start (RFC 9700 section 4.4.2): the exchange refuses to use any other. */
  clientId: string;
  redirectUri: string;
  tokenEndpoint: string;
  issuer?: string;
  /** Refuse a response without `iss` (the provider's metadata says it sends one, RFC 9207 section 3). */
  requireIss?: boolean;
  /** Epoch milliseconds after which the flow is refused. */
  expiresAt: number;
}

/**
 * Flows kept server-side. `take` returns the flow and deletes it in one step (Redis GETDEL), so a state is used once
 * across instances.
 */
export interface FlowStore {
  set(state: string, flow: KeptFlow, ttlSeconds: number): void | Promise<void>;
  take(state: string): KeptFlow | undefined | Promise<KeptFlow | undefined>;
}

/**
 * Values that may be used once (states, codes). `claim` marks `key` used for `ttlSeconds` and
 * answers false when it already was (Redis SET NX EX). It must never forget a key before its TTL.
 */
export interface UsedValueStore {
  claim(key: string, ttlSeconds: number): boolean | Promise<boolean>;
}

/** A client registered at one instance. */
export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
}

/** Registered clients per instance origin, so each instance is asked once. */
export interface ClientStore {
  get(instance: string): RegisteredClient | undefined | Promise<RegisteredClient | undefined>;
  /** Keeps `client` unless one is kept already, and returns the one kept (Redis SET NX, then GET). */
  setIfAbsent(instance: string, client: RegisteredClient): RegisteredClient | Promise<RegisteredClient>;
}

/**
 * Mutual exclusion by key, across every process that shares it (Redis SET NX PX, released by
 * compare-and-delete). `withLock` waits for the key, runs `task`, and releases it even when `task` throws.
 */
export interface Lock {
  withLock<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** Thrown by a store that cannot answer (Redis down, timeout); the handlers answer 503. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
