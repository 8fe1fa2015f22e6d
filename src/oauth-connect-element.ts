import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Fallback, PkceMethod, ResponseMode } from './core/config.js';
import type { ConnectResult } from './core/exchange.js';
import { ConnectController, type ConnectStatus } from './element/connect-controller.js';
import { defineElement } from './element/define-element.js';
import { VIEW_PROPERTIES, elementProperties } from './element/element-properties.js';
import { errorKey } from './element/error-text.js';
import { checkTypedInstance, instanceField } from './element/instance-field.js';
import { LocalizeController } from './i18n/localize-controller.js';
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
    defineElement(tag, this, registry);
  }

  /** The provider's authorization endpoint (RFC 6749 section 3.1). Required unless `startUrl` is set. */
  authorizeUrl = '';
  /** The client identifier registered at the provider (RFC 6749 section 2.2). */
  clientId = '';
  /** The callback page, registered at the provider (RFC 6749 section 3.1.2). */
  redirectUri = '';
  /** Space-separated scopes (RFC 6749 section 3.3); left out of the request when empty. */
  scope?: string;
  /** The backend endpoint that receives the code; without it the page handles `oauth-connect-code`. */
  exchangeUrl?: string;
  /** Server-initiated mode: the backend endpoint that builds the authorize URL. */
  startUrl?: string;
  /** The `display` parameter (OpenID Connect Core 1.0 section 3.1.2.1); `''` leaves it out. */
  display = 'popup';
  /** `S256` or `off` (RFC 7636 section 4.2). */
  pkce: PkceMethod = 'S256';
  /** Extra authorize parameters in query-string form: `prompt=consent&audience=x`. */
  params?: string;
  /** `query`, `fragment` or `web_message` (the provider posts the response itself). */
  responseMode: ResponseMode = 'query';
  /** Space-separated origins a response may come from; by default the redirect URI's origin. */
  messageOrigins?: string;
  /** When set, a response whose `iss` differs is refused (RFC 9207 section 2.4). */
  issuer?: string;
  /** Popup width in CSS pixels; the popup is centred over the opener window. */
  popupWidth = 500;
  /** Popup height in CSS pixels. */
  popupHeight = 650;
  /** Seconds until a pending authorization gives up; 0 = never. */
  timeout = 600;
  /** `redirect`: when the popup is blocked, continue as a full-page redirect and finish on return. */
  fallback: Fallback = 'none';
  /** The fetch credentials mode of the exchange and start requests. */
  exchangeCredentials: RequestCredentials = 'same-origin';
  /** Seconds the exchange request may take; 0 = no limit of ours. */
  exchangeTimeout = 30;
  /** Space-separated origins besides the page's own that the `<meta name="csrf-token">` value may be sent to. */
  csrfOrigins?: string;
  /** Button text, instead of the language's `connect`; the default slot replaces it. */
  label?: string;
  /** Free name sent to the backend, and used in the accessible label ("Connect with Kanka"). */
  provider?: string;
  /** Disables the button; reflected. */
  disabled = false;
  /** With `start-url`: the user's server, sent to the start endpoint as `instance`. */
  instance?: string;
  /** Shows a field where the user types their server's address (Gancio, Mastodon-like providers). */
  askInstance = false;
  /** The label of that field, instead of the language's `instanceLabel`. */
  instanceLabel?: string;
  /** The account is connected (set by the page, or by a successful exchange): shows it, and Disconnect. */
  connected = false;
  /** Who is connected, for `connectedAs`; taken from the exchange's JSON answer when it has a string `account`. */
  account?: string;
  /** The backend endpoint Disconnect POSTs `{ provider, account }` to; without it the page does the rest. */
  disconnectUrl?: string;
  /** Replaces any of the language's texts (property only): `el.strings = { connect: 'Link' }`. */
  strings?: Partial<OAuthConnectStrings>;

  #controller = new ConnectController(this, () => checkTypedInstance(this));
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

  /** Ends the pending attempt as cancelled (`aborted`) and closes its popup. */
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
    await this.#controller.preparing;
    return complete;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new configuration gets new values for its next attempt.
    if (this.hasUpdated && [...changed.keys()].some((key) => !VIEW_PROPERTIES.has(key))) {
      void this.#controller.prepare();
    }
    if (this.hasUpdated && changed.has('connected')) this.#controller.reset();
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
    const localize = this.#localize;
    const strings = localize.strings;
    const label = this.label || strings.connect;
    const values = { provider: this.provider, account: this.account, label: this.#slotted || label };
    const pending = status === 'authorizing' || status === 'exchanging';
    const connected = this.connected && !pending;
    const fieldError = error?.code === 'invalid_instance';
    const text = error
      ? localize.text(errorKey(error), values)
      : notice
        ? localize.text(notice, values)
        : connected
          ? localize.text(this.account ? 'connectedAs' : 'connected', values)
          : '';
    // Cancel only while pending, Disconnect only while connected, the provider's error page link only after its error.
    // prettier-ignore
    const action = pending
      ? html`<button part="cancel" type="button" @click=${this.abort}>${strings.cancel}</button>`
      : connected
        ? html`<slot name="connected"></slot><button part="disconnect" type="button"
aria-busy=${notice === 'disconnecting'} aria-describedby="status"
@click=${this.#onDisconnect}>${strings.disconnect}</button>`
        : error?.uri
          ? html`<a part="more-info" href=${error.uri} target="_blank"
rel="noopener noreferrer">${strings.moreInfo}</a>`
          : nothing;
    // The accessible name holds the visible label (WCAG 2.5.3); the provider is added unless the label names it.
    const name =
      this.provider && !values.label.includes(this.provider) ? localize.text('connectWith', values) : nothing;
    // Written without the whitespace between tags: it would ship in the bundle and be cloned into every button.
    // prettier-ignore
    return html`${connected ? nothing : instanceField(this, strings, pending, fieldError)}<button part="button"
type="button" ?hidden=${connected} ?disabled=${this.disabled} aria-busy=${pending} aria-label=${name}
aria-describedby=${fieldError ? 'opens' : 'opens status'} @click=${this.#onClick}><slot
@slotchange=${this.#onSlotChange}><span part="label">${label}</span></slot></button><span
part="status" id="status" role="status" aria-live="polite">${text}</span>${action}<span id="opens"
hidden>${strings.opensWindow}</span>`;
  }

  #onClick(): void {
    // Events report every outcome; the promise is for callers of connect().
    this.connect().catch(() => {});
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

declare global {
  interface HTMLElementTagNameMap {
    'oauth-connect': OAuthConnectElement;
  }
}
