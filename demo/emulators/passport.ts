import { sendJson, redirect } from './http-kit.js';
import { readTokenRequest, startEmulatedProvider, type EmulatedProvider } from './emulated-provider.js';
import type { EmulatedClient } from './oauth-model.js';

export interface PassportOptions {
  /** Kanka or Anomaly: the name on its pages. */
  brand: string;
  clients: EmulatedClient[];
  port?: number;
}

/**
 * A Laravel Passport server as Kanka and Anomaly's API module run it: `/oauth/authorize` with an
 * approval page (Authorize / Cancel), form POST `/oauth/token` taking the client credentials in the
 * body or as Basic, 1-year access tokens, and Passport's own denial redirect.
 */
export async function startPassport(options: PassportOptions): Promise<EmulatedProvider> {
  const provider = await startEmulatedProvider({
    brand: options.brand,
    authorizePath: '/oauth/authorize',
    profilePath: '/api/1.0/profile',
    user: { id: '1', username: 'demo', name: `Dana of ${options.brand}` },
    oauth: { codeLifetime: 600, accessTokenLifetime: 31_536_000, refreshTokenLifetime: 31_536_000 },
    // Passport's DenyAuthorizationController: back to the redirect URI with error=access_denied and the state.
    denyLocation(params) {
      const uri = params.redirect_uri!;
      return `${uri}${uri.includes('?') ? '&' : '?'}error=access_denied&state=${encodeURIComponent(params.state ?? '')}`;
    },
    async routes(req, res, url, emulator) {
      if (url.pathname === '/oauth/token' && req.method === 'POST') {
        const { headers, fields } = await readTokenRequest(req);
        const { status, body } = await emulator.token(headers, fields);
        if (status !== 200) return sendJson(res, status, { ...body, message: body.error_description }), true;
        sendJson(res, 200, { token_type: 'Bearer', expires_in: body.expires_in, access_token: body.access_token, refresh_token: body.refresh_token });
        return true;
      }
      // Anomaly's API module: /oauth/request?client=ID starts the request for a client's own redirect URI.
      if (url.pathname === '/oauth/request' && req.method === 'GET') {
        const client = emulator.clients.get(url.searchParams.get('client') ?? '');
        if (!client) return sendJson(res, 404, { message: 'Not Found' }), true;
        redirect(res, `/oauth/authorize?${new URLSearchParams({ client_id: client.id, redirect_uri: client.redirectUris[0]!, response_type: 'code' })}`);
        return true;
      }
      return false;
    },
    port: options.port,
  });
  for (const client of options.clients) provider.emulator.addClient(client);
  return provider;
}
