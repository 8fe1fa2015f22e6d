import { readFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright';
import { chromiumLaunchOptions } from '../browsers.js';
import { packageFile } from './sizes.js';

/** A made-up origin served by Playwright's router: no server, no network. */
const ORIGIN = 'https://bench.test';

const pages: Record<string, string> = {
  '/ours.html': `<script src="/oauth-connect.bundle.js"></script>
    <oauth-connect authorize-url="${ORIGIN}/authorize" client-id="c" redirect-uri="${ORIGIN}/cb" scope="openid"></oauth-connect>`,
  '/oidc-client-ts.html': `<script src="/oidc-client-ts.min.js"></script><button>Connect</button><script>
    const manager = new oidc.UserManager({ authority: '${ORIGIN}', client_id: 'c', redirect_uri: '${ORIGIN}/cb', scope: 'openid',
      metadata: { issuer: '${ORIGIN}', authorization_endpoint: '${ORIGIN}/authorize', token_endpoint: '${ORIGIN}/token' } });
    document.querySelector('button').onclick = () => manager.signinPopup().catch(() => {});</script>`,
  // The popup reports when its navigation to the authorize URL began.
  '/authorize': `<script>opener.postMessage({ navigationStart: performance.timeOrigin }, '*')</script>`,
};

const scripts: Record<string, string> = {
  '/oauth-connect.bundle.js': 'dist/oauth-connect.bundle.js',
  '/oidc-client-ts.min.js': packageFile('oidc-client-ts', 'dist/browser/oidc-client-ts.min.js'),
};

async function serve(page: Page): Promise<void> {
  await page.context().route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (scripts[path]) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(scripts[path]) });
    return route.fulfill({ contentType: 'text/html', body: pages[path] ?? '' });
  });
}

/** Milliseconds from the click to the popup starting to load the authorize URL, one sample. */
async function sample(page: Page, path: string): Promise<number> {
  await page.goto(`${ORIGIN}${path}`);
  const delay = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let clickedAt = 0;
        document.addEventListener('click', () => (clickedAt = performance.timeOrigin + performance.now()), {
          capture: true,
        });
        addEventListener(
          'message',
          (event) => event.data?.navigationStart && resolve(event.data.navigationStart - clickedAt),
        );
      }),
  );
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Connect' }).click();
  const result = await delay;
  await (await popup).close();
  return result;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median click-to-authorize-navigation latency of ours and of oidc-client-ts's signinPopup, in the same browser. */
export async function popupLatency(runs = 15): Promise<{ name: string; ms: number }[]> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await serve(page);
    const figures = [];
    for (const [name, path] of [
      ['oauth-connect', '/ours.html'],
      ['oidc-client-ts signinPopup', '/oidc-client-ts.html'],
    ]) {
      const samples = [];
      for (let run = 0; run < runs; run++) samples.push(await sample(page, path));
      figures.push({ name, ms: median(samples) });
    }
    return figures;
  } finally {
    await browser.close();
  }
}
