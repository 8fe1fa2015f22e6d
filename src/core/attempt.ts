import { buildAuthorizeUrl, openIdNonce } from './authorize-url.js';
import { readCallbackResponse, type CallbackResponse } from './callback-message.js';
import {
  completeAuthorization,
  type AttemptEnvironment,
  type AttemptHooks,
  type AttemptOutcome,
  type AttemptPhase,
} from './complete-authorization.js';
import type { ResolvedConfig } from './config.js';
import { OAuthConnectError, invalidConfig, timeoutError } from './errors.js';
import { acceptCallbackResponse } from './message-guard.js';
import { channelName, clearPending, markPending } from './pending-attempts.js';
import { canDeriveCodeChallenge, createCodeVerifier, deriveCodeChallenge } from './pkce.js';
import { centredPopupFeatures, closeQuietly } from './popup.js';
import { watchPopup, type PopupClosure } from './popup-watch.js';
import { randomToken } from './random.js';
import { saveRedirect } from './redirect-store.js';
import { csrfTokenFor } from './backend-request.js';
import { defaultMessageOrigins } from './config.js';
import { requestStart, type StartAnswer } from './start-request.js';

export type { AttemptEnvironment, AttemptHooks, AttemptOutcome, AttemptPhase } from './complete-authorization.js';

/** After a popup we saw on the provider's page is closed, how long a response already on its way may still arrive. */
export const CLOSED_GRACE_MS = 300;

/**
 * One authorization attempt: opens the popup synchronously in the constructor (call it inside the
 * click), waits for one valid response (a message from the popup, or a broadcast on the attempt's
 * channel when the popup lost its opener), completes it, and settles `outcome` exactly once.
 * Everything it registers is released when it settles.
 */
export class AuthorizationAttempt {
  readonly outcome: Promise<AttemptOutcome>;
  #phase: AttemptPhase = 'authorizing';
  #settle!: (outcome: AttemptOutcome) => void;
  #popup: Window | null = null;
  #codeVerifier?: string;
  /** OpenID Connect `nonce` of a request the widget built itself. */
  #nonce?: string;
  #abort = new AbortController();
  #cleanups: (() => void)[] = [];
  /** In server-initiated mode, the backend's state, known once it answers. */
  #state: string;

  constructor(
    private config: ResolvedConfig,
    private readonly env: AttemptEnvironment,
    private readonly hooks: AttemptHooks = {},
  ) {
    this.outcome = new Promise((resolve) => (this.#settle = resolve));
    this.#state = config.startUrl ? '' : randomToken();
    const win = env.window;
    if (config.pkce === 'S256' && !canDeriveCodeChallenge(win)) {
      this.#finish({
        kind: 'error',
        error: invalidConfig(
          'pkce',
          'S256 needs Web Crypto, which this page only has in a secure context (https); use https or set pkce="off"',
        ),
      });
      return;
    }
    const features = centredPopupFeatures(win, { width: config.popupWidth, height: config.popupHeight });
    this.#popup = env.open ? env.open('about:blank', features) : win.open('about:blank', '_blank', features);
    if (!this.#popup) {
      if (config.fallback === 'redirect') this.#redirect().catch((cause) => this.#failToStart(cause));
      else
        this.#finish({
          kind: 'error',
          error: new OAuthConnectError(
            'popup_blocked',
            'The browser blocked the popup; allow popups for this site and try again',
          ),
        });
      return;
    }
    if (config.startUrl) {
      void this.#startOnServer();
      return;
    }
    this.#listen();
    this.#navigatePopup().catch((cause) => this.#failToStart(cause));
  }

  /** The attempt's `state`; in server-initiated mode, empty until the start endpoint answered. */
  get state(): string {
    return this.#state;
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

  #listen(): void {
    const win = this.env.window;
    const onMessage = (event: MessageEvent) => {
      const response = acceptCallbackResponse(event, {
        origins: this.config.messageOrigins,
        source: this.#popup,
        state: this.state,
        webMessage: this.config.responseMode === 'web_message',
      });
      if (response) this.#receive(response);
    };
    const channel = new BroadcastChannel(channelName(this.state));
    channel.onmessage = (event) => {
      // Only same-origin pages reach a channel; the state is what ties the broadcast to this attempt.
      const response = readCallbackResponse(event.data);
      if (response?.params.state === this.state) this.#receive(response);
    };
    const onPageHide = () => this.abort();
    win.addEventListener('message', onMessage);
    win.addEventListener('pagehide', onPageHide);
    markPending(win, this.state);
    const stopWatching = watchPopup(this.#popup!, (closure) => this.#popupGone(closure));
    const timer = this.config.timeoutMs > 0 ? setTimeout(() => this.#timeOut(), this.config.timeoutMs) : undefined;
    this.#cleanups.push(() => {
      win.removeEventListener('message', onMessage);
      win.removeEventListener('pagehide', onPageHide);
      channel.close();
      clearPending(win, this.state);
      stopWatching();
      clearTimeout(timer);
    });
  }

  async #authorizeUrl(): Promise<string> {
    let codeChallenge: string | undefined;
    if (this.config.pkce === 'S256') {
      this.#codeVerifier = createCodeVerifier();
      codeChallenge = await deriveCodeChallenge(this.#codeVerifier);
    }
    this.#nonce = openIdNonce(this.config);
    return buildAuthorizeUrl(this.config, { state: this.state, codeChallenge, nonce: this.#nonce });
  }

  async #navigatePopup(): Promise<void> {
    const authorizeUrl = await this.#authorizeUrl();
    if (this.#phase !== 'authorizing' || !this.#popup || this.#popup.closed) return;
    this.#popup.location.replace(authorizeUrl);
    this.hooks.onStart?.({ authorizeUrl });
  }

  /** Server-initiated mode: the blank popup waits while the backend builds the authorize URL. */
  async #startOnServer(): Promise<void> {
    const answer = await this.#startOrFail();
    if (!answer || this.#phase !== 'authorizing') return;
    if (!this.#popup || this.#popup.closed) {
      this.#finish({ kind: 'cancel', reason: 'popup_closed' });
      return;
    }
    this.#adopt(answer);
    this.#listen();
    this.#popup.location.replace(answer.authorizeUrl.href);
    this.hooks.onStart?.({ authorizeUrl: answer.authorizeUrl.href });
  }

  /** The start endpoint's answer, or undefined once the attempt has ended with its error (or was aborted). */
  async #startOrFail(): Promise<StartAnswer | undefined> {
    try {
      return await this.#requestStart();
    } catch (error) {
      if (error instanceof OAuthConnectError) this.#finish({ kind: 'error', error });
      return undefined;
    }
  }

  #requestStart(): Promise<StartAnswer> {
    const win = this.env.window;
    return requestStart({
      url: this.config.startUrl!,
      provider: this.config.provider,
      instance: this.config.instance,
      credentials: this.config.exchangeCredentials,
      csrfToken: csrfTokenFor(this.config.startUrl!, win, this.config.csrfOrigins),
      fetch: this.env.fetch ?? win.fetch.bind(win),
      signal: this.#abort.signal,
      timeoutMs: this.config.exchangeTimeoutMs,
    });
  }

  /** From here on the attempt expects what the backend's authorize URL asks for. */
  #adopt(answer: StartAnswer): void {
    const mode = answer.authorizeUrl.searchParams.get('response_mode');
    const responseMode = mode === 'web_message' || mode === 'fragment' ? mode : 'query';
    this.#state = answer.state;
    this.config = {
      ...this.config,
      authorizeUrl: answer.authorizeUrl,
      redirectUri: answer.redirectUri,
      responseMode,
      messageOrigins: this.config.messageOriginsGiven
        ? this.config.messageOrigins
        : defaultMessageOrigins(answer.redirectUri, answer.authorizeUrl, responseMode),
    };
  }

  /** The popup was blocked and `fallback="redirect"`: the whole tab goes to the provider and comes back. */
  async #redirect(): Promise<void> {
    const win = this.env.window;
    // The record is filed under the element's own configuration, so the returning page finds it.
    const owner = { clientId: this.config.clientId, authorizeUrl: this.config.authorizeUrl.href };
    let authorizeUrl: string;
    if (this.config.startUrl) {
      const answer = await this.#startOrFail();
      if (!answer) return;
      this.#adopt(answer);
      authorizeUrl = answer.authorizeUrl.href;
    } else {
      authorizeUrl = await this.#authorizeUrl();
    }
    const saved = saveRedirect(win, {
      state: this.state,
      codeVerifier: this.#codeVerifier,
      nonce: this.#nonce,
      returnUrl: win.location.href,
      ...owner,
      redirectUri: this.config.redirectUri,
      createdAt: Date.now(),
    });
    if (!saved) {
      this.#finish({
        kind: 'error',
        error: new OAuthConnectError(
          'popup_blocked',
          'The browser blocked the popup, and the redirect fallback needs sessionStorage',
        ),
      });
      return;
    }
    this.hooks.onStart?.({ authorizeUrl });
    win.location.assign(authorizeUrl);
  }

  /** Nothing may hang: a start that fails (Web Crypto refusing, say) ends the attempt with the reason. */
  #failToStart(cause: unknown): void {
    const error = new OAuthConnectError(
      'invalid_config',
      `"pkce" the authorization request could not be prepared: ${(cause as Error)?.message ?? cause}`,
      { attribute: 'pkce', cause },
    );
    this.#finish({ kind: 'error', error });
  }

  #receive({ params, redirectUri: arrivedAt }: CallbackResponse): void {
    if (this.#phase !== 'authorizing') return;
    // The first valid response wins: from here on the attempt listens to nothing.
    this.#release();
    closeQuietly(this.#popup);
    void completeAuthorization(params, {
      config: this.config,
      codeVerifier: this.#codeVerifier,
      nonce: this.#nonce,
      arrivedAt,
      env: this.env,
      hooks: this.#phaseHooks(),
      signal: this.#abort.signal,
    }).then((outcome) => outcome && this.#finish(outcome));
  }

  #phaseHooks(): AttemptHooks {
    return {
      ...this.hooks,
      onPhase: (phase) => {
        if (phase !== 'detached') this.#phase = phase;
        this.hooks.onPhase?.(phase);
      },
    };
  }

  #popupGone(closure: PopupClosure): void {
    if (this.#phase !== 'authorizing') return;
    if (closure === 'severed') {
      // Still signing in, out of reach: the broadcast, the Cancel button or the timeout ends it.
      this.hooks.onPhase?.('detached');
      return;
    }
    // The callback posts its message and then closes itself: give that message time to arrive.
    const timer = setTimeout(() => this.#finish({ kind: 'cancel', reason: 'popup_closed' }), CLOSED_GRACE_MS);
    this.#cleanups.push(() => clearTimeout(timer));
  }

  #timeOut(): void {
    if (this.#phase !== 'authorizing') return;
    this.#finish({ kind: 'error', error: timeoutError(this.config.timeoutMs) });
  }

  #release(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }

  #finish(outcome: AttemptOutcome): void {
    if (this.#phase === 'done') return;
    this.#release();
    closeQuietly(this.#popup);
    this.#abort.abort();
    this.#phase = 'done';
    this.#settle(outcome);
  }
}
