import type { CallbackParams } from './callback-message.js';
import {
  completeAuthorization,
  type AttemptHooks,
  type AttemptOutcome,
  type AttemptPhase,
  type CompletionContext,
} from './complete-authorization.js';
import { cancelledError, hookFailed, timeoutError, type OAuthConnectError } from './errors.js';
import type { ConnectResult } from './exchange.js';
import { closeQuietly } from './popup.js';

export type { AttemptEnvironment, AttemptHooks, AttemptOutcome, AttemptPhase } from './complete-authorization.js';

/**
 * One authorization attempt as a settle-once state machine: `authorizing` until the first valid response,
 * `exchanging` while the code goes to the backend, `done` once `outcome` settled. Whatever it registers
 * is released when it leaves `authorizing`, and its popup is closed when it ends.
 */
export class Attempt {
  readonly outcome: Promise<AttemptOutcome>;
  popup: Window | null = null;
  #phase: AttemptPhase = 'authorizing';
  #settle!: (outcome: AttemptOutcome) => void;
  #cleanups: (() => void)[] = [];
  #abort = new AbortController();
  #received = false;

  constructor(private readonly hooks: AttemptHooks = {}) {
    this.outcome = new Promise((resolve) => (this.#settle = resolve));
  }

  get phase(): AttemptPhase {
    return this.#phase;
  }

  /** Aborted once the attempt has ended: cancels the start or exchange request in flight. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** Runs `cleanup` when the attempt stops listening: on its first response, or when it ends. */
  onRelease(cleanup: () => void): void {
    this.#cleanups.push(cleanup);
  }

  /** Gives up with `timeout` when no response arrived within `timeoutMs` (0: never). */
  timeOutAfter(timeoutMs: number): void {
    if (timeoutMs <= 0) return;
    const timer = setTimeout(() => this.fail(timeoutError(timeoutMs)), timeoutMs);
    this.onRelease(() => clearTimeout(timer));
  }

  /** Brings the pending popup to the front (a second click while pending). */
  focus(): void {
    try {
      this.popup?.focus();
    } catch {
      // Nothing to focus any more.
    }
  }

  /** Ends the attempt as cancelled: closes the popup, or drops the exchange in flight. */
  abort(): void {
    this.finish({ kind: 'cancel', reason: 'aborted' });
  }

  fail(error: OAuthConnectError): void {
    this.finish({ kind: 'error', error });
  }

  /** Calls the page's hook `name`; one that throws ends the attempt with `hook_failed` instead of hanging it. */
  callHook<Name extends keyof AttemptHooks>(name: Name, ...args: Parameters<NonNullable<AttemptHooks[Name]>>) {
    try {
      return (this.hooks[name] as ((...args: unknown[]) => unknown) | undefined)?.apply(this.hooks, args);
    } catch (error) {
      this.fail(hookFailed(name, error));
    }
  }

  /**
   * The first valid response wins: from here on the attempt listens to nothing, and completes this one
   * (RFC 6749 section 4.1.2) with the exchange.
   */
  receive(params: CallbackParams, context: Omit<CompletionContext, 'hooks' | 'signal'>): void {
    if (this.#received || this.#phase !== 'authorizing') return;
    this.#received = true;
    this.#release();
    closeQuietly(this.popup);
    const hooks: AttemptHooks = {
      onCode: (detail) => this.callHook('onCode', detail) as boolean | void,
      onPhase: (phase) => this.#enter(phase),
    };
    void completeAuthorization(params, { ...context, hooks, signal: this.signal }).then((outcome) =>
      this.finish(outcome ?? { kind: 'cancel', reason: 'aborted' }),
    );
  }

  /** Settles `outcome`, once: every later call is ignored. */
  finish(outcome: AttemptOutcome): void {
    if (this.#phase === 'done') return;
    this.#release();
    closeQuietly(this.popup);
    this.#phase = 'done';
    this.#abort.abort();
    this.#settle(outcome);
  }

  #enter(phase: AttemptPhase | 'detached'): void {
    if (this.#phase === 'done') return;
    if (phase !== 'detached') this.#phase = phase;
    this.callHook('onPhase', phase);
  }

  #release(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }
}

/** The result an outcome resolves `connect()` with, or the error it rejects with. */
export function resultOf(outcome: AttemptOutcome): ConnectResult {
  if (outcome.kind === 'success') return outcome.result;
  throw outcome.kind === 'error' ? outcome.error : cancelledError(outcome.reason);
}
