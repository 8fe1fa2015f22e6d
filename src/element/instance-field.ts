import { html, nothing } from 'lit';
import { normalizeInstance } from '../core/config.js';
import { OAuthConnectError } from '../core/errors.js';

/** The element as the server address field sees it. */
export interface InstanceFieldHost {
  renderRoot: HTMLElement | DocumentFragment;
  askInstance: boolean;
  instance?: string;
  instanceLabel: string;
  disabled: boolean;
}

/** The field where a user types their server's address (`ask-instance`), or nothing. */
export function instanceField(host: InstanceFieldHost, pending: boolean, invalid: boolean) {
  if (!host.askInstance) return nothing;
  // Written without the whitespace between tags: it would ship in the bundle and be cloned into every field.
  // prettier-ignore
  return html`<label part="instance-label">${host.instanceLabel}<input part="instance" type="text" inputmode="url"
autocomplete="url" spellcheck="false" placeholder="https://events.example" .value=${host.instance ?? ''}
?disabled=${host.disabled || pending} aria-invalid=${invalid ? 'true' : 'false'}></label>`;
}

/**
 * A typed address is the user's to fix: says so next to the field (`invalid_instance`) before any popup
 * opens, else keeps the address's origin as `instance`.
 */
export function checkTypedInstance(host: InstanceFieldHost): void {
  if (!host.askInstance) return;
  const field = host.renderRoot.querySelector<HTMLInputElement>('[part=instance]');
  const typed = field?.value ?? host.instance ?? '';
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
  host.instance = origin;
}
