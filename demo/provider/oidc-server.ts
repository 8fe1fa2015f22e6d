import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { DEMO_ACCOUNT } from './accounts.js';
import { handleInteraction } from './interactions.js';
import { brokerPage } from './pages.js';

export interface DemoClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface OidcServer {
  issuer: string;
  authorizeUrl: string;
  tokenEndpoint: string;
  userinfoEndpoint: string;
  /** RFC 7662: says whether a token is still active, to this client. */
  introspectionEndpoint: string;
  /**
   * A broker's first page in front of `authorizeUrl`, never sent with Cross-Origin-Opener-Policy: its Continue
   * link goes on to `authorizeUrl` with the same query. With `setCrossOriginOpenerPolicy(true)` it is a provider
   * that sends that header from its second page on, as a portal in front of Entra ID or Cognito does.
   */
  brokerUrl: string;
  /** Makes every provider page send `Cross-Origin-Opener-Policy: same-origin`, as Entra ID and Cognito do. */
  setCrossOriginOpenerPolicy(on: boolean): void;
  close(): Promise<void>;
}

export interface OidcServerOptions {
  client: DemoClient;
  /** 0 picks a free port. */
  port?: number;
  /** Start with `Cross-Origin-Opener-Policy: same-origin` on every page. */
  crossOriginOpenerPolicy?: boolean;
}

/** The demo's real authorization server: oidc-provider on 127.0.0.1 with one account and one confidential client. */
export async function startOidcServer({
  client,
  port = 0,
  crossOriginOpenerPolicy = false,
}: OidcServerOptions): Promise<OidcServer> {
  let sendCoop = crossOriginOpenerPolicy;
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        client_name: 'oauth-connect demo app',
        redirect_uris: [client.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    async findAccount(_ctx, sub) {
      if (sub !== DEMO_ACCOUNT.claims.sub) return undefined;
      return { accountId: sub, claims: async () => DEMO_ACCOUNT.claims };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      // A client may revoke and introspect only its own tokens.
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
    },
    // A random key per run: the demo keeps nothing across restarts.
    cookies: { keys: [crypto.randomUUID()] },
    ttl: {
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 3600,
      IdToken: 3600,
      RefreshToken: 86400,
    },
  });
  provider.on('server_error', (_ctx, error) => console.error('provider error:', error));
  const providerCallback = provider.callback();

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/broker') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(brokerPage(`/auth${url.search}`));
      return;
    }
    if (sendCoop) res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (req.url?.startsWith('/interaction/')) {
      handleInteraction(provider, req, res).catch((error: Error) => {
        res.writeHead(400, { 'Content-Type': 'text/plain' });
        res.end(`This sign-in can no longer continue: ${error.message}`);
      });
      return;
    }
    providerCallback(req, res);
  });

  return {
    issuer,
    authorizeUrl: `${issuer}/auth`,
    brokerUrl: `${issuer}/broker`,
    tokenEndpoint: `${issuer}/token`,
    userinfoEndpoint: `${issuer}/me`,
    introspectionEndpoint: `${issuer}/token/introspection`,
    setCrossOriginOpenerPolicy: (on) => (sendCoop = on),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
