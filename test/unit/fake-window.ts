/** What a fake window is like: its user agent, display mode, popups and storage. */
export interface FakeWindowOptions {
  userAgent?: string;
  /** What `matchMedia('(display-mode:standalone)')` answers: an installed app. */
  standalone?: boolean;
  /** What `window.open` gives back; a live popup by default. */
  popup?: () => Window | null;
  /** Its `sessionStorage`; `null`: reading it throws, as where the browser denies storage. */
  storage?: Storage | null;
}

/**
 * A window at https://app.test/page whose navigations (`location.assign`) and popups (`open`, also passed on
 * its own as an attempt's `open`) are recorded instead of followed. Its document, crypto and localStorage are
 * this page's.
 */
export function fakeWindow(options: FakeWindowOptions = {}) {
  const { userAgent = navigator.userAgent, standalone = false, popup, storage = sessionStorage } = options;
  const assigned: string[] = [];
  const opened: string[] = [];
  const live = () => ({ closed: false, close() {}, focus() {}, location: { replace() {} } }) as unknown as Window;
  const open = (url: string) => (opened.push(url), (popup ?? live)());
  const win = {
    screenX: 0,
    screenY: 0,
    outerWidth: 1000,
    outerHeight: 800,
    screen: { availWidth: 1920, availHeight: 1080 },
    navigator: { userAgent },
    matchMedia: (query: string) => ({ matches: standalone && query === '(display-mode:standalone)' }),
    isSecureContext: true,
    crypto,
    document,
    get sessionStorage() {
      if (!storage) throw new DOMException('denied', 'SecurityError');
      return storage;
    },
    localStorage,
    addEventListener() {},
    removeEventListener() {},
    location: {
      href: 'https://app.test/page',
      origin: 'https://app.test',
      assign: (url: string) => assigned.push(url),
    },
    open,
  } as unknown as Window;
  return { win, open, assigned, opened };
}
