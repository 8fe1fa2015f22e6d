import type { Page } from 'playwright';

/**
 * The pages the browser sections load. The app lives at `app` (http://127.0.0.1:port, a secure context), the
 * provider at `provider` (http://localhost:port): another site, as a real provider is.
 */
export interface Origins {
  app: string;
  provider: string;
}

const page = (body: string) => `<!doctype html><html lang="en"><meta charset="utf-8"><title>bench</title>${body}`;

/** One contestant of the popup sections: its page, what to click, and what it reports at the end. */
export interface PopupContestant {
  name: string;
  path: string;
  click: string;
}

export const popupContestants: PopupContestant[] = [
  { name: 'oauth-connect (ours)', path: '/popup/ours.html', click: '#go [part="button"]' },
  { name: 'oidc-client-ts signinPopup', path: '/popup/oidc.html', click: '#go' },
  { name: 'hello.js login (popup)', path: '/popup/hello.html', click: '#go' },
];

function oursElement({ app, provider }: Origins, extra = ''): string {
  return `<oauth-connect id="go" authorize-url="${provider}/authorize" client-id="bench-client"
    redirect-uri="${app}/cb" scope="openid profile"${extra}></oauth-connect>`;
}

const reportEnd = `<script>
  for (const type of ['oauth-connect-success', 'oauth-connect-error', 'oauth-connect-cancel'])
    document.getElementById('go').addEventListener(type, (event) =>
      benchProbe.end(type + ' ' + (event.detail.reason || event.detail.code || '')));
</script>`;

export function popupPages(origins: Origins): Record<string, string> {
  const { app, provider } = origins;
  return {
    '/popup/ours.html': page(
      `<script src="/page/popup-probe.js"></script><script src="/dist/oauth-connect.bundle.js"></script>
      ${oursElement(origins)}${reportEnd}`,
    ),
    '/popup/oidc.html': page(`<script src="/page/popup-probe.js"></script><script src="/anchor/oidc.js"></script>
      <button id="go">Connect</button><script>
      const manager = new BenchScript.UserManager({ authority: '${provider}', client_id: 'bench-client',
        redirect_uri: '${app}/cb-anchor', scope: 'openid profile', metadata: { issuer: '${provider}',
        authorization_endpoint: '${provider}/authorize', token_endpoint: '${provider}/token' } });
      document.getElementById('go').onclick = () => manager.signinPopup({ popupAbortOnClose: true }).then(
        () => benchProbe.end('resolved'), (error) => benchProbe.end('rejected: ' + error.message));
      </script>`),
    '/popup/hello.html': page(`<script src="/page/popup-probe.js"></script><script src="/anchor/hello.js"></script>
      <button id="go">Connect</button><script>
      const hello = BenchScript.hello;
      hello.init({ bench: { name: 'Bench', oauth: { version: 2, auth: '${provider}/authorize',
        grant: '${provider}/token' }, scope: { basic: 'openid profile' } } });
      hello.init({ bench: 'bench-client' }, { redirect_uri: '${app}/cb-anchor' });
      document.getElementById('go').onclick = () => hello('bench').login({ display: 'popup' }).then(
        () => benchProbe.end('resolved'), (error) => benchProbe.end('rejected: ' + (error.error || error).code));
      </script>`),
  };
}

export const RENDER_COUNT = 1000;

export function renderPages({ app, provider }: Origins): Record<string, string> {
  const ours = `<oauth-connect authorize-url="${provider}/authorize" client-id="bench-client"
    redirect-uri="${app}/cb" scope="openid" provider="Bench"></oauth-connect>`;
  const lit = '<lit-button provider="Bench"></lit-button>';
  const render = (script: string, element: string) =>
    page(`<script src="/page/render-probe.js"></script><script src="${script}"></script>
      <div id="elements">${element.repeat(RENDER_COUNT)}</div>`);
  return {
    '/render/ours.html': render('/dist/oauth-connect.bundle.js', ours),
    '/render/lit.html': render('/anchor/litButton.js', lit),
  };
}

export function leakPages(origins: Origins): Record<string, string> {
  return {
    '/leaks.html': page(`<script src="/page/leak-probe.js"></script>
      <script src="/dist/oauth-connect.bundle.js"></script>
      ${oursElement(origins, ' exchange-url="/exchange" provider="Bench"')}<script>
      window.benchEnds = [];
      for (const type of ['oauth-connect-success', 'oauth-connect-error', 'oauth-connect-cancel'])
        document.getElementById('go').addEventListener(type, (event) =>
          benchEnds.push(type + ' ' + (event.detail.reason || event.detail.code || '')));
      // A success leaves the element connected; the next attempt needs its Connect button back.
      document.getElementById('go').addEventListener('oauth-connect-success',
        (event) => (event.target.connected = false));
      </script>`),
  };
}

/** The callback page at the redirect URI (ours), and a blank one for the anchors, which never get that far. */
export const callbackPages: Record<string, string> = {
  '/cb': page('<script src="/dist/oauth-connect-callback.js"></script>'),
  '/cb-anchor': page(''),
};

/** The provider's authorization endpoint while it waits for the user: it tells the opener when it was requested. */
export const authorizePage = page(`<p>Sign in to Bench</p><script>
  const navigation = performance.getEntriesByType('navigation')[0];
  if (opener) opener.postMessage({ benchAuthorize: {
    fetchStart: performance.timeOrigin + navigation.fetchStart,
    requestStart: performance.timeOrigin + (navigation.requestStart || navigation.fetchStart),
  } }, '*');
</script>`);

/**
 * Clicks the centre of `selector` with raw mouse input: a real user gesture, without the listeners Playwright's
 * own `click()` adds to the page to check what is under the pointer (they would count as the page's).
 */
export async function clickCentre(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox({ timeout: 10_000 });
  if (!box) throw new Error(`${selector} is not visible on the page`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}
