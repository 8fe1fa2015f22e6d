import { LitElement, html, nothing, type PropertyDeclaration, type PropertyDeclarations } from 'lit';
import { AuthorizationAttempt, type AttemptOutcome } from './core/attempt.js';
import { resumeRedirect } from './core/redirect-resume.js';
import type { CodeDetail } from './core/authorization-response.js';
import { normalizeInstance, resolveConfig, type Fallback, type PkceMethod, type ResponseMode } from './core/config.js';
import { OAuthConnectError, cancelledError, type CancelReason, type ErrorDetail } from './core/errors.js';
import type { ConnectResult } from './core/exchange.js';
import { styles } from './oauth-connect-styles.js';

function reflected(attribute: string, type?: PropertyDeclaration['type']): PropertyDeclaration {
  return { attribute, type, reflect: true };
}

export type ConnectStatus = 'idle' | 'authorizing' | 'exchanging' | 'connected' | 'error';

/** Event names and their `detail`, for typed listeners. */
export interface OAuthConnectEventMap {
  'oauth-connect-start': CustomEvent<{ authorizeUrl: string }>;
  'oauth-connect-code': CustomEvent<CodeDetail>;
  'oauth-connect-success': CustomEvent<ConnectResult>;
  'oauth-connect-error': CustomEvent<ErrorDetail>;
  'oauth-connect-cancel': CustomEvent<{ reason: CancelReason }>;
}

/**
 * A button that connects the user's account at an OAuth 2.0 provider through a popup and hands the
 * authorization code to the page's backend.
 *
 * @event oauth-connect-start - The popup is on its way; detail `{ authorizeUrl }`.
 * @event oauth-connect-code - A valid authorization response arrived. Cancelable: `preventDefault()` skips the
 * exchange.
 * @event oauth-connect-success - The exchange answered 2xx JSON; detail `{ response, status }`.
 * @event oauth-connect-error - The attempt failed; detail `{ code, message, status?, description?, uri? }`.
 * @event oauth-connect-cancel - The user closed the popup or `abort()` was called; detail `{ reason }`.
 * @slot - Button content; replaces `label`.
 * @csspart button - The connect button.
 * @csspart label - The default label inside the button.
 * @csspart status - The status line (pending, connected, error text).
 * @csspart cancel - The cancel button shown while pending.
 * @csspart instance - The server address field (`ask-instance`).
 * @csspart instance-label - The label around that field.
 * @cssprop --oauth-connect-background - Button background.
 * @cssprop --oauth-connect-color - Button text colour.
 * @cssprop --oauth-connect-border - Button border.
 * @cssprop --oauth-connect-radius - Button corner radius.
 * @cssprop --oauth-connect-padding - Button padding.
 * @cssprop --oauth-connect-focus-ring - Focus outline colour.
 * @cssprop --oauth-connect-status-color - Status text colour.
 * @cssprop --oauth-connect-error-color - Status text colour on error.
 * @cssprop --oauth-connect-cancel-color - Cancel link colour.
 */
export class OAuthConnectElement extends LitElement {
  static override styles = styles;

  /** Every attribute, named explicitly, mapped to its camelCase property and reflected. */
  static override properties: PropertyDeclarations = {
    authorizeUrl: reflected('authorize-url'),
    clientId: reflected('client-id'),
    redirectUri: reflected('redirect-uri'),
    scope: reflected('scope'),
    exchangeUrl: reflected('exchange-url'),
    startUrl: reflected('start-url'),
    display: reflected('display'),
    pkce: reflected('pkce'),
    params: reflected('params'),
    responseMode: reflected('response-mode'),
    messageOrigins: reflected('message-origins'),
    issuer: reflected('issuer'),
    popupWidth: reflected('popup-width', Number),
    popupHeight: reflected('popup-height', Number),
    timeout: reflected('timeout', Number),
    fallback: reflected('fallback'),
    exchangeCredentials: reflected('exchange-credentials'),
    exchangeTimeout: reflected('exchange-timeout', Number),
    csrfOrigins: reflected('csrf-origins'),
    label: reflected('label'),
    provider: reflected('provider'),
    disabled: reflected('disabled', Boolean),
    instance: reflected('instance'),
    askInstance: reflected('ask-instance', Boolean),
    instanceLabel: reflected('instance-label'),
    _status: { state: true },
    _message: { state: true },
    _moreInfo: { state: true },
  };

  authorizeUrl = '';
  clientId = '';
  redirectUri = '';
  scope?: string;
  exchangeUrl?: string;
  startUrl?: string;
  display = 'popup';
  pkce: PkceMethod = 'S256';
  params?: string;
  responseMode: ResponseMode = 'query';
  messageOrigins?: string;
  issuer?: string;
  popupWidth = 500;
  popupHeight = 650;
  timeout = 600;
  fallback: Fallback = 'none';
  exchangeCredentials: RequestCredentials = 'same-origin';
  exchangeTimeout = 30;
  /** Space-separated origins besides the page's own that the `<meta name="csrf-token">` value may be sent to. */
  csrfOrigins?: string;
  label = 'Connect';
  provider?: string;
  disabled = false;
  /** With `start-url`: the user's server, sent to the start endpoint as `instance`. */
  instance?: string;
  /** Shows a field where the user types their server's address (Gancio, Mastodon-like providers). */
  askInstance = false;
  instanceLabel = 'Your server';

  private _status: ConnectStatus = 'idle';
  private _message = '';
  private _moreInfo?: string;
  #attempt?: AuthorizationAttempt;
  #resumeChecked = false;
  /** Set while a returning redirect attempt is being finished. */
  #resuming?: AbortController;
  #result?: Promise<ConnectResult>;
  #lastCode?: string;

  /** `idle`, `authorizing`, `exchanging`, `connected` or `error`; reflected as the `status` attribute. */
  get status(): ConnectStatus {
    return this._status;
  }

  /**
   * Starts an attempt, as a click does; while one is pending, focuses its popup and returns its promise.
   * Call it synchronously inside a user gesture, or the browser blocks the popup.
   */
  connect(): Promise<ConnectResult> {
    if (this.#resuming) return this.#result!;
    if (this.#attempt && this.#attempt.phase !== 'done') {
      this.#attempt.focus();
      return this.#result!;
    }
    let attempt: AuthorizationAttempt;
    try {
      if (this.askInstance) this.#checkTypedInstance();
      const config = resolveConfig(this, this.ownerDocument.baseURI);
      attempt = new AuthorizationAttempt(config, this.#environment(), this.#hooks());
    } catch (error) {
      return Promise.reject(this.#fail(error as OAuthConnectError));
    }
    this.#attempt = attempt;
    this.#show('authorizing', `Waiting for ${this.#providerName}…`);
    this.#result = attempt.outcome.then((outcome) => this.#settle(attempt, outcome));
    return this.#result;
  }

  /** Ends the pending attempt as cancelled (`aborted`) and closes its popup. */
  abort(): void {
    this.#attempt?.abort();
    this.#resuming?.abort();
  }

  /** Opens the popup; override to observe or replace `window.open` (tests do). */
  openPopup(url: string, features: string): Window | null {
    return (this.ownerDocument.defaultView ?? window).open(url, '_blank', features);
  }

  /** Sends the exchange request; override to wrap `fetch` (tests do). */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    return (this.ownerDocument.defaultView ?? window).fetch(input, init);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back from a full-page redirect (fallback="redirect"): finish that attempt once, after the page's
    // own scripts have run and attached their listeners.
    const win = this.ownerDocument.defaultView;
    if (!win || this.#resumeChecked) return;
    this.#resumeChecked = true;
    const resume = () => setTimeout(() => this.#resume(win));
    if (this.ownerDocument.readyState === 'complete') resume();
    else win.addEventListener('load', resume, { once: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move within the page disconnects and reconnects in the same task: only a real removal aborts.
    queueMicrotask(() => {
      if (!this.isConnected) this.abort();
    });
  }

  protected override updated(): void {
    this.setAttribute('status', this._status);
  }

  protected override render() {
    const pending = this._status === 'authorizing' || this._status === 'exchanging';
    const accessibleName = this.provider ? `${this.label} with ${this.provider}` : nothing;
    const instanceField = this.askInstance
      ? html`<label part="instance-label"
          >${this.instanceLabel}
          <input
            part="instance"
            type="text"
            inputmode="url"
            autocomplete="url"
            spellcheck="false"
            placeholder="https://events.example"
            .value=${this.instance ?? ''}
            ?disabled=${this.disabled || pending}
            aria-invalid=${this._status === 'error' && this.#lastCode === 'invalid_instance' ? 'true' : 'false'}
          />
        </label>`
      : nothing;
    return html`${instanceField}<button
        part="button"
        type="button"
        ?disabled=${this.disabled}
        aria-busy=${pending ? 'true' : 'false'}
        aria-label=${accessibleName}
        aria-describedby="status"
        @click=${this.#onClick}
      >
        <slot><span part="label">${this.label}</span></slot>
      </button>
      ${pending ? html`<button part="cancel" type="button" @click=${this.abort}>Cancel</button>` : nothing}
      <span part="status" id="status" role="status" aria-live="polite">${this._message}</span>
      ${this._moreInfo ? html`<a part="more-info" href=${this._moreInfo} target="_blank" rel="noopener noreferrer">More information</a>` : nothing}`;
  }

  /** A typed address is the user's to fix: say so next to the field, before any popup opens. */
  #checkTypedInstance(): void {
    const field = this.renderRoot.querySelector<HTMLInputElement>('[part=instance]');
    const typed = field?.value ?? this.instance ?? '';
    const origin = normalizeInstance(typed);
    if (!origin) {
      field?.focus();
      throw new OAuthConnectError(
        'invalid_instance',
        typed.trim()
          ? `"${typed.trim()}" is not a server address; enter one like https://events.example`
          : 'Enter the address of your server first',
      );
    }
    this.instance = origin;
  }

  #onClick(): void {
    // Events report every outcome; the promise is for callers of connect().
    this.connect().catch(() => {});
  }

  get #providerName(): string {
    return this.provider || 'the provider';
  }

  #environment() {
    const win = this.ownerDocument.defaultView ?? window;
    return {
      window: win,
      open: (url: string, features: string) => this.openPopup(url, features),
      fetch: (input: RequestInfo | URL, init?: RequestInit) => this.fetch(input, init),
    };
  }

  #hooks() {
    return {
      onStart: (detail: { authorizeUrl: string }) => this.#emit('oauth-connect-start', detail),
      onCode: (detail: CodeDetail) => this.#emit('oauth-connect-code', detail, true),
      onPhase: (phase: string) => {
        if (phase === 'exchanging') this.#show('exchanging', 'Finishing the connection…');
        if (phase === 'detached')
          this.#show('authorizing', `Finish signing in to ${this.#providerName} in the other window, or cancel.`);
      },
    };
  }

  async #resume(win: Window): Promise<void> {
    let config;
    try {
      config = resolveConfig(this, this.ownerDocument.baseURI);
    } catch {
      return; // Nothing of ours can be pending with a configuration that never could start.
    }
    const controller = new AbortController();
    const pending = resumeRedirect(config, { ...this.#environment(), window: win }, this.#hooks(), controller.signal);
    if (!pending) return;
    this.#resuming = controller;
    this.#show('exchanging', 'Finishing the connection…');
    this.#result = pending.then((outcome) => {
      this.#resuming = undefined;
      // No outcome means abort() stopped the exchange: that ends the attempt as cancelled.
      return this.#settle(undefined, outcome ?? { kind: 'cancel', reason: 'aborted' });
    });
    this.#result.catch(() => {}); // reported by the events; the promise is for callers of connect()
  }

  #settle(attempt: AuthorizationAttempt | undefined, outcome: AttemptOutcome): ConnectResult {
    if (this.#attempt === attempt) this.#attempt = undefined;
    if (outcome.kind === 'success') {
      this.#show('connected', 'Connected');
      this.#emit('oauth-connect-success', outcome.result);
      return outcome.result;
    }
    if (outcome.kind === 'error') throw this.#fail(outcome.error);
    this.#show('idle', '');
    this.#emit('oauth-connect-cancel', { reason: outcome.reason });
    throw cancelledError(outcome.reason);
  }

  #fail(error: OAuthConnectError): OAuthConnectError {
    this.#lastCode = error.code;
    this.#show('error', error.message, error.uri);
    this.#emit('oauth-connect-error', error.toDetail());
    return error;
  }

  #show(status: ConnectStatus, message: string, moreInfo?: string): void {
    this._status = status;
    this._message = message;
    this._moreInfo = moreInfo;
  }

  /**
   * Every event goes out here: bubbling and composed, so listeners outside a shadow root hear it. Returns false when a
   * listener prevented it.
   */
  #emit<K extends keyof OAuthConnectEventMap>(
    type: K,
    detail: OAuthConnectEventMap[K]['detail'],
    cancelable = false,
  ): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }
}
