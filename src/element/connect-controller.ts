import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Attempt, resultOf, type AttemptOutcome, type FollowerHooks } from '../core/attempt.js';
import type { CodeDetail } from '../core/authorization-response.js';
import { postToBackend } from '../core/backend-request.js';
import { resolveConfig, resolveDisconnect, type ConnectOptions } from '../core/config.js';
import { OAuthConnectError, type CancelReason, type ErrorDetail } from '../core/errors.js';
import type { ConnectResult } from '../core/exchange.js';
import { openAttempt } from '../core/popup-attempt.js';
import { resumeRedirect } from '../core/redirect-resume.js';
import { prepareSoon, takePrepared, whenRedirectReturns } from './after-first-render.js';
import { checkTypedInstance, type TypedInstanceHost } from './instance-field.js';

export type ConnectStatus = 'idle' | 'authorizing' | 'exchanging' | 'connected' | 'error';

/** Event names and their `detail`, for typed listeners. */
export interface OAuthConnectEventMap {
  'oauth-connect-start': CustomEvent<{ authorizeUrl: string }>;
  'oauth-connect-code': CustomEvent<CodeDetail>;
  'oauth-connect-success': CustomEvent<ConnectResult>;
  'oauth-connect-error': CustomEvent<ErrorDetail>;
  'oauth-connect-cancel': CustomEvent<{ reason: CancelReason }>;
  'oauth-connect-disconnect': CustomEvent<{ account?: string }>;
}

/** The pending texts the view may show: keys of the element's strings. */
export type ConnectNotice = 'waiting' | 'finishInOtherWindow' | 'finishing' | 'disconnecting';

/** What the controller needs of its element: the options, the seams, the connected account, the address field. */
export interface ConnectHost extends ReactiveControllerHost, HTMLElement, ConnectOptions, TypedInstanceHost {
  connected?: boolean;
  account?: string;
  disconnectUrl?: string;
  openPopup(url: string, features: string): Window | null;
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
}

/**
 * Owns the element's attempts: the popup attempt a click starts (with the values prepared for the next
 * attempt), the redirect attempt a returning page finishes, and the disconnect request. It keeps what the view
 * shows as data (a status, a notice, the error); the view turns that into the user's language.
 */
export class ConnectController implements ReactiveController {
  /** `idle`, pending or `error`; the element shows `connected` for an idle host that is connected. */
  status: ConnectStatus = 'idle';
  notice?: ConnectNotice;
  /** The last error, while `status` is `error`. */
  error?: OAuthConnectError;
  #host: ConnectHost;
  #attempt?: Attempt;
  #result?: Promise<ConnectResult>;
  #resumeChecked?: boolean;

  constructor(host: ConnectHost) {
    (this.#host = host).addController(this);
  }

  hostConnected(): void {
    prepareSoon();
    // Back from a full-page redirect: finish that attempt once, after the page's own scripts ran.
    const win = this.#host.ownerDocument.defaultView;
    if (!win || this.#resumeChecked) return;
    this.#resumeChecked = true;
    whenRedirectReturns(win, () => this.#resume());
  }

  hostDisconnected(): void {
    // A move within the page disconnects and reconnects in the same task: only a real removal aborts.
    queueMicrotask(() => this.#host.isConnected || this.abort());
  }

  connect(): Promise<ConnectResult> {
    if (this.#attempt && this.#attempt.phase !== 'done') {
      this.#attempt.focus();
      return this.#result!;
    }
    let config;
    try {
      checkTypedInstance(this.#host);
      config = resolveConfig(this.#host, this.#host.ownerDocument.baseURI);
    } catch (error) {
      return Promise.reject(this.#fail(error as OAuthConnectError));
    }
    // The attempt before, when it still listens after its popup closed, listens no more.
    this.#attempt?.release();
    const attempt = new Attempt(this.#hooks());
    this.#follow(attempt, 'authorizing', 'waiting');
    openAttempt(attempt, config, this.#environment(), takePrepared());
    return this.#result!;
  }

  abort(): void {
    this.#attempt?.abort();
  }

  /**
   * What the Disconnect button does: asks the page (`oauth-connect-disconnect`, cancelable), then, when
   * `disconnect-url` is set, POSTs `{ provider, account }` there once, with the exchange's rules for the CSRF
   * header, credentials and time limit (any 2xx succeeds, 204 No Content too; anything else is
   * `disconnect_failed`). Only once that succeeded is the host no longer connected.
   */
  async disconnect(): Promise<void> {
    const host = this.#host;
    if (this.notice === 'disconnecting' || !this.#emit('oauth-connect-disconnect', { account: host.account }, true))
      return;
    if (host.disconnectUrl) {
      this.#show('idle', 'disconnecting');
      try {
        const { url, ...config } = resolveDisconnect(host, host.ownerDocument.baseURI);
        const body = { provider: host.provider, account: host.account };
        const signal = new AbortController().signal; // nothing cancels it
        await postToBackend(url, body, 'disconnect_failed', config, this.#environment(), signal);
      } catch (error) {
        this.#fail(error as OAuthConnectError);
        return;
      }
    }
    host.connected = false;
    host.account = undefined;
    this.#show('idle');
  }

  /** The page changed `connected`: an error or notice of before no longer applies, unless an attempt is pending. */
  reset(): void {
    if (!this.#attempt || this.#attempt.phase === 'done') this.#show('idle');
  }

  /** Called only when a redirect attempt is stored: finishes it when it is this element's configuration. */
  #resume(): void {
    let config;
    try {
      config = resolveConfig(this.#host, this.#host.ownerDocument.baseURI);
    } catch {
      return; // Nothing of ours can be pending with a configuration that never could start.
    }
    const attempt = resumeRedirect(config, this.#environment(), this.#hooks());
    if (attempt) this.#followResumed(attempt);
  }

  /** An attempt that finishes one begun before: a redirect's, or one whose popup read closed (`onResume`). */
  #followResumed(attempt: Attempt): void {
    this.#follow(attempt, 'exchanging', 'finishing');
    this.#result!.catch(() => {}); // reported by the events; the promise is for callers of connect()
  }

  #follow(attempt: Attempt, status: ConnectStatus, notice: ConnectNotice): void {
    this.#attempt = attempt;
    this.#show(status, notice);
    this.#result = attempt.outcome.then((outcome) => this.#settle(outcome));
  }

  #environment() {
    const host = this.#host;
    return {
      window: host.ownerDocument.defaultView ?? window,
      open: (url: string, features: string) => host.openPopup(url, features),
      fetch: (input: RequestInfo | URL, init?: RequestInit) => host.fetch(input, init),
    };
  }

  #hooks(): FollowerHooks {
    return {
      onStart: (detail) => this.#emit('oauth-connect-start', detail),
      onResume: (attempt) => this.#followResumed(attempt),
      onCode: (detail) => this.#emit('oauth-connect-code', detail, true),
      onPhase: (phase) =>
        phase === 'exchanging'
          ? this.#show(phase, 'finishing')
          : phase === 'detached' && this.#show('authorizing', 'finishInOtherWindow'),
    };
  }

  #settle(outcome: AttemptOutcome): ConnectResult {
    if (outcome.kind === 'error') throw this.#fail(outcome.error);
    this.#show('idle');
    if (outcome.kind === 'success') {
      const account = (outcome.result.response as { account?: unknown } | null)?.account;
      this.#host.connected = true;
      if (typeof account === 'string') this.#host.account = account;
      this.#emit('oauth-connect-success', outcome.result);
    } else {
      this.#emit('oauth-connect-cancel', { reason: outcome.reason });
    }
    return resultOf(outcome);
  }

  #fail(error: OAuthConnectError): OAuthConnectError {
    this.#show('error', undefined, error);
    this.#emit('oauth-connect-error', error.toDetail());
    return error;
  }

  #show(status: ConnectStatus, notice?: ConnectNotice, error?: OAuthConnectError): void {
    this.status = status;
    this.notice = notice;
    this.error = error;
    this.#host.requestUpdate();
  }

  /** Every event goes out here: bubbling and composed, so listeners outside a shadow root hear it. */
  #emit<K extends keyof OAuthConnectEventMap>(type: K, detail: OAuthConnectEventMap[K]['detail'], cancelable = false) {
    return this.#host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }
}
