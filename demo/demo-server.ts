import { randomBytes } from 'node:crypto';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createServer as createViteServer, type Plugin } from 'vite';
import type { CookieOptions } from '../src/server.js';
import { createDemoBackend, type DemoBackend } from './backend.js';
import { demoIdProvider, gancioProvider, kankaProvider, kitchenMonkiProvider, type DemoProvider } from './providers.js';
import { startOidcServer, type OidcServer } from './provider/oidc-server.js';
import type { KitchenMonki } from './emulators/kitchenmonki.js';

export interface DemoOptions {
  /** The page's port; 0 picks a free one. */
  port?: number;
  /** The provider's port; 0 picks a free one. */
  providerPort?: number;
  /** The provider sends `Cross-Origin-Opener-Policy: same-origin`. */
  crossOriginOpenerPolicy?: boolean;
  /** The backend's flow cookie; `EMBEDDED_COOKIE` (demo/backend.ts) for an app in another site's iframe. */
  cookie?: CookieOptions;
}

export interface Demo {
  url: string;
  oidc: OidcServer;
  backend: DemoBackend;
  /** The emulated providers' own addresses. */
  gancioOrigin: string;
  /** The demo's providers by picker id. */
  providers: Record<string, DemoProvider>;
  kitchenMonki: KitchenMonki;
  close(): Promise<void>;
}

/** A port on 127.0.0.1 that nothing listens on at the moment. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Fills index.html's %PLACEHOLDERS% with this run's provider, client and CSRF token. */
function demoPagePlugin(values: Record<string, string>, backend: DemoBackend): Plugin {
  return {
    name: 'oauth-connect-demo',
    configureServer(server) {
      server.middlewares.use(backend.middleware);
    },
    transformIndexHtml: (html) => html.replace(/%(\w+)%/g, (match, name: string) => values[name] ?? match),
  };
}

/** The whole demo on 127.0.0.1: the provider, the backend and Vite serving the page. */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const port = options.port || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const client = {
    clientId: 'demo-app',
    clientSecret: randomBytes(24).toString('hex'),
    redirectUri: `${url}/callback`,
  };
  const oidc = await startOidcServer({
    client,
    port: options.providerPort ?? 0,
    crossOriginOpenerPolicy: options.crossOriginOpenerPolicy,
  });
  const csrfToken = randomBytes(24).toString('hex');
  const kitchenMonki = await kitchenMonkiProvider(client.redirectUri);
  const gancio = await gancioProvider(client.redirectUri, url);
  const providers: Record<string, DemoProvider> = {
    'demo-id': demoIdProvider(oidc, client),
    kanka: await kankaProvider(client.redirectUri),
    gancio,
    kitchenmonki: kitchenMonki,
  };
  const backend = createDemoBackend(
    Object.values(providers),
    csrfToken,
    randomBytes(32).toString('hex'),
    gancio.outbound,
    options.cookie,
  );
  // What the page's picker needs: each provider's label and the element's attributes in each mode.
  const pageProviders = Object.fromEntries(
    Object.entries(providers).map(([id, { label, browser, server }]) => [id, { label, browser, server }]),
  );
  const vite = await createViteServer({
    root: fileURLToPath(new URL('..', import.meta.url)),
    configFile: false,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port, strictPort: true, hmr: false, watch: null },
    plugins: [
      demoPagePlugin(
        {
          ISSUER: oidc.issuer,
          AUTHORIZE_URL: oidc.authorizeUrl,
          CLIENT_ID: client.clientId,
          REDIRECT_URI: client.redirectUri,
          CSRF_TOKEN: csrfToken,
          DEMO_PROVIDERS: JSON.stringify(pageProviders).replace(/</g, '\\u003c'),
        },
        backend,
      ),
    ],
  });
  await vite.listen();
  return {
    url,
    oidc,
    backend,
    gancioOrigin: gancio.origin,
    providers,
    kitchenMonki: kitchenMonki.monki,
    async close() {
      await vite.close();
      await Promise.all([oidc.close(), ...Object.values(providers).map((provider) => provider.close())]);
    },
  };
}
