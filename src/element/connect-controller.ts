import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Attempt, resultOf, type AttemptHooks, type AttemptOutcome } from '../core/attempt.js';
import type { CodeDetail } from '../core/authorization-response.js';
import { resolveConfig, type ConnectOptions } from '../core/config.js';
import { OAuthConnectError, type CancelReason, type ErrorDetail } from '../core/errors.js';
import type { ConnectResult } from '../core/exchange.js';
import { openAttempt } from '../core/popup-attempt.js';
import { prepareRequest, type PreparedRequest } from '../core/prepared-request.js';
import { resumeRedirect } from '../core/redirect-resume.js';
import { idle, whenRedirectReturns } from './after-first-render.js';

export type ConnectStatus = 'idle' | 'authorizing' | 'exchanging' | 'connected' | 'error';

/** Event names and their `detail`, for typed listeners. */
export interface OAuthConnectEventMap {
  'oauth-connect-start': CustomEvent<{ authorizeUrl: string }>;
  'oauth-connect-code': CustomEvent<CodeDetail>;
  'oauth-connect-success': CustomEvent<ConnectResult>;
  'oauth-connect-error': CustomEvent<ErrorDetail>;
  'oauth-connect-cancel': CustomEvent<{ reason: CancelReason }>;
}

/** What the controller needs of its element: the options, the seams, and the provider's name. */
export interface ConnectHost extends ReactiveControllerHost, HTMLElement, ConnectOptions {
  provider?: string;
  openPopup(url: string, features: string): Window | null;
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
}

/**
 * Owns the element's attempts: the popup attempt a click starts, the redirect attempt a returning page
 * finishes, the values prepared for the next attempt, and the status and message the view shows.
 */
export class ConnectController implements ReactiveController {
  status: ConnectStatus = 'idle';
  message = '';
  /** The provider's `error_uri` of the last error, when it gave one. */
  moreInfo?: string;
  /** The `code` of the last error. */
  errorCode?: string;
  #attempt?: Attempt;
  #result?: Promise<ConnectResult>;
  #prepared?: PreparedRequest;
  #preparing?: Promise<void>;
  #resumeChecked = false;

  /** `checkFirst` checks what must be right before a popup opens (a typed server address); it throws to refuse. */
  constructor(
    private readonly host: ConnectHost,
    private readonly checkFirst: () => void = () => {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Off the first render's path: a page of many buttons renders first, then each prepares.
    if (!this.#prepared && !this.#preparing) void this.prepare(true);
    // Back from a full-page redirect: finish that attempt once, after the page's own scripts ran.
    const win = this.host.ownerDocument.defaultView;
    if (!win || this.#resumeChecked) return;
    this.#resumeChecked = true;
    whenRedirectReturns(win, () => this.#resume());
  }

  hostDisconnected(): void {
    // A move within the page disconnects and reconnects in the same task: only a real removal aborts.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.abort();
    });
  }

  /** The values of the next attempt, fresh (`whenIdle`: once the page is idle); any made before are discarded. */
  prepare(whenIdle = false): Promise<void> {
    this.#prepared = undefined;
    const preparing = (whenIdle ? idle() : Promise.resolve())
      .then(() => (this.host.isConnected ? prepareRequest() : undefined))
      .then((prepared) => {
        if (this.#preparing === preparing) this.#prepared = prepared;
      })
      .catch(() => {}) // No Web Crypto here: the attempt says so when it starts.
      .finally(() => {
        if (this.#preparing === preparing) this.#preparing = undefined;
      });
    this.#preparing = preparing;
    return preparing;
  }

  /** The values the next attempt will use, once ready. */
  get prepared(): PreparedRequest | undefined {
    return this.#prepared;
  }

  /** Settles when values being made for the next attempt are ready (at once when none are being made). */
  get preparing(): Promise<void> | undefined {
    return this.#preparing;
  }

  connect(): Promise<ConnectResult> {
    if (this.#attempt && this.#attempt.phase !== 'done') {
      this.#attempt.focus();
      return this.#result!;
    }
    let config;
    try {
      this.checkFirst();
      config = resolveConfig(this.host, this.host.ownerDocument.baseURI);
    } catch (error) {
      return Promise.reject(this.#fail(error as OAuthConnectError));
    }
    const attempt = new Attempt(this.#hooks());
    const prepared = this.#prepared;
    this.#follow(attempt, 'authorizing', `Waiting for ${this.#providerName}…`);
    openAttempt(attempt, config, this.#environment(), prepared);
    if (prepared) void this.prepare();
    return this.#result!;
  }

  abort(): void {
    this.#attempt?.abort();
  }

  /** Called only when a redirect attempt is stored: finishes it when it is this element's configuration. */
  #resume(): void {
    let config;
    try {
      config = resolveConfig(this.host, this.host.ownerDocument.baseURI);
    } catch {
      return; // Nothing of ours can be pending with a configuration that never could start.
    }
    const attempt = resumeRedirect(config, this.#environment(), this.#hooks());
    if (!attempt) return;
    this.#follow(attempt, 'exchanging', 'Finishing the connection…');
    this.#result!.catch(() => {}); // reported by the events; the promise is for callers of connect()
  }

  #follow(attempt: Attempt, status: ConnectStatus, message: string): void {
    this.#attempt = attempt;
    this.#show(status, message);
    this.#result = attempt.outcome.then((outcome) => this.#settle(attempt, outcome));
  }

  #environment() {
    const host = this.host;
    return {
      window: host.ownerDocument.defaultView ?? window,
      open: (url: string, features: string) => host.openPopup(url, features),
      fetch: (input: RequestInfo | URL, init?: RequestInit) => host.fetch(input, init),
    };
  }

  #hooks(): AttemptHooks {
    return {
      onStart: (detail) => this.#emit('oauth-connect-start', detail),
      onCode: (detail) => this.#emit('oauth-connect-code', detail, true),
      onPhase: (phase) => {
        if (phase === 'exchanging') this.#show('exchanging', 'Finishing the connection…');
        if (phase === 'detached')
          this.#show('authorizing', `Finish signing in to ${this.#providerName} in the other window, or cancel.`);
      },
    };
  }

  get #providerName(): string {
    return this.host.provider || 'the provider';
  }

  #settle(attempt: Attempt, outcome: AttemptOutcome): ConnectResult {
    if (this.#attempt === attempt) this.#attempt = undefined;
    if (outcome.kind === 'error') throw this.#fail(outcome.error);
    if (outcome.kind === 'success') {
      this.#show('connected', 'Connected');
      this.#emit('oauth-connect-success', outcome.result);
    } else {
      this.#show('idle', '');
      this.#emit('oauth-connect-cancel', { reason: outcome.reason });
    }
    return resultOf(outcome);
  }

  #fail(error: OAuthConnectError): OAuthConnectError {
    this.errorCode = error.code;
    this.#show('error', error.message, error.uri);
    this.#emit('oauth-connect-error', error.toDetail());
    return error;
  }

  #show(status: ConnectStatus, message: string, moreInfo?: string): void {
    [this.status, this.message, this.moreInfo] = [status, message, moreInfo];
    this.host.requestUpdate();
  }

  /** Every event goes out here: bubbling and composed, so listeners outside a shadow root hear it. */
  #emit<K extends keyof OAuthConnectEventMap>(type: K, detail: OAuthConnectEventMap[K]['detail'], cancelable = false) {
    return this.host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }
}
