import { interpretAuthorizationResponse, type CodeDetail } from './authorization-response.js';
import { buildAuthorizeUrl } from './authorize-url.js';
import type { ResolvedConfig } from './config.js';
import { OAuthConnectError, invalidConfig, type CancelReason } from './errors.js';
import { exchangeCode, readCsrfToken, type ConnectResult } from './exchange.js';
import { acceptCallbackMessage } from './message-guard.js';
import { canDeriveCodeChallenge, createCodeVerifier, deriveCodeChallenge } from './pkce.js';
import { centredPopupFeatures, closeQuietly } from './popup.js';
import { randomToken } from './random.js';

/** How often a pending attempt looks whether the user closed the popup. */
export const POPUP_POLL_MS = 250;
/** After the popup is seen closed, how long a callback message that is already on its way may still arrive. */
export const CLOSED_GRACE_MS = 300;

export type AttemptOutcome =
  | { kind: 'success'; result: ConnectResult }
  | { kind: 'error'; error: OAuthConnectError }
  | { kind: 'cancel'; reason: CancelReason };

export type AttemptPhase = 'authorizing' | 'exchanging' | 'done';

/** What the attempt uses from its surroundings; the seams tests replace. */
export interface AttemptEnvironment {
  /** The opener window: it opens the popup and receives the callback message. */
  window: Window;
  open?: (url: string, features: string) => Window | null;
  fetch?: typeof fetch;
}

export interface AttemptHooks {
  onStart?(detail: { authorizeUrl: string }): void;
  /** Return false to skip the exchange (the page handles the code itself). */
  onCode?(detail: CodeDetail): boolean;
  /** Called once per phase change, before the outcome. */
  onPhase?(phase: AttemptPhase): void;
}

/**
 * One authorization attempt: opens the popup synchronously in the constructor (call it inside the
 * click), then waits for a single valid callback message, exchanges the code and settles `outcome`
 * exactly once. Everything it registers is released when it settles.
 */
export class AuthorizationAttempt {
  readonly state = randomToken();
  readonly outcome: Promise<AttemptOutcome>;
  #phase: AttemptPhase = 'authorizing';
  #settle!: (outcome: AttemptOutcome) => void;
  #popup: Window | null = null;
  #codeVerifier?: string;
  #exchangeAbort = new AbortController();
  #timers: ReturnType<typeof setTimeout>[] = [];
  #pollTimer?: ReturnType<typeof setInterval>;
  readonly #onMessage = (event: MessageEvent) => this.#receive(event);

  constructor(
    private readonly config: ResolvedConfig,
    private readonly env: AttemptEnvironment,
    private readonly hooks: AttemptHooks = {},
  ) {
    this.outcome = new Promise((resolve) => (this.#settle = resolve));
    const win = env.window;
    if (config.pkce === 'S256' && !canDeriveCodeChallenge(win)) {
      this.#finish({ kind: 'error', error: invalidConfig('pkce', 'S256 needs Web Crypto, which this page only has in a secure context (https); use https or set pkce="off"') });
      return;
    }
    const features = centredPopupFeatures(win, { width: config.popupWidth, height: config.popupHeight });
    this.#popup = env.open ? env.open('about:blank', features) : win.open('about:blank', '_blank', features);
    if (!this.#popup) {
      this.#finish({ kind: 'error', error: new OAuthConnectError('popup_blocked', 'The browser blocked the popup; allow popups for this site and try again') });
      return;
    }
    win.addEventListener('message', this.#onMessage);
    this.#pollTimer = setInterval(() => this.#checkPopupClosed(), POPUP_POLL_MS);
    if (config.timeoutMs > 0) {
      this.#timers.push(setTimeout(() => this.#timeOut(), config.timeoutMs));
    }
    void this.#navigatePopup();
  }

  get phase(): AttemptPhase {
    return this.#phase;
  }

  /** Brings the pending popup to the front (a second click while pending). */
  focus(): void {
    try {
      this.#popup?.focus();
    } catch {
      // Nothing to focus any more.
    }
  }

  /** Ends the attempt as cancelled: closes the popup, or drops the exchange in flight. */
  abort(): void {
    this.#finish({ kind: 'cancel', reason: 'aborted' });
  }

  async #navigatePopup(): Promise<void> {
    let codeChallenge: string | undefined;
    if (this.config.pkce === 'S256') {
      this.#codeVerifier = createCodeVerifier();
      codeChallenge = await deriveCodeChallenge(this.#codeVerifier);
    }
    if (this.#phase !== 'authorizing' || !this.#popup || this.#popup.closed) return;
    const authorizeUrl = buildAuthorizeUrl(this.config, { state: this.state, codeChallenge });
    this.#popup.location.replace(authorizeUrl);
    this.hooks.onStart?.({ authorizeUrl });
  }

  #receive(event: MessageEvent): void {
    if (this.#phase !== 'authorizing') return;
    const params = acceptCallbackMessage(event, {
      origins: this.config.messageOrigins,
      source: this.#popup,
      state: this.state,
    });
    if (!params) return;
    // The first valid message wins: from here on the attempt listens to nothing.
    this.#stopWaiting();
    closeQuietly(this.#popup);
    let code: CodeDetail;
    try {
      code = interpretAuthorizationResponse(params, {
        redirectUri: this.config.redirectUri,
        codeVerifier: this.#codeVerifier,
        issuer: this.config.issuer,
      });
    } catch (error) {
      this.#finish({ kind: 'error', error: error as OAuthConnectError });
      return;
    }
    void this.#exchange(code);
  }

  async #exchange(code: CodeDetail): Promise<void> {
    const proceed = this.hooks.onCode?.(code) ?? true;
    if (this.#phase === 'done') return;
    if (!proceed || !this.config.exchangeUrl) {
      this.#finish({ kind: 'success', result: { response: null, status: null } });
      return;
    }
    this.#setPhase('exchanging');
    try {
      const result = await exchangeCode({
        url: this.config.exchangeUrl,
        code,
        provider: this.config.provider,
        credentials: this.config.exchangeCredentials,
        csrfToken: readCsrfToken(this.env.window.document),
        fetch: this.env.fetch ?? this.env.window.fetch.bind(this.env.window),
        signal: this.#exchangeAbort.signal,
      });
      this.#finish({ kind: 'success', result });
    } catch (error) {
      if (error instanceof OAuthConnectError) this.#finish({ kind: 'error', error });
      // Otherwise the request was aborted, and the attempt has already ended as cancelled.
    }
  }

  #checkPopupClosed(): void {
    if (!this.#popup?.closed || this.#phase !== 'authorizing') return;
    clearInterval(this.#pollTimer);
    // A callback posts its message and then closes itself: give that message time to arrive.
    this.#timers.push(setTimeout(() => this.#finish({ kind: 'cancel', reason: 'popup_closed' }), CLOSED_GRACE_MS));
  }

  #timeOut(): void {
    if (this.#phase !== 'authorizing') return;
    const seconds = this.config.timeoutMs / 1000;
    this.#finish({ kind: 'error', error: new OAuthConnectError('timeout', `No authorization response within ${seconds} s`) });
  }

  #stopWaiting(): void {
    this.env.window.removeEventListener('message', this.#onMessage);
    clearInterval(this.#pollTimer);
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
  }

  #setPhase(phase: AttemptPhase): void {
    this.#phase = phase;
    this.hooks.onPhase?.(phase);
  }

  #finish(outcome: AttemptOutcome): void {
    if (this.#phase === 'done') return;
    this.#stopWaiting();
    closeQuietly(this.#popup);
    this.#exchangeAbort.abort();
    this.#phase = 'done';
    this.#settle(outcome);
  }
}
