import { readCookies, serializeCookie, type CookieOptions } from './cookies.js';
import { base64url, randomToken } from '../core/random.js';
import { seal, sealKey, unseal, type SealKey } from './sealed-cookie.js';

/** What the start handler keeps about one flow until its code comes back. */
export interface KeptFlow {
  state: string;
  provider: string;
  instance?: string;
  codeVerifier?: string;
  /** Epoch milliseconds after which the flow is refused. */
  expiresAt: number;
}

/**
 * Server-side storage for flows, shared by every server instance (a database, Redis…). `take`
 * returns the flow and deletes it in one step, so a state is used once even across instances.
 */
export interface FlowStore {
  set(state: string, flow: KeptFlow, ttlSeconds: number): void | Promise<void>;
  take(state: string): KeptFlow | undefined | Promise<KeptFlow | undefined>;
}

export interface FlowKeeperOptions {
  /** At least 32 characters; the same on every server instance. */
  secret: string;
  /** Without a store, the whole flow travels sealed in the cookie. */
  store?: FlowStore;
  cookie?: CookieOptions;
  /** How long a started flow may take; default 600 seconds. */
  flowTtlSeconds?: number;
}

/** A state seen once is remembered this many times over, to refuse its reuse without a store. */
const REMEMBERED_STATES = 10_000;

export type TakeResult = { flow: KeptFlow } | { refused: string } | { absent: true };

/**
 * Binds each flow to the browser that started it: a sealed `HttpOnly; SameSite=Lax` cookie named after
 * the state, so two tabs can run flows side by side and another browser has nothing to present.
 */
export class FlowKeeper {
  readonly ttlSeconds: number;
  readonly #key: SealKey;
  readonly #stateKey: Promise<CryptoKey>;
  readonly #usedStates = new Map<string, number>();

  constructor(private readonly options: FlowKeeperOptions) {
    this.#key = sealKey(options.secret);
    this.#stateKey = crypto.subtle.importKey('raw', new TextEncoder().encode(`oauth-connect state\0${options.secret}`), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    this.ttlSeconds = options.flowTtlSeconds ?? 600;
  }

  async #stateTag(nonce: string): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', await this.#stateKey, new TextEncoder().encode(nonce));
    return base64url(new Uint8Array(mac)).slice(0, 22);
  }

  /**
   * A state only this server mints: a random part and its MAC. So the exchange can tell a state the
   * start handler issued (which must come with its cookie) from one a widget made up in the browser.
   */
  async mintState(): Promise<string> {
    const nonce = randomToken();
    return `${nonce}.${await this.#stateTag(nonce)}`;
  }

  async isMinted(state: string): Promise<boolean> {
    const [nonce, tag, extra] = state.split('.');
    return Boolean(nonce && tag && extra === undefined && tag === (await this.#stateTag(nonce)));
  }

  cookieName(state: string): string {
    return `${this.options.cookie?.prefix ?? 'oauth_connect_'}${state.slice(0, 16)}`;
  }

  /** Keeps the flow and returns the Set-Cookie value that binds it to this browser. */
  async keep(flow: KeptFlow, request: Request): Promise<string> {
    const name = this.cookieName(flow.state);
    const store = this.options.store;
    if (store) await store.set(flow.state, flow, this.ttlSeconds);
    const value = await seal(this.#key, name, store ? { state: flow.state, expiresAt: flow.expiresAt } : flow);
    return serializeCookie(name, value, this.ttlSeconds, request, this.options.cookie);
  }

  /** The flow this browser started with `state`, taken so it cannot be used again. */
  async take(state: string, request: Request): Promise<TakeResult> {
    const name = this.cookieName(state);
    const raw = readCookies(request).get(name);
    if (raw === undefined) return { absent: true };
    const sealed = await unseal<KeptFlow>(this.#key, name, raw);
    if (!sealed || sealed.state !== state) return { refused: 'the flow cookie does not belong to this state' };
    if (sealed.expiresAt < Date.now()) return { refused: 'this flow has expired; start again' };
    if (!this.claimState(state, sealed.expiresAt)) return { refused: 'this state was already used' };
    if (!this.options.store) return { flow: sealed };
    const stored = await this.options.store.take(state);
    return stored ? { flow: stored } : { refused: 'this state is unknown or was already used' };
  }

  /** Marks a state used; false when it already was. */
  claimState(state: string, expiresAt: number): boolean {
    const now = Date.now();
    const until = this.#usedStates.get(state);
    if (until !== undefined && until >= now) return false;
    this.#usedStates.set(state, expiresAt);
    // Oldest first: a state past its expiry is refused anyway, so forgetting it is safe.
    for (const [old, oldUntil] of this.#usedStates) {
      if (this.#usedStates.size <= REMEMBERED_STATES && oldUntil >= now) break;
      this.#usedStates.delete(old);
    }
    return true;
  }

  /** Set-Cookie that removes the flow cookie once the flow is finished. */
  clearCookie(state: string, request: Request): string {
    return serializeCookie(this.cookieName(state), '', 0, request, this.options.cookie);
  }
}

/** A FlowStore in this process's memory: for one server instance, or tests. */
export function memoryFlowStore(): FlowStore {
  const flows = new Map<string, KeptFlow>();
  return {
    set(state, flow) {
      for (const [key, kept] of flows) if (kept.expiresAt < Date.now()) flows.delete(key);
      flows.set(state, flow);
    },
    take(state) {
      const flow = flows.get(state);
      flows.delete(state);
      return flow && flow.expiresAt >= Date.now() ? flow : undefined;
    },
  };
}
