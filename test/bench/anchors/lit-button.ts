// A bare Lit element drawing what <oauth-connect> draws when idle (a styled button with a label slot and a
// status line), with no behaviour: the floor for "1,000 elements define, render and lay out".
import { LitElement, css, html, nothing } from 'lit';

class LitButton extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.5em;
    }
    :host([hidden]) {
      display: none;
    }
    [part='button'] {
      font: inherit;
      cursor: pointer;
      padding: var(--lit-button-padding, 0.5em 1em);
      border: var(--lit-button-border, 0);
      border-radius: var(--lit-button-radius, 0.375em);
      background: var(--lit-button-background, #1f6feb);
      color: var(--lit-button-color, #fff);
    }
    [part='button']:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    [part='status'] {
      font-size: 0.9em;
    }
  `;
  static override properties = { label: {}, provider: {}, disabled: { type: Boolean } };
  declare label: string;
  declare provider: string;
  declare disabled: boolean;

  constructor() {
    super();
    this.label = 'Connect';
    this.disabled = false;
  }

  override render() {
    return html`<button
        part="button"
        type="button"
        ?disabled=${this.disabled}
        aria-label=${this.provider ? `${this.label} with ${this.provider}` : nothing}
        @click=${this.#onClick}
      >
        <slot><span part="label">${this.label}</span></slot>
      </button>
      <span part="status" role="status" aria-live="polite"></span>`;
  }

  #onClick(): void {
    this.dispatchEvent(new CustomEvent('lit-button-click', { bubbles: true, composed: true }));
  }
}
customElements.define('lit-button', LitButton);
