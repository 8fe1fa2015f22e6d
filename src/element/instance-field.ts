import { normalizeInstance } from '../core/config.js';
import { OAuthConnectError } from '../core/errors.js';

/** What checking a typed address needs of the element. */
export interface TypedInstanceHost {
  renderRoot?: ParentNode;
  askInstance?: boolean;
  instance?: string;
}

/**
 * A typed address is the user's to fix: says so next to the field (`invalid_instance`, with what was typed
 * as `cause`) before any popup opens, else keeps the address's origin as `instance`.
 */
export function checkTypedInstance(host: TypedInstanceHost): void {
  if (!host.askInstance) return;
  const field = host.renderRoot!.querySelector<HTMLInputElement>('[part=instance]');
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
