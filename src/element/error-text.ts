import { html, nothing, type TemplateResult } from 'lit';
import type { OAuthConnectError } from '../core/errors.js';
import type { StringKey } from '../i18n/localize-controller.js';
import type { OAuthConnectStrings } from '../i18n/strings.js';

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
  if (code === 'in_app_browser') return 'errorInAppBrowser';
  if (code === 'timeout') return 'errorTimeout';
  if (code === 'invalid_config') return 'errorConfig';
  return code === 'disconnect_failed' ? 'errorDisconnect' : 'errorGeneric';
}

/**
 * The link shown after `error`: the provider's page about it (`error_uri`), in a new window; after
 * `in_app_browser`, the way to open the page in the system browser, followed in place: an app hands such a
 * link to the system from its own view, not from a new window.
 */
export function errorLink(texts: OAuthConnectStrings, error?: OAuthConnectError): TemplateResult | typeof nothing {
  if (error?.code === 'in_app_browser')
    return html`<a part="open-in-browser" href=${error.uri}>${texts.openInBrowser}</a>`;
  // prettier-ignore
  return error?.uri ? html`<a part="more-info" href=${error.uri} target="_blank"
rel="noopener noreferrer">${texts.moreInfo}</a>` : nothing;
}
