/**
 * Every text `<oauth-connect>` shows or announces, in one language. `{provider}`, `{account}` and `{label}`
 * are filled in where a text names them. A page replaces any of them with the element's `strings` property,
 * or loads a whole language (see `./registry.ts`).
 */
export interface OAuthConnectStrings {
  /** The BCP 47 tag these strings are written in (`en`, `de`, `pt-BR`, …). */
  lang: string;
  /** Writing direction of the language. */
  dir: 'ltr' | 'rtl';
  /** Stands in for `{provider}` when the element has no `provider`. */
  provider: string;
  /** Default button label. */
  connect: string;
  /** The button's accessible name when `provider` is set; must contain `{label}` (WCAG 2.5.3). */
  connectWith: string;
  /** Announced with the button: the click opens another window. */
  opensWindow: string;
  /** Pending, while the popup is open. */
  waiting: string;
  /** Pending, once the user comes back to the page without finishing. */
  finishInOtherWindow: string;
  /** Pending, while the backend redeems the code. */
  finishing: string;
  /** Status after success, without an account name. */
  connected: string;
  /** Status after success, or when the page says so, with `{account}`. */
  connectedAs: string;
  cancel: string;
  disconnect: string;
  /** While the disconnect request runs. */
  disconnecting: string;
  /** Link to the provider's error page (`error_uri`). */
  moreInfo: string;
  /** Label of the server address field (`ask-instance`). */
  instanceLabel: string;
  instancePlaceholder: string;
  instanceRequired: string;
  instanceInvalid: string;
  /** User-facing error texts. The developer's text stays in the event's `detail.message`. */
  errorPopupBlocked: string;
  /** The provider refuses in-app browsers and webviews, and the page runs in one (`in_app_browser`). */
  errorInAppBrowser: string;
  /** The link, after `errorInAppBrowser`, that opens the page in the system browser. */
  openInBrowser: string;
  errorTimeout: string;
  /** The user refused at the provider (`access_denied`). */
  errorDenied: string;
  /** Any other error the provider answered. */
  errorProvider: string;
  /** The backend refused the page's session or CSRF token (HTTP 419, 401, 403). */
  errorSession: string;
  /** The backend or the network failed. */
  errorNetwork: string;
  /** The element is set up wrongly (`invalid_config`): the page's bug, not the user's. */
  errorConfig: string;
  /** The disconnect request failed. */
  errorDisconnect: string;
  /** Anything else: a forged or mismatched response, a hook that threw. */
  errorGeneric: string;
}

/** Built into the element; other languages are modules of their own. */
export const en: OAuthConnectStrings = {
  lang: 'en',
  dir: 'ltr',
  provider: 'the provider',
  connect: 'Connect',
  connectWith: '{label} with {provider}',
  opensWindow: 'Opens in a new window',
  waiting: 'Waiting for {provider}…',
  finishInOtherWindow: 'Finish signing in to {provider} in the other window, or cancel.',
  finishing: 'Finishing the connection…',
  connected: 'Connected',
  connectedAs: 'Connected as {account}',
  cancel: 'Cancel',
  disconnect: 'Disconnect',
  disconnecting: 'Disconnecting…',
  moreInfo: 'More information',
  instanceLabel: 'Your server',
  instancePlaceholder: 'https://events.example',
  instanceRequired: 'Enter your server’s address.',
  instanceInvalid: 'Enter an address like https://events.example.',
  errorPopupBlocked: 'Your browser blocked the sign-in window. Allow pop-ups for this site and try again.',
  errorInAppBrowser: 'Signing in to {provider} does not work in this app. Open this page in your browser.',
  openInBrowser: 'Open in browser',
  errorTimeout: 'Signing in took too long. Try again.',
  errorDenied: 'Access was not granted.',
  errorProvider: 'The sign-in at {provider} did not succeed. Try again.',
  errorSession: 'Your session has expired. Reload the page and try again.',
  errorNetwork: 'The connection could not be completed. Check your connection and try again.',
  errorConfig: 'This button is not set up correctly.',
  errorDisconnect: 'The account could not be disconnected. Try again.',
  errorGeneric: 'Something went wrong. Try again.',
};
