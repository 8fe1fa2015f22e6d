import { interpretAuthorizationResponse, type CodeDetail, type ResponseContext } from './authorization-response.js';
import type { CallbackResponse } from './callback-message.js';
import type { ResolvedConfig } from './config.js';
import { OAuthConnectError, timeoutError, type CancelReason } from './errors.js';
import { exchangeCode, type ConnectResult } from './exchange.js';

export type AttemptOutcome =
  | { kind: 'success'; result: ConnectResult }
  | { kind: 'error'; error: OAuthConnectError }
  | { kind: 'cancel'; reason: CancelReason };

export type AttemptPhase = 'authorizing' | 'exchanging' | 'done';

/** What an attempt uses from its surroundings; the seams tests replace. */
export interface AttemptEnvironment {
  /** The opener window: it opens the popup and receives the callback message. */
  window: Window;
  open?: (url: string, features: string) => Window | null;
  fetch?: typeof fetch;
}

export interface AttemptHooks {
  onStart?(detail: { authorizeUrl: string }): void;
  /** Return false to skip the exchange (the page handles the code itself). */
  onCode?(detail: CodeDetail): boolean | void;
  /** Called on each phase change before the outcome, and with `detached` when a COOP popup went out of reach. */
  onPhase?(phase: AttemptPhase | 'detached'): void;
}

/** The hooks of whoever follows attempts (the element, `connect()`): the page's, and `onResume`. */
export interface FollowerHooks extends AttemptHooks {
  /**
   * A response arrived after the attempt had ended as cancelled (`popup_closed`, see `Attempt.finish`):
   * `resumed` is the new attempt that completes it, with these same hooks, given before it starts.
   */
  onResume?(resumed: Attempt): void;
}

/** What completing a response needs: what it is checked against, and where the code then goes. */
export interface CompletionContext extends ResponseContext {
  config: ResolvedConfig;
  env: AttemptEnvironment;
}

/**
 * One authorization attempt as a settle-once state machine: `authorizing` until the first valid response,
 * `exchanging` while the code goes to the backend, `done` once `outcome` settled. Whatever it registers
 * is released when it leaves `authorizing` (after a popup close, later: see `finish`), and its popup is
 * closed when it ends.
 */
export class Attempt {
  readonly outcome: Promise<AttemptOutcome>;
  popup?: Window | null;
  /** Read only: the attempt moves itself on. */
  phase: AttemptPhase = 'authorizing';
  #abort = new AbortController();
  /** Aborted once the attempt has ended: cancels the start or exchange request in flight. */
  readonly signal = this.#abort.signal;
  #settle!: (outcome: AttemptOutcome) => void;
  #cleanups: (() => void)[] = [];
  #released?: boolean;

  constructor(private readonly hooks: FollowerHooks = {}) {
    this.outcome = new Promise((resolve) => (this.#settle = resolve));
  }

  /** Runs `cleanup` when the attempt stops listening: on its first response, or when it ends (see `release`). */
  onRelease(cleanup: () => void): void {
    this.#cleanups.push(cleanup);
  }

  /**
   * Gives up with `timeout` when no response arrived within `timeoutMs` (0: never); an attempt that still
   * listens after its popup closed stops listening then.
   */
  timeOutAfter(timeoutMs: number): void {
    if (timeoutMs > 0) {
      const timer = setTimeout(() => (this.fail(timeoutError(timeoutMs)), this.release()), timeoutMs);
      this.onRelease(() => clearTimeout(timer));
    }
  }

  /** Brings the pending popup to the front (a second click while pending). */
  focus(): void {
    try {
      this.popup?.focus();
    } catch {
      // A popup the browser already tore down can throw on access: nothing to focus any more.
    }
  }

  /**
   * Ends the attempt as cancelled (`aborted` unless `reason` says otherwise): closes the popup, drops the
   * exchange. An attempt that ended on a popup close stops listening.
   */
  abort(reason: CancelReason = 'aborted'): void {
    this.finish({ kind: 'cancel', reason });
    this.release();
  }

  fail(error: OAuthConnectError): void {
    this.finish({ kind: 'error', error });
  }

  /** Calls the page's hook `name`; one that throws ends the attempt with `hook_failed` instead of hanging it. */
  callHook<Name extends keyof FollowerHooks>(name: Name, ...args: Parameters<NonNullable<FollowerHooks[Name]>>) {
    try {
      return (this.hooks[name] as ((...args: unknown[]) => unknown) | undefined)?.(...args);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      this.fail(new OAuthConnectError('hook_failed', `The "${name}" hook threw: ${reason}`, { cause }));
    }
  }

  /**
   * The first valid response wins: from here on the attempt listens to nothing, and completes this one
   * (RFC 6749 section 4.1.2): a response that arrived at another redirect URI, the provider's error or an
   * issuer mismatch ends it, else `onCode`, then the exchange unless the page took the code itself.
   */
  receive(response: CallbackResponse, context: CompletionContext): void {
    if (this.#released) return;
    this.release();
    if (this.phase === 'done') {
      // Ended, yet listening on (see `finish`): a new attempt completes the response.
      const resumed = new Attempt(this.hooks);
      resumed.callHook('onResume', resumed);
      return resumed.receive(response, context);
    }
    const { config } = context;
    const complete = async (): Promise<ConnectResult | void> => {
      const code = interpretAuthorizationResponse(response, context);
      const exchange = this.callHook('onCode', code) ?? true;
      if (this.signal.aborted) return; // a hook threw, or the page aborted
      if (!exchange || !config.exchangeUrl) return { response: null, status: null };
      this.phase = 'exchanging';
      this.callHook('onPhase', 'exchanging');
      return exchangeCode(code, config, context.env, this.signal);
    };
    complete().then(
      (result) => result && this.finish({ kind: 'success', result }),
      // Anything else is the aborted exchange (the attempt has ended already), or a bug: never left pending.
      (error) => (error instanceof OAuthConnectError ? this.fail(error) : this.abort()),
    );
  }

  /**
   * Settles `outcome`, once: every later call is ignored. With `listenOn`, the attempt still listens until
   * `release()` (its timeout, `abort()`, the page going away), and a valid response that arrives then is
   * completed by a new attempt, given to `onResume`: that is how an attempt whose popup read closed ends (a
   * provider that sends Cross-Origin-Opener-Policy only on a later page makes the popup of a user who is
   * still signing in read closed).
   */
  finish(outcome: AttemptOutcome, listenOn?: boolean): void {
    if (this.phase === 'done') return;
    if (!listenOn) this.release();
    this.phase = 'done';
    this.#abort.abort();
    this.#settle(outcome);
  }

  /**
   * Stops listening (on the first response, when it ends, or later when `finish` was told to listen on): runs
   * the cleanups, and closes the popup (one closed stays so).
   */
  release(): void {
    this.#released = true;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    try {
      this.popup?.close();
    } catch {
      // Torn down already: it is closed either way.
    }
  }
}

/** The result an outcome resolves `connect()` with, or the error it rejects with. */
export function resultOf(outcome: AttemptOutcome): ConnectResult {
  if (outcome.kind === 'success') return outcome.result;
  if (outcome.kind === 'error') throw outcome.error;
  const { reason } = outcome;
  const message = reason === 'popup_closed' ? 'The popup was closed' : 'The attempt was aborted';
  throw new OAuthConnectError('cancelled', message, { reason });
}
