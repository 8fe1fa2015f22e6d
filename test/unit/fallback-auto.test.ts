import { afterEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { connect, prepare, type HeadlessConnectOptions } from '../../src/core/connect.js';
import { centredPopupFeatures } from '../../src/core/popup-attempt.js';
import { readRedirect } from '../../src/core/redirect-store.js';
import { button, mountWidget, nextEvent, recordEvents } from './element-helpers.js';
import { fakeWindow } from './fake-window.js';

const INSTAGRAM_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22F76 ' +
  'Instagram 393.1.0.36.70 (iPhone15,3; iOS 18_5; en_US; en; scale=3.00; 1290x2796; IABMV/1; 776538208) Safari/604.1';
const GOOGLE = 'https://accounts.google.com/o/oauth2/v2/auth';

/** Each headless attempt's signal: those still pending when a test ends are aborted. */
const attempts: AbortController[] = [];

afterEach(() => {
  for (const attempt of attempts.splice(0)) attempt.abort();
  sessionStorage.clear();
  // The user agent some tests gave this page (see `asInAppBrowser`) goes back to the browser's own.
  delete (navigator as { userAgent?: string }).userAgent;
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
});

/** Headless `connect()` in `fake`, as a click starts it; resolves with its rejection, if any. */
function connectIn(fake: ReturnType<typeof fakeWindow>, options: Partial<HeadlessConnectOptions> = {}) {
  const starts: string[] = [];
  const attempt = new AbortController();
  attempts.push(attempt);
  const settled = connect({
    signal: attempt.signal,
    authorizeUrl: 'https://id.test/authorize',
    clientId: 'c1',
    redirectUri: 'https://app.test/cb',
    fallback: 'auto',
    window: fake.win,
    open: fake.open,
    onStart: ({ authorizeUrl }) => void starts.push(authorizeUrl),
    ...options,
  }).catch((error) => error);
  return { starts, settled };
}

describe('fallback="auto"', () => {
  test('in an in-app browser: no popup, the tab goes to the provider, the attempt kept for the way back', async () => {
    const fake = fakeWindow({ userAgent: INSTAGRAM_IPHONE });
    const { starts } = connectIn(fake);
    await expect.poll(() => fake.assigned.length).toBe(1);
    expect(fake.opened).toEqual([]);
    const url = new URL(fake.assigned[0]);
    expect(url.origin + url.pathname).toBe('https://id.test/authorize');
    expect(starts).toEqual(fake.assigned);
    expect(readRedirect(fake.win)).toMatchObject({
      state: url.searchParams.get('state'),
      returnUrl: 'https://app.test/page',
      clientId: 'c1',
    });
  });

  test('in an installed app (display-mode: standalone): no popup, the redirect', async () => {
    const fake = fakeWindow({ standalone: true });
    connectIn(fake);
    await expect.poll(() => fake.assigned.length).toBe(1);
    expect(fake.opened).toEqual([]);
  });

  test('in a browser tab: the popup, and no redirect', async () => {
    const fake = fakeWindow();
    const { starts } = connectIn(fake, { prepared: await prepare() });
    await expect.poll(() => starts.length).toBe(1);
    expect(fake.opened).toEqual(starts);
    expect(fake.assigned).toEqual([]);
  });

  test('in a browser tab, the whole flow through the popup: one success, one exchange', async () => {
    const { element, popups, exchangeRequests } = await mountWidget({ attributes: { fallback: 'auto' } });
    const log = recordEvents(element);
    const success = nextEvent(element, 'oauth-connect-success');
    await userEvent.click(button(element));
    await success;
    expect(popups).toHaveLength(1);
    expect(log.map(({ type }) => type)).toEqual(['oauth-connect-start', 'oauth-connect-code', 'oauth-connect-success']);
    expect(exchangeRequests).toHaveLength(1);
  });

  test('a popup the browser blocks: the redirect', async () => {
    const fake = fakeWindow({ popup: () => null });
    connectIn(fake);
    await expect.poll(() => fake.assigned.length).toBe(1);
    expect(fake.opened).toHaveLength(1);
  });
});

describe('a popup that comes back dead (closed as it opens)', () => {
  const dead = () => ({ closed: true, close() {} }) as unknown as Window;

  test.each(['auto', 'redirect'] as const)('fallback="%s": the redirect', async (fallback) => {
    const fake = fakeWindow({ popup: dead });
    connectIn(fake, { fallback });
    await expect.poll(() => fake.assigned.length).toBe(1);
    expect(readRedirect(fake.win)?.state).toBe(new URL(fake.assigned[0]).searchParams.get('state'));
  });

  test('fallback="none": popup_blocked at once, and the tab stays', async () => {
    const fake = fakeWindow({ popup: dead });
    const { settled } = connectIn(fake, { fallback: 'none' });
    expect(await settled).toMatchObject({ code: 'popup_blocked' });
    expect(fake.assigned).toEqual([]);
  });
});

describe('a popup refused inside a frame', () => {
  test('window.open that throws (Firefox, a frame sandboxed without allow-popups) is popup_blocked', async () => {
    const fake = fakeWindow({
      popup: () => {
        throw new DOMException('Not allowed', 'InvalidAccessError');
      },
    });
    const { settled } = connectIn(fake, { fallback: 'none' });
    expect(await settled).toMatchObject({ code: 'popup_blocked' });
  });

  test.each(['auto', 'redirect'] as const)(
    'fallback="%s" in a frame: popup_blocked, never a redirect of the frame alone',
    async (fallback) => {
      const fake = fakeWindow({ popup: () => null });
      Object.assign(fake.win, { top: {} });
      const { settled } = connectIn(fake, { fallback });
      expect(await settled).toMatchObject({ code: 'popup_blocked' });
      expect(fake.assigned).toEqual([]);
      expect(readRedirect(fake.win)).toBeNull();
    },
  );
});

describe('a provider that refuses webviews, in an in-app browser', () => {
  test.each(['auto', 'redirect', 'none'] as const)(
    'fallback="%s", the page says so: in_app_browser, nothing opened or navigated',
    async (fallback) => {
      const fake = fakeWindow({ userAgent: INSTAGRAM_IPHONE });
      const { settled, starts } = connectIn(fake, { fallback, refusesWebviews: true });
      expect(await settled).toMatchObject({
        code: 'in_app_browser',
        uri: 'x-safari-https://app.test/page',
      });
      expect([fake.opened, fake.assigned, starts]).toEqual([[], [], []]);
      expect(readRedirect(fake.win)).toBeNull();
    },
  );

  test('Google, known by its authorize URL', async () => {
    const fake = fakeWindow({ userAgent: INSTAGRAM_IPHONE });
    const { settled } = connectIn(fake, { authorizeUrl: GOOGLE });
    expect(await settled).toMatchObject({ code: 'in_app_browser' });
    expect([fake.opened, fake.assigned]).toEqual([[], []]);
  });

  test('Google with start-url, known once the backend named it: nothing opened or navigated', async () => {
    const fake = fakeWindow({ userAgent: INSTAGRAM_IPHONE });
    const authorizeUrl = `${GOOGLE}?client_id=c&state=s1&redirect_uri=${encodeURIComponent('https://app.test/cb')}`;
    const starts: string[] = [];
    const fetch = async (url: RequestInfo | URL) => (
      starts.push(String(url)),
      Response.json({ authorize_url: authorizeUrl })
    );
    const { settled } = connectIn(fake, { authorizeUrl: undefined, startUrl: 'https://app.test/start', fetch });
    expect(await settled).toMatchObject({ code: 'in_app_browser' });
    expect(starts).toEqual(['https://app.test/start']);
    expect([fake.opened, fake.assigned]).toEqual([[], []]);
  });

  test('Google in a browser tab: the popup, as for any provider', async () => {
    const fake = fakeWindow();
    const { starts } = connectIn(fake, { authorizeUrl: GOOGLE, prepared: await prepare() });
    await expect.poll(() => starts.length).toBe(1);
    expect(fake.opened).toEqual(starts);
  });
});

/** The page as an in-app browser: the user agent the element reads is Instagram's on an iPhone. */
function asInAppBrowser(): void {
  Object.defineProperty(navigator, 'userAgent', { value: INSTAGRAM_IPHONE, configurable: true });
}

describe('the element in an in-app browser, with a provider that refuses webviews', () => {
  test('tells the user, links to the page in the system browser, and reports in_app_browser', async () => {
    asInAppBrowser();
    const { element, popups, exchangeRequests } = await mountWidget({
      attributes: { fallback: 'auto', 'refuses-webviews': '', provider: 'Google' },
    });
    const log = recordEvents(element);
    const error = nextEvent(element, 'oauth-connect-error');
    await userEvent.click(button(element));
    expect((await error).detail).toMatchObject({
      code: 'in_app_browser',
      source: 'client',
      uri: `x-safari-${location.href}`,
    });
    expect(element.status).toBe('error');
    await expect
      .element(page.getByRole('status'))
      .toHaveTextContent('Signing in to Google does not work in this app. Open this page in your browser.');
    const link = page.getByRole('link', { name: 'Open in browser', exact: true });
    await expect.element(link).toHaveAttribute('href', `x-safari-${location.href}`);
    await expect.element(link).not.toHaveAttribute('target');
    expect(log.map(({ type }) => type)).toEqual(['oauth-connect-error']);
    expect([popups, exchangeRequests]).toEqual([[], []]);
  });

  test('the button stays usable, and says the same again', async () => {
    asInAppBrowser();
    const { element, popups } = await mountWidget({ attributes: { 'refuses-webviews': '' } });
    await userEvent.click(button(element));
    await expect.poll(() => element.status).toBe('error');
    const again = nextEvent(element, 'oauth-connect-error');
    await userEvent.click(button(element));
    expect((await again).detail.code).toBe('in_app_browser');
    expect(popups).toEqual([]);
  });
});

describe('the popup size', () => {
  const opener = { screenX: 0, screenY: 0, outerWidth: 390, outerHeight: 844 } as Window;

  test('never exceeds the screen', () => {
    const small = { ...opener, screen: { availWidth: 390, availHeight: 600 } } as Window;
    expect(centredPopupFeatures(small, 500, 650)).toBe('popup=yes,width=390,height=600,left=0,top=122');
  });

  test('is as asked where the screen has room, centred over the opener', () => {
    const large = { ...opener, outerWidth: 1200, screen: { availWidth: 1920, availHeight: 1080 } } as Window;
    expect(centredPopupFeatures(large, 500, 650)).toBe('popup=yes,width=500,height=650,left=350,top=97');
  });
});
