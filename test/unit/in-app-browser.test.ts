import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { browserLink, isInAppBrowser, isInstalledApp, refusesWebviews } from '../../src/core/in-app-browser.js';

/** A window as the detection sees it: its user agent, and the page it shows. */
const windowWith = (userAgent: string, href = 'https://app.example/connect?step=2') =>
  ({ navigator: { userAgent }, location: { href } }) as unknown as Window;

const detected = (userAgent: string) => isInAppBrowser(windowWith(userAgent));

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const ANDROID_WEBVIEW =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/130.0.6723.58 Mobile Safari/537.36';

/** What the apps send, as recorded from each app on iOS and on Android. */
const IN_APP: [string, string][] = [
  [
    'Instagram, iPhone (2025: writes Safari/)',
    `${IPHONE} Mobile/22F76 Instagram 393.1.0.36.70 (iPhone15,3; iOS 18_5; en_US; en; scale=3.00; 1290x2796; ` +
      'IABMV/1; 776538208) Safari/604.1',
  ],
  [
    'Instagram, iPhone (before)',
    `${IPHONE} Mobile/22B83 Instagram 354.0.0.29.90 (iPhone12,8; iOS 18_1; en_US; en; scale=2.00; 750x1334; ` +
      '654111336; IABMV/1)',
  ],
  [
    'Instagram, Android',
    `${ANDROID_WEBVIEW} Instagram 355.1.0.44.103 Android (34/14; 420dpi; 1080x2205; Google/google; Pixel 8; ` +
      'shiba; shiba; en_US; 658190016)',
  ],
  [
    'Facebook, iPhone (FBAN/FBIOS)',
    `${IPHONE} Mobile/22B83 [FBAN/FBIOS;FBAV/488.0.0.68.101;FBBV/658219612;FBDV/iPhone12,8;FBMD/iPhone;` +
      'FBSN/iOS;FBSV/18.1;FBSS/2;FBID/phone;FBLC/en_US;FBOP/5;FBRV/0;IABMV/1]',
  ],
  ['Facebook, iPhone (2025: MetaIAB, writes Safari/)', `${IPHONE} Mobile/22G100 Safari/604.1 MetaIAB Facebook`],
  ['Facebook, Android (FB_IAB)', `${ANDROID_WEBVIEW} [FB_IAB/FB4A;FBAV/488.0.0.62.79;IABMV/1;]`],
  [
    'Messenger, iPhone',
    `${IPHONE} Mobile/15E148 [FBAN/MessengerForiOS;FBAV/482.2.0.68.110;FBBV/658316928;FBDV/iPhone12,8;` +
      'FBMD/iPhone;FBSN/iOS;FBSV/18.1;FBSS/2;FBID/phone;FBLC/en_US;FBOP/80]',
  ],
  ['Messenger, Android', `${ANDROID_WEBVIEW} [FB_IAB/MESSENGER;FBAV/481.1.0.74.109;]`],
  ['LinkedIn, iPhone', `${IPHONE} Mobile/15E148 [LinkedInApp]/9.30.1753`],
  ['LinkedIn, Android', `${ANDROID_WEBVIEW} [LinkedInApp]/4.1.881`],
  ['TikTok, iPhone (2025: writes Safari/)', `${IPHONE} Mobile/15E148 Safari/604.1 musical_ly_41.9.0`],
  [
    'TikTok, iPhone (BytedanceWebview)',
    `${IPHONE} Mobile/15E148 BytedanceWebview/d8a21c6 musical_ly_33.2.1 JsSdk/2.0 NetType/WIFI ` +
      'Channel/App Store ByteLocale/en Region/US',
  ],
  [
    'TikTok, Android',
    `${ANDROID_WEBVIEW} musical_ly_2023303040 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly ` +
      'app_version/33.3.4 ByteLocale/en Region/US AppId/1233 BytedanceWebview/d8a21c6',
  ],
  ['LINE, iPhone', `${IPHONE} Mobile/15E148 Safari Line/14.9.0`],
  ['LINE, Android', `${ANDROID_WEBVIEW} Line/14.18.1/IAB`],
  ['X (Twitter), iPhone', `${IPHONE} Mobile/15E148 Twitter for iPhone/10.48`],
  ['X (Twitter), Android', `${ANDROID_WEBVIEW} TwitterAndroid`],
  [
    'Snapchat, iPhone (writes Safari/)',
    `${IPHONE} Version/17.3.1 Mobile/15E148 Snapchat/12.72.0.39 (like Safari/8617.2.4.10.8, panda)`,
  ],
  ['Snapchat, Android', `${ANDROID_WEBVIEW} Snapchat/13.10.0.42 (Pixel 8; Android 14; gzip)`],
  ['any Android WebView', ANDROID_WEBVIEW],
  ['any iPhone web view (WKWebView), and a home-screen web app', `${IPHONE} Mobile/15E148`],
  [
    'any iPad web view',
    'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  ],
];

/** Browsers, where a popup opens as it should. */
const BROWSERS: [string, string][] = [
  ['Safari, iPhone', `${IPHONE} Version/18.1 Mobile/15E148 Safari/604.1`],
  [
    'Safari, iPad',
    'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
      'Version/17.5 Mobile/15E148 Safari/604.1',
  ],
  [
    'Safari, macOS (and an iPad asking for desktop sites)',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
      'Version/18.1 Safari/605.1.15',
  ],
  ['Chrome, iPhone', `${IPHONE} CriOS/130.0.6723.90 Mobile/15E148 Safari/604.1`],
  ['Firefox, iPhone', `${IPHONE} FxiOS/132.0 Mobile/15E148 Safari/605.1.15`],
  ['Edge, iPhone', `${IPHONE} Version/18.0 EdgiOS/130.0.2849.80 Mobile/15E148 Safari/604.1`],
  [
    'Chrome, Android',
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
  ],
  ['Firefox, Android', 'Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0'],
  [
    'Edge, Android',
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 ' +
      'Mobile Safari/537.36 EdgA/130.0.0.0',
  ],
  [
    'Samsung Internet',
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) ' +
      'SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
  ],
  [
    'Chrome, Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
  ],
  [
    'Edge, Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
      'Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  ],
  ['Firefox, Windows', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0'],
  ['Firefox, Linux', 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0'],
  [
    'Chrome, macOS',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) ' +
      'Chrome/130.0.0.0 Safari/537.36',
  ],
];

describe('in-app browsers and webviews', () => {
  test.each(IN_APP)('%s', (_, userAgent) => expect(detected(userAgent)).toBe(true));
});

describe('browsers', () => {
  test.each(BROWSERS)('%s', (_, userAgent) => expect(detected(userAgent)).toBe(false));

  test('this test browser, in a tab: neither an in-app browser nor an installed app', () => {
    expect(isInAppBrowser(window)).toBe(false);
    expect(isInstalledApp(window)).toBe(false);
  });
});

// Each entry of the table decides alone: the same user agent without it is a browser's.
describe('each entry of the table', () => {
  const SAFARI = `${IPHONE} Version/18.1 Mobile/15E148 Safari/604.1`;
  test.each([
    ['; wv)', ANDROID_WEBVIEW, ANDROID_WEBVIEW.replace('; wv)', ')')],
    ['an iOS web view: Mobile/ without Safari/', `${IPHONE} Mobile/15E148`, SAFARI],
    ['Instagram', `${SAFARI} Instagram 393.1.0.36.70`, SAFARI],
    ['FBAV', `${SAFARI} [FBAN/FBIOS;FBAV/488.0.0.68.101]`, `${SAFARI} [FBAN/FBIOS]`],
    ['MetaIAB', `${SAFARI} MetaIAB Facebook`, `${SAFARI} Facebook`],
    ['musical_ly', `${SAFARI} musical_ly_41.9.0`, SAFARI],
    ['Snapchat', `${SAFARI} Snapchat/12.72.0.39`, SAFARI],
  ])('%s', (_, inApp, browser) => {
    expect(detected(inApp)).toBe(true);
    expect(detected(browser)).toBe(false);
  });
});

describe('the link that opens the page in the system browser', () => {
  test('on Android: an intent for the page, which the app hands to the system browser', () => {
    const win = windowWith(`${ANDROID_WEBVIEW} Instagram 355.1.0.44.103`, 'https://app.example/connect?step=2#top');
    expect(browserLink(win)).toBe('intent://app.example/connect?step=2#top#Intent;scheme=https;end');
  });

  test('on an iPhone: Safari’s own scheme', () => {
    expect(browserLink(windowWith(`${IPHONE} Mobile/15E148 [LinkedInApp]/9.30.1753`))).toBe(
      'x-safari-https://app.example/connect?step=2',
    );
  });

  test('elsewhere: the page itself', () => {
    const [, chromeOnWindows] = BROWSERS.find(([name]) => name === 'Chrome, Windows')!;
    expect(browserLink(windowWith(chromeOnWindows))).toBe('https://app.example/connect?step=2');
  });
});

describe('providers that refuse webviews', () => {
  const config = (options: { refusesWebviews?: boolean } = {}) =>
    resolveConfig(
      { authorizeUrl: 'https://id.test/authorize', clientId: 'c', redirectUri: 'https://app.test/cb', ...options },
      document.baseURI,
    );

  test('Google, by its authorization host', () => {
    expect(refusesWebviews(config(), 'https://accounts.google.com/o/oauth2/v2/auth?client_id=c')).toBe(true);
    expect(refusesWebviews(config(), new URL('https://accounts.google.com/o/oauth2/v2/auth'))).toBe(true);
  });

  test('any provider the page says refuses them', () => {
    expect(refusesWebviews(config({ refusesWebviews: true }), 'https://id.test/authorize')).toBe(true);
  });

  test('not any other', () => {
    expect(refusesWebviews(config(), 'https://id.test/authorize')).toBe(false);
    expect(refusesWebviews(config(), 'https://accounts.google.com.evil.test/authorize')).toBe(false);
  });
});
