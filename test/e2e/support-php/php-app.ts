import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../demo/demo-server.js';
import { startOidcServer, type DemoClient, type OidcServer } from '../../../demo/provider/oidc-server.js';
import { startPhpServer } from './php-server.js';
import { startTokenRecorder, type TokenRequest } from './token-recorder.js';

const ROOT = join(import.meta.dirname, '../../..');
export const RECIPE_DIR = join(ROOT, 'demo/recipes/php');

/** The plain PHP recipe served by `php -S`, registered at the demo's authorization server (oidc-provider). */
export interface PhpApp {
  /** The app's one origin: the page at `/`, the callback page at `/callback.html`, the endpoint at `/exchange.php`. */
  url: string;
  oidc: OidcServer;
  client: DemoClient;
  /** Every request exchange.php made to the token endpoint, with the authorization server's answer. */
  tokenRequests: TokenRequest[];
  /** What PHP logged, for failure messages. */
  log(): string;
  close(): Promise<void>;
}

export async function startPhpApp(): Promise<PhpApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const client = {
    clientId: 'php-recipe',
    clientSecret: randomBytes(24).toString('hex'),
    redirectUri: `${url}/callback.html`,
  };
  const oidc = await startOidcServer({ client });
  const recorder = await startTokenRecorder(oidc.tokenEndpoint);
  const state = await mkdtemp(join(tmpdir(), 'oauth-connect-php-'));
  await mkdir(join(state, 'sessions'));
  const php = await startPhpServer({
    port,
    root: RECIPE_DIR,
    router: join(import.meta.dirname, 'router.php'),
    ini: { 'session.save_path': join(state, 'sessions'), display_errors: 'stderr' },
    // What a deployment puts in the PHP process's environment; the secret never reaches a page.
    env: {
      OAUTH_PROVIDER_NAME: 'Demo ID',
      OAUTH_AUTHORIZE_ENDPOINT: oidc.authorizeUrl,
      OAUTH_TOKEN_ENDPOINT: recorder.url,
      OAUTH_USERINFO_ENDPOINT: oidc.userinfoEndpoint,
      OAUTH_ISSUER: oidc.issuer,
      OAUTH_SCOPE: 'openid profile email',
      OAUTH_CLIENT_ID: client.clientId,
      OAUTH_CLIENT_SECRET: client.clientSecret,
      OAUTH_REDIRECT_URI: client.redirectUri,
      OAUTH_USED_CODES_DIR: join(state, 'used-codes'),
    },
  });
  return {
    url,
    oidc,
    client,
    tokenRequests: recorder.requests,
    log: php.output,
    async close() {
      await php.stop();
      await Promise.all([recorder.close(), oidc.close()]);
      await rm(state, { recursive: true, force: true });
    },
  };
}
