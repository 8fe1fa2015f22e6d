import type { ResolvedConfig } from './config.js';

/**
 * Whether `win` is an app's in-app browser or a webview, where a popup opens dead or not at all, as its user
 * agent says: any Android WebView (`; wv)`: LinkedIn, LINE, X, TikTok, …), and any iOS web view: mobile WebKit
 * (`Mobile/`) without the `Safari/` that Safari and the browsers built on it write (LinkedIn, LINE, X,
 * Messenger, home-screen web apps, …). Then the apps whose in-app browser also writes `Safari/`: Instagram,
 * Facebook and Messenger (`FBAV`, or `MetaIAB`), TikTok (`musical_ly`) and Snapchat.
 */
export const isInAppBrowser = (win: Window): boolean =>
  /; wv\)|^(?!.*Safari\/).*Mobile\/|Instagram|FBAV|MetaIAB|musical_ly|Snapchat/.test(win.navigator.userAgent);

/** Whether the page runs as an installed web app in a window of its own (not in a browser tab). */
export const isInstalledApp = (win: Window): boolean => win.matchMedia('(display-mode:standalone)').matches;

/** Whether the provider at `url` turns webviews away: the page says so, or it is Google (`disallowed_useragent`). */
export const refusesWebviews = (config: ResolvedConfig, url: string | URL): boolean =>
  !!config.refusesWebviews || new URL(url).host === 'accounts.google.com';

/**
 * A link that opens the page in the system browser: an Android intent, which the in-app browser hands to the
 * system; on iOS, Safari's own `x-safari-` scheme, which recent versions hand to Safari; else the page itself.
 * Where a link does nothing, the app's "Open in browser" menu still does.
 */
export function browserLink(win: Window): string {
  const page = win.location.href;
  const agent = win.navigator.userAgent;
  if (/Android/.test(agent)) return page.replace(/^(\w+):(.*)/, 'intent:$2#Intent;scheme=$1;end');
  return /like Mac/.test(agent) ? 'x-safari-' + page : page;
}
