import { html, nothing, type TemplateResult } from 'lit';
import { normalizeInstance } from '../core/config.js';
import { OAuthConnectError } from '../core/errors.js';
import type { OAuthConnectStrings } from '../i18n/strings.js';

/** The element as the server address field sees it. */
export interface InstanceFieldHost {
  renderRoot: HTMLElement | DocumentFragment;
  askInstance: boolean;
  instance?: string;
  instanceLabel?: string;
  disabled: boolean;
  connect(): Promise<unknown>;
}

/**
 * The field where a user types their server's address (`ask-instance`), or nothing. Enter connects, as the
 * button does; an error about the address (`invalid`) is the status line's text, described on the field.
 */
export function instanceField(
  host: InstanceFieldHost,
  strings: OAuthConnectStrings,
  pending: boolean,
  invalid: boolean,
): TemplateResult | typeof nothing {
  if (!host.askInstance) return nothing;
  const onKey = (event: KeyboardEvent) => event.key === 'Enter' && !event.isComposing && host.connect().catch(() => {});
  // Written without the whitespace between tags: it would ship in the bundle and be cloned into every field.
  // prettier-ignore
  return html`<label part="instance-label">${host.instanceLabel ?? strings.instanceLabel}<input part="instance"
type="text" inputmode="url" autocomplete="url" spellcheck="false" placeholder=${strings.instancePlaceholder}
.value=${host.instance ?? ''} ?disabled=${host.disabled || pending} aria-invalid=${invalid}
aria-describedby=${invalid ? 'status' : nothing} @keydown=${onKey}></label>`;
}

/**
 * A typed address is the user's to fix: says so next to the field (`invalid_instance`, with what was typed
 * as `cause`) before any popup opens, else keeps the address's origin as `instance`.
 */
export function checkTypedInstance(host: InstanceFieldHost): void {
  if (!host.askInstance) return;
  const field = host.renderRoot.querySelector<HTMLInputElement>('[part=instance]');
  const typed = (field?.value ?? host.instance ?? '').trim();
  const origin = normalizeInstance(typed);
  if (!origin) {
    field?.focus();
    throw new OAuthConnectError(
      'invalid_instance',
      typed
        ? `"${typed}" is not a server address; enter one like https://events.example`
        : 'Enter the address of your server first',
      { cause: typed || undefined },
    );
  }
  host.instance = origin;
}
