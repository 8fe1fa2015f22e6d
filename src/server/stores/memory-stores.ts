import type { ClientStore, FlowStore, KeptFlow, Lock, RegisteredClient, UsedValueStore } from './store-types.js';
import { StoreUnavailableError } from './store-types.js';

/**
 * Entries that expire, in one process's memory. Entries are swept from the oldest while they are
 * expired, so a `set` costs O(1) amortised however many are kept.
 */
class ExpiringMap<V> {
  readonly #entries = new Map<string, { value: V; until: number }>();

  constructor(private readonly onForget?: (value: V) => void) {}

  sweep(now = Date.now()): void {
    for (const [key, entry] of this.#entries) {
      if (entry.until > now) break;
      this.#forget(key);
    }
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    return entry && entry.until > Date.now() ? entry.value : undefined;
  }

  set(key: string, value: V, ttlSeconds: number): void {
    this.sweep();
    // Re-insert so the map stays ordered by expiry for entries of the same TTL.
    this.#forget(key);
    this.#entries.set(key, { value, until: Date.now() + ttlSeconds * 1000 });
  }

  take(key: string): V | undefined {
    const value = this.get(key);
    this.#forget(key);
    return value;
  }

  #forget(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.onForget?.(entry.value);
  }
}

/** A FlowStore in this process's memory: for one server instance, or tests. */
export function memoryFlowStore(): FlowStore {
  const flows = new ExpiringMap<KeptFlow>();
  return {
    set: (state, flow, ttlSeconds) => flows.set(state, flow, ttlSeconds),
    take: (state) => flows.take(state),
  };
}

/** What a Map entry with its record costs in V8 beyond the key's characters, roughly. */
const ENTRY_OVERHEAD_BYTES = 120;

export interface MemoryUsedValueStoreOptions {
  /** Memory the kept keys may take, estimated; default 16 MiB. */
  maxBytes?: number;
}

/**
 * Used states and codes in this process's memory. An unexpired key is never forgotten: when the
 * budget is full of unexpired keys, `claim` throws StoreUnavailableError (the handlers answer 503)
 * rather than risk accepting a value twice.
 */
export function memoryUsedValueStore(options: MemoryUsedValueStoreOptions = {}): UsedValueStore {
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  let bytes = 0;
  const used = new ExpiringMap<number>((cost) => (bytes -= cost));
  return {
    claim(key, ttlSeconds) {
      if (used.get(key) !== undefined) return false;
      used.sweep();
      const cost = key.length * 2 + ENTRY_OVERHEAD_BYTES;
      if (bytes + cost > maxBytes) throw new StoreUnavailableError('the used-value memory is full of unexpired values');
      used.set(key, cost, ttlSeconds);
      bytes += cost;
      return true;
    },
  };
}

/** A ClientStore in this process's memory. */
export function memoryClientStore(): ClientStore {
  const clients = new Map<string, RegisteredClient>();
  return {
    get: (instance) => clients.get(instance),
    setIfAbsent(instance, client) {
      if (!clients.has(instance)) clients.set(instance, client);
      return clients.get(instance)!;
    },
  };
}

/** A Lock for one process: tasks under the same key run one after another. */
export function memoryLock(): Lock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async withLock(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const run = previous.catch(() => undefined).then(task);
      const tail = run.catch(() => undefined);
      tails.set(key, tail);
      try {
        return await run;
      } finally {
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}
