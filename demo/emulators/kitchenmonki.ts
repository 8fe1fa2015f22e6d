import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, readFields, redirect, sendHtml, sendJson, type RunningServer } from './http-kit.js';
import { startEmulatedProvider, type EmulatedProvider, type ProviderContext } from './emulated-provider.js';
import { createOAuthEmulator, type EmulatedClient, type OAuthEmulator } from './oauth-model.js';
import { approvalPage, errorPage } from './pages.js';

export interface KitchenMonkiOptions {
  clients: EmulatedClient[];
  webPort?: number;
  apiPort?: number;
  /** Reuse of a rotated refresh token revokes the grant; also settable later as `web.emulator.policy.revokeOnReuse`. */
  revokeOnReuse?: boolean;
}

export interface KitchenMonki {
  /** The web host: `/authorize`. */
  web: EmulatedProvider<OAuthEmulator>;
  /** The API host: `GET /v2/token/grant`, `GET /v2/me`. */
  api: RunningServer;
  close(): Promise<void>;
}

/**
 * With `display=popup`, KitchenMonki sends the code "to the parent opener window instead of the
 * current window": a page that posts the response to the opener, aimed at the redirect URI's origin.
 * The message is the Web Message Response Mode's `authorization_response`.
 */
function deliverToOpener(res: ServerResponse, location: string, params: Record<string, string>): void {
  if (params.display !== 'popup') return redirect(res, location);
  const response = Object.fromEntries(new URL(location).searchParams);
  const target = new URL(params.redirect_uri!).origin;
  const payload = JSON.stringify({ type: 'authorization_response', response }).replace(/</g, '\\u003c');
  sendHtml(
    res,
    200,
    `<!doctype html><meta charset="utf-8"><title>KitchenMonki</title><p>Returning you to the app…</p>
<script>if (window.opener) {
  window.opener.postMessage(${payload}, ${JSON.stringify(target)});
  window.close();
}</script>`,
  );
}

/** `/authorize`: GET shows the approval page with the request in hidden fields; its forms post them back. */
async function authorize(req: IncomingMessage, res: ServerResponse, url: URL, context: ProviderContext<OAuthEmulator>) {
  const { brand, store } = context;
  const params = req.method === 'POST' ? await readFields(req) : Object.fromEntries(url.searchParams);
  // RFC 6749 section 4.1.2.1: with an unknown client or redirect URI, tell the user; never redirect.
  const client = store.clients.get(params.client_id ?? '');
  if (!client || !client.redirectUris.includes(params.redirect_uri ?? '')) {
    return sendHtml(res, 400, errorPage(brand, 'Client authentication failed: unknown client or redirect URI.'));
  }
  const user = context.signedIn(req, res, url);
  if (!user) return;
  const { decision, ...request } = params;
  if (req.method === 'GET') {
    const scopes = (params.scope ?? '').split(' ').filter(Boolean);
    const page = approvalPage({
      brand,
      action: '/authorize',
      clientName: client.name,
      scopes,
      fields: request,
      cancel: { fields: {} },
    });
    return sendHtml(res, 200, page);
  }
  const answer = decision === 'approve' ? request : { ...request, allowed: 'false' };
  deliverToOpener(res, await store.approve(answer, user), request);
}

/**
 * KitchenMonki: authorize on the web host (with `display=popup`), tokens by `GET /v2/token/grant`
 * on a second, API host, codes that live 30 s, one-hour access tokens, and refresh tokens that
 * rotate: the old one dies on use.
 */
export async function startKitchenMonki(options: KitchenMonkiOptions): Promise<KitchenMonki> {
  const emulator = createOAuthEmulator({
    codeLifetime: 30,
    accessTokenLifetime: 3600,
    refreshTokenLifetime: 1_209_600,
    revokeOnReuse: options.revokeOnReuse,
  });
  for (const client of options.clients) emulator.addClient(client);
  const web = await startEmulatedProvider({
    brand: 'KitchenMonki',
    profilePath: '/me',
    user: { id: '42', username: 'demo', name: 'Kit Monki' },
    store: emulator,
    async routes(req, res, url, context) {
      if (url.pathname !== '/authorize') return false;
      await authorize(req, res, url, context);
      return true;
    },
    port: options.webPort,
  });

  const api = await listen(async (req, res, url) => {
    if (url.pathname === '/v2/token/grant' && req.method === 'GET') {
      const { status, body } = await emulator.token({}, Object.fromEntries(url.searchParams));
      if (status !== 200) return sendJson(res, status, body);
      const { access_token, expires_in, refresh_token } = body;
      return sendJson(res, 200, { access_token, expires_in, token_type: 'bearer', scope: null, refresh_token });
    }
    if (url.pathname === '/v2/me' && req.method === 'GET') {
      const owner = emulator.userOf(req.headers.authorization);
      if (!owner) return sendJson(res, 401, { error: 'invalid_token' });
      return sendJson(res, 200, { id: owner.id, name: owner.name });
    }
    sendJson(res, 404, { error: 'not_found' });
  }, options.apiPort);

  return {
    web,
    api,
    async close() {
      await web.close();
      await api.close();
    },
  };
}
