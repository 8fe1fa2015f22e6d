import type { OAuthConnectError } from '../core/errors.js';
import type { StringKey } from '../i18n/localize-controller.js';

/**
 * The string the user sees for `error`: the provider's refusal, an expired session, a typed address, … The
 * developer's text stays in the event's `detail.message`.
 */
export function errorKey({ code, source, status, cause }: OAuthConnectError): StringKey {
  if (source === 'provider') return code === 'access_denied' ? 'errorDenied' : 'errorProvider';
  // `cause` is what the user typed, when they typed anything (see checkTypedInstance).
  if (code === 'invalid_instance') return cause ? 'instanceInvalid' : 'instanceRequired';
  if (code === 'exchange_failed' || code === 'start_failed' || code === 'network_error') {
    // The backend refused the page's session: Laravel answers 419 to an expired CSRF token, others 401 or 403.
    return [401, 403, 419].includes(status!) ? 'errorSession' : 'errorNetwork';
  }
  if (code === 'popup_blocked') return 'errorPopupBlocked';
  if (code === 'timeout') return 'errorTimeout';
  if (code === 'invalid_config') return 'errorConfig';
  return code === 'disconnect_failed' ? 'errorDisconnect' : 'errorGeneric';
}
