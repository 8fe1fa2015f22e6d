import { FlowCookies, readCookies, type CookieOptions } from './cookies.js';
import {
  deriveKeys,
  fromBase64Url,
  hmac,
  randomToken,
  seal,
  sha256,
  timingSafeEqual,
  toBase64Url,
  unseal,
  type SecretKeys,
} from './crypto/server-crypto.js';
import { memoryUsedValueStore } from './stores/memory-stores.js';
import type { FlowStore, KeptFlow, UsedValueStore } from './stores/store-types.js';

export interface FlowKeeperOptions {
  /** At least 32 characters; the same on every server instance. */
  secret: string;
  /** Keeps flows server-side (shared by every instance); without it the whole flow travels sealed in the cookie. */
  store?: FlowStore;
  /**
   * Remembers used states and codes so each is used once. Default: this process's memory, which holds
   * on one process only; give a shared store (Redis) when several instances serve the same users.
   */
  usedStore?: UsedValueStore;
  cookie?: CookieOptions;
  /** How long a started flow may take; default 600 seconds. */
  flowTtlSeconds?: number;
  /**
   * How long a submitted code is remembered as used; default 600 seconds, longer than codes live (RFC 6749 section
   * 4.1.2).
   */
  usedCodeTtlSeconds?: number;
}

export type TakeResult = { flow: KeptFlow } | { refused: string } | { absent: true };

/**
 * Binds each flow to the browser that started it: a sealed `HttpOnly` cookie named after the state
 * (AES-GCM under a key derived from `secret`, the name bound in), so two tabs can run flows side by
 * side and another browser has nothing to present. Also remembers used states and codes.
 */
export class FlowKeeper {
  readonly ttlSeconds: number;
  readonly cookies: FlowCookies;
  readonly #keys: Promise<SecretKeys>;
  readonly #store?: FlowStore;
  readonly #used: UsedValueStore;
  readonly #codeTtl: number;

  constructor(options: FlowKeeperOptions) {
    if (typeof options.secret !== 'string' || options.secret.length < 32) {
      throw new TypeError('oauth-connect/server: "secret" must be a string of at least 32 characters');
    }
    this.#keys = deriveKeys(options.secret);
    this.#store = options.store;
    this.#used = options.usedStore ?? memoryUsedValueStore();
    this.cookies = new FlowCookies(options.cookie);
    this.ttlSeconds = options.flowTtlSeconds ?? 600;
    this.#codeTtl = options.usedCodeTtlSeconds ?? 600;
  }

  async #tag(nonce: string): Promise<string> {
    return toBase64Url(await hmac(await this.#keys, nonce)).slice(0, 22);
  }

  /**
   * A state only this server mints: a random part and its MAC, so the exchange can tell a state the
   * start handler issued (which must come with its cookie) from one a widget made up in the browser.
   */
  async mintState(): Promise<string> {
    const nonce = randomToken();
    return `${nonce}.${await this.#tag(nonce)}`;
  }

  async isMinted(state: string): Promise<boolean> {
    const [nonce, tag, extra] = state.split('.');
    return Boolean(nonce && tag && extra === undefined && timingSafeEqual(tag, await this.#tag(nonce)));
  }

  /** Keeps the flow; returns the Set-Cookie values that bind it to this browser and drop its oldest flows. */
  async keep(flow: KeptFlow, request: Request): Promise<string[]> {
    const name = this.cookies.name(request, flow.state);
    if (this.#store) await this.#store.set(flow.state, flow, this.ttlSeconds);
    const kept = this.#store ? { state: flow.state, expiresAt: flow.expiresAt } : flow;
    const value = toBase64Url(await seal(await this.#keys, name, JSON.stringify(kept)));
    return [...this.cookies.evictions(request), this.cookies.serialize(request, name, value, this.ttlSeconds)];
  }

  /** The flow this browser started with `state`, taken so it cannot be used again. */
  async take(state: string, request: Request): Promise<TakeResult> {
    const name = this.cookies.name(request, state);
    const raw = readCookies(request).get(name);
    if (raw === undefined) return { absent: true };
    const bytes = fromBase64Url(raw);
    const plain = bytes && (await unseal(await this.#keys, name, bytes));
    const sealed = plain ? (JSON.parse(plain) as KeptFlow) : undefined;
    if (!sealed || sealed.state !== state) return { refused: 'the flow cookie does not belong to this state' };
    if (sealed.expiresAt < Date.now()) return { refused: 'this flow has expired; start again' };
    if (!(await this.claimState(state))) return { refused: 'this state was already used' };
    if (!this.#store) return { flow: sealed };
    const stored = await this.#store.take(state);
    return stored ? { flow: stored } : { refused: 'this state is unknown or was already used' };
  }

  /** Marks a state used; false when it already was (here, or on any instance sharing `usedStore`). */
  async claimState(state: string): Promise<boolean> {
    return this.#used.claim(`state:${state}`, this.ttlSeconds);
  }

  /** Marks a code submitted; false when it already was. Codes are kept as digests, so a long one costs no more. */
  async claimCode(code: string): Promise<boolean> {
    return this.#used.claim(`code:${toBase64Url(await sha256(code))}`, this.#codeTtl);
  }

  /** Set-Cookie that removes the flow cookie once the flow is finished. */
  clearCookie(state: string, request: Request): string {
    return this.cookies.serialize(request, this.cookies.name(request, state), '', 0);
  }
}
