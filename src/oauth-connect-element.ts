import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Fallback, PkceMethod, ResponseMode } from './core/config.js';
import type { ConnectResult } from './core/exchange.js';
import { prepareAgain, prepareSoon, preparing } from './element/after-first-render.js';
import { ConnectController, type ConnectStatus } from './element/connect-controller.js';
import { VIEW_PROPERTIES, elementProperties, readDefaults } from './element/element-properties.js';
import { errorKey, errorLink } from './element/error-text.js';
import { fill, LocalizeController } from './i18n/localize-controller.js';
import type { OAuthConnectStrings } from './i18n/strings.js';
import { styles } from './oauth-connect-styles.js';

export type { ConnectStatus, OAuthConnectEventMap } from './element/connect-controller.js';

/**
 * A button that connects the user's account at an OAuth 2.0 provider through a popup and hands the
 * authorization code to the page's backend.
 *
 * @event oauth-connect-start - The popup is on its way; detail `{ authorizeUrl }`.
 * @event oauth-connect-code - A valid authorization response arrived. Cancelable: `preventDefault()` skips the
 * exchange.
 * @event oauth-connect-success - The exchange answered 2xx JSON; detail `{ response, status }`.
 * @event oauth-connect-error - The attempt failed; detail `{ code, message, source, status?, description?, uri? }`.
 * @event oauth-connect-cancel - The user closed the popup or `abort()` was called; detail `{ reason }`.
 * @event oauth-connect-disconnect - The user asked to disconnect, before any request; detail `{ account }`.
 * Cancelable: `preventDefault()` keeps the element connected and sends nothing.
 * @slot - Button content; replaces `label`.
 * @slot connected - Shown while connected, before the Disconnect button: a richer view of the account.
 * @csspart button - The connect button.
 * @csspart label - The default label inside the button.
 * @csspart status - The status line (pending, connected, error text).
 * @csspart cancel - The cancel button shown while pending.
 * @csspart more-info - The link to the provider's `error_uri`, shown after a provider error that has one.
 * @csspart open-in-browser - The link that opens the page in the system browser, shown after `in_app_browser`.
 * @csspart disconnect - The Disconnect button, shown instead of the connect button while connected.
 * @csspart instance - The server address field (`ask-instance`).
 * @csspart instance-label - The label around that field.
 * @cssprop --oauth-connect-background - Button background.
 * @cssprop --oauth-connect-color - Button text colour.
 * @cssprop --oauth-connect-border - Button border.
 * @cssprop --oauth-connect-radius - Button corner radius (also of Disconnect).
 * @cssprop --oauth-connect-padding - Button padding (also of Disconnect).
 * @cssprop --oauth-connect-focus-ring - Focus outline colour.
 * @cssprop --oauth-connect-status-color - Status text colour.
 * @cssprop --oauth-connect-error-color - Status text colour on error.
 * @cssprop --oauth-connect-cancel-color - Cancel link colour.
 */
export class OAuthConnectElement extends LitElement {
  static override styles = styles;
  static override properties = elementProperties;

  /**
   * Registers the element as `tag` in `registry`. A second registration of this class is harmless; another
   * class already holding the tag is left in place with a console warning; any other failure is thrown.
   */
  static define(tag = 'oauth-connect', registry: CustomElementRegistry = customElements): void {
    // A page may load two copies (a bundle and a module); no other script runs between the lookup and the define.
    const holder = registry.get(tag);
    prepareSoon(); // the values of the first attempt, ready before the first element renders
    if (!holder) registry.define(tag, this);
    else if (holder !== this) console.warn(`<${tag}> is already defined by another class; this copy is not used`);
  }

  /** The provider's authorization endpoint (RFC 6749 section 3.1). Required unless `startUrl` is set. */
  declare authorizeUrl: string;
  /** The client identifier registered at the provider (RFC 6749 section 2.2). */
  declare clientId: string;
  /** The callback page, registered at the provider (RFC 6749 section 3.1.2). */
  declare redirectUri: string;
  /** Space-separated scopes (RFC 6749 section 3.3); left out of the request when empty. */
  declare scope?: string;
  /** The backend endpoint that receives the code; without it the page handles `oauth-connect-code`. */
  declare exchangeUrl?: string;
  /** Server-initiated mode: the backend endpoint that builds the authorize URL. */
  declare startUrl?: string;
  /** The `display` parameter (OpenID Connect Core 1.0 section 3.1.2.1); `''` leaves it out. */
  declare display: string;
  /** `S256` or `off` (RFC 7636 section 4.2). */
  declare pkce: PkceMethod;
  /** Extra authorize parameters in query-string form: `prompt=consent&audience=x`. */
  declare params?: string;
  /** `query`, `fragment` or `web_message` (the provider posts the response itself). */
  declare responseMode: ResponseMode;
  /** Space-separated origins a response may come from; by default the redirect URI's origin. */
  declare messageOrigins?: string;
  /** When set, a response whose `iss` differs is refused (RFC 9207 section 2.4). */
  declare issuer?: string;
  /** Popup width in CSS pixels; the popup is centred over the opener window. */
  declare popupWidth: number;
  /** Popup height in CSS pixels. */
  declare popupHeight: number;
  /** Seconds until a pending authorization gives up; 0 = never. */
  declare timeout: number;
  /** `redirect`: a blocked popup becomes a full-page redirect; `auto`: also at once in in-app browsers and apps. */
  declare fallback: Fallback;
  /** The provider refuses webviews (Google does): in one, nothing starts and the user is told (`in_app_browser`). */
  declare refusesWebviews?: boolean;
  /** The fetch credentials mode of the exchange and start requests. */
  declare exchangeCredentials: RequestCredentials;
  /** Seconds the exchange request may take; 0 = no limit of ours. */
  declare exchangeTimeout: number;
  /** Space-separated origins besides the page's own that the `<meta name="csrf-token">` value may be sent to. */
  declare csrfOrigins?: string;
  /** Button text, instead of the language's `connect`; the default slot replaces it. */
  declare label?: string;
  /** Free name sent to the backend, and used in the accessible label ("Connect with Kanka"). */
  declare provider?: string;
  /** Disables the button; reflected. */
  declare disabled: boolean;
  /** With `start-url`: the user's server, sent to the start endpoint as `instance`. */
  declare instance?: string;
  /** Shows a field where the user types their server's address (Gancio, Mastodon-like providers). */
  declare askInstance: boolean;
  /** The label of that field, instead of the language's `instanceLabel`. */
  declare instanceLabel?: string;
  /** The account is connected (set by the page, or by a successful exchange): shows it, and Disconnect. */
  declare connected: boolean;
  /** Who is connected, for `connectedAs`; taken from the exchange's JSON answer when it has a string `account`. */
  declare account?: string;
  /** The backend endpoint Disconnect POSTs `{ provider, account }` to; without it the page does the rest. */
  declare disconnectUrl?: string;
  /** Replaces any of the language's texts (property only): `el.strings = { connect: 'Link' }`. */
  declare strings?: Partial<OAuthConnectStrings>;

  #controller = new ConnectController(this);
  #localize = new LocalizeController(this);
  /** The text of the slotted label, for the accessible name. */
  #slotted = '';

  /** `idle`, `authorizing`, `exchanging`, `connected` or `error`; reflected once it is not `idle`. */
  get status(): ConnectStatus {
    const { status } = this.#controller;
    return status === 'idle' && this.connected ? 'connected' : status;
  }

  /**
   * Starts an attempt, as a click does; while one is pending, focuses its popup and returns its promise.
   * Call it synchronously inside a user gesture, or the browser blocks the popup.
   */
  connect(): Promise<ConnectResult> {
    return this.#controller.connect();
  }

  /** Ends the pending attempt as cancelled (`aborted`), closes its popup, stops any listening after a close. */
  abort(): void {
    this.#controller.abort();
  }

  /** Opens the popup; override to observe or replace `window.open` (tests do). */
  openPopup(url: string, features: string): Window | null {
    return (this.ownerDocument.defaultView ?? window).open(url, '_blank', features);
  }

  /** Sends the exchange request; override to wrap `fetch` (tests do). */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    return (this.ownerDocument.defaultView ?? window).fetch(input, init);
  }

  /** Resolves once the element has rendered and its next attempt can open the popup at the final URL. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await preparing();
    return complete;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated) return;
    // A new configuration gets new values for its next attempt.
    if ([...changed.keys()].some((key) => !VIEW_PROPERTIES.has(key))) void prepareAgain();
    if (changed.has('connected')) this.#controller.reset();
  }

  protected override update(changed: PropertyValues<this>): void {
    const focused = this.shadowRoot?.activeElement;
    super.update(changed);
    // Cancel or Disconnect went away while it had focus: focus goes to the button in its place, not the page.
    if (focused && !focused.checkVisibility())
      this.renderRoot.querySelector<HTMLElement>('button:not([hidden])')?.focus();
  }

  protected override updated(): void {
    const { status } = this;
    if (status !== 'idle' || this.hasAttribute('status')) this.setAttribute('status', status);
  }

  protected override render(): TemplateResult {
    const { status, notice, error } = this.#controller;
    const texts = this.#localize.strings;
    const label = this.label || texts.connect;
    const values = { provider: this.provider || texts.provider, account: this.account, label: this.#slotted || label };
    const pending = status === 'authorizing' || status === 'exchanging';
    const connected = this.connected && !pending;
    const fieldError = error?.code === 'invalid_instance';
    const key = error ? errorKey(error) : (notice ?? (connected && (this.account ? 'connectedAs' : 'connected')));
    // The accessible name holds the visible label (WCAG 2.5.3); the provider is added unless the label names it.
    const name = this.provider && !values.label.includes(this.provider) ? fill(texts.connectWith, values) : nothing;
    // Templates have no whitespace between tags: it would ship in the bundle and be cloned into every element.
    // prettier-ignore
    const field = connected || !this.askInstance ? nothing : html`<label part="instance-label">${
this.instanceLabel ?? texts.instanceLabel}<input part="instance" inputmode="url" autocomplete="url"
spellcheck="false" placeholder=${texts.instancePlaceholder} .value=${this.instance ?? ''}
?disabled=${this.disabled || pending} aria-invalid=${fieldError} aria-describedby=${fieldError ? 'status' : nothing}
@keydown=${this.#onKey}></label>`;
    // Cancel only while pending, Disconnect only while connected, an error's link only after that error.
    // prettier-ignore
    const action = pending
      ? html`<button part="cancel" @click=${this.abort}>${texts.cancel}</button>`
      : connected
        ? html`<slot name="connected"></slot><button part="disconnect" aria-busy=${notice === 'disconnecting'}
aria-describedby="status" @click=${this.#onDisconnect}>${texts.disconnect}</button>`
        : errorLink(texts, error);
    // A button in a shadow tree has no form owner: none submits a form. `role="status"` is a polite live region.
    // prettier-ignore
    return html`${field}<button part="button" ?hidden=${connected} ?disabled=${this.disabled} aria-busy=${pending}
aria-label=${name} aria-describedby=${fieldError ? 'opens' : 'opens status'} @click=${this.#onClick}><slot
@slotchange=${this.#onSlotChange}><span part="label">${label}</span></slot></button><span part="status" id="status"
role="status">${key ? fill(texts[key], values) : ''}</span>${action}<span id="opens" hidden>${
texts.opensWindow}</span>`;
  }

  #onClick(): void {
    // Events report every outcome; the promise is for callers of connect().
    this.connect().catch(() => {});
  }

  #onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.isComposing) this.#onClick();
  }

  #onDisconnect(): void {
    void this.#controller.disconnect();
  }

  #onSlotChange(event: Event): void {
    const nodes = (event.target as HTMLSlotElement).assignedNodes();
    this.#slotted = nodes
      .map((node) => node.textContent)
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    this.requestUpdate();
  }
}

readDefaults(OAuthConnectElement);

declare global {
  interface HTMLElementTagNameMap {
    'oauth-connect': OAuthConnectElement;
  }
}
