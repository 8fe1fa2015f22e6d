import { createHash } from 'node:crypto';
import { StoreUnavailableError } from '../stores/store-types.js';

/**
 * The few commands the Redis stores send, as a structural type: a node-redis v4, v5 or v6 client
 * (`createClient`) or cluster client (`createCluster`) fits. The legacy `{ NX, PX }` SET options
 * are used because every one of those versions accepts them.
 */
export interface RedisLike {
  set(key: string, value: string, options?: { NX?: boolean; PX?: number }): Promise<unknown>;
  get(key: string): Promise<unknown>;
  getDel(key: string): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Options shared by every Redis store. */
export interface RedisStoreOptions {
  /** Put before every key. Default `'oauth-connect:' + kind + ':'` (`flow`, `used`, `client`, `lock`). */
  prefix?: string;
  /** A command that has not answered after this many milliseconds fails. Default 2000. */
  timeoutMs?: number;
}

/** Keys longer than this are hashed, so an authorization code of a few KB keeps its Redis key small. */
const longestPlainKey = 200;
const hashedKeyMarker = 'sha256:';

/** Sends commands for one store: prefixes and shortens keys, bounds each command by the timeout. */
export interface RedisCommands {
  key(name: string): string;
  run<T>(command: string, send: () => Promise<T>): Promise<T>;
}

/** `kind` names the default prefix; `label` (`Redis flow store`) starts every error message. */
export function redisCommands(kind: string, label: string, options: RedisStoreOptions = {}): RedisCommands {
  const prefix = options.prefix ?? `oauth-connect:${kind}:`;
  const timeoutMs = options.timeoutMs ?? 2000;
  if (typeof prefix !== 'string') throw new TypeError(`${label}: "prefix" must be a string`);
  requirePositive(timeoutMs, `${label}: "timeoutMs"`);
  return {
    key: (name) => prefix + shortKey(name),
    run: (command, send) => runWithTimeout(`${label}: ${command}`, timeoutMs, send),
  };
}

/** A name that starts like a hashed one is hashed too, so no plain name can stand for a hashed one. */
function shortKey(name: string): string {
  if (name.length <= longestPlainKey && !name.startsWith(hashedKeyMarker)) return name;
  return hashedKeyMarker + createHash('sha256').update(name).digest('hex');
}

/** Every failure (an error reply, a closed client, no answer in time) becomes a StoreUnavailableError. */
async function runWithTimeout<T>(what: string, timeoutMs: number, send: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    const unanswered = () => reject(new StoreUnavailableError(`${what} did not answer within ${timeoutMs} ms`));
    timer = setTimeout(unanswered, timeoutMs);
  });
  try {
    // A client may also throw synchronously (e.g. closed); the `then` turns that into a rejection.
    return await Promise.race([Promise.resolve().then(send), timeout]);
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    throw new StoreUnavailableError(`${what} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** A reply as text: node-redis answers strings, or Buffers when a type mapping asks for them. */
export function replyText(reply: unknown): string | undefined {
  if (reply === null || reply === undefined) return undefined;
  return typeof reply === 'string' ? reply : String(reply);
}

export function requirePositive(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number, got ${String(value)}`);
  }
}

/** Seconds as whole milliseconds for PX (at least 1), so short TTLs below a second are honoured. */
export function ttlMilliseconds(ttlSeconds: number, name: string): number {
  requirePositive(ttlSeconds, name);
  return Math.max(1, Math.ceil(ttlSeconds * 1000));
}
