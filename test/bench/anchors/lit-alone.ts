// The smallest real Lit element, bundled like ours: what Lit itself costs inside any Lit bundle.
import { LitElement, css, html } from 'lit';

class LitOnly extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
    }
  `;
  static override properties = { label: {} };
  declare label: string;
  override render() {
    return html`<button>${this.label}</button>`;
  }
}
customElements.define('lit-only', LitOnly);
