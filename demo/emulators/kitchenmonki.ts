import type { ServerResponse } from 'node:http';
import { listen, sendHtml, sendJson, redirect, type RunningServer } from './http-kit.js';
import { startEmulatedProvider, type EmulatedProvider } from './emulated-provider.js';
import type { EmulatedClient } from './oauth-model.js';

export interface KitchenMonki {
  /** The web host: `/authorize`. */
  web: EmulatedProvider;
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
  sendHtml(res, 200, `<!doctype html><meta charset="utf-8"><title>KitchenMonki</title><p>Returning you to the app…</p>
<script>if (window.opener) { window.opener.postMessage(${payload}, ${JSON.stringify(target)}); window.close(); }</script>`);
}

/**
 * KitchenMonki: authorize on the web host (with `display=popup`), tokens by `GET /v2/token/grant`
 * on a second, API host, codes that live 30 s, one-hour access tokens, and refresh tokens that
 * rotate: the old one dies on use.
 */
export async function startKitchenMonki(options: { clients: EmulatedClient[]; webPort?: number; apiPort?: number }): Promise<KitchenMonki> {
  const web = await startEmulatedProvider({
    brand: 'KitchenMonki',
    authorizePath: '/authorize',
    profilePath: '/me',
    user: { id: '42', username: 'demo', name: 'Kit Monki' },
    oauth: { codeLifetime: 30, accessTokenLifetime: 3600, refreshTokenLifetime: 1_209_600 },
    denyLocation: (params, emulator) => emulator.approve({ ...params, allowed: 'false' }, { id: '', username: '', name: '' }),
    deliver: deliverToOpener,
    port: options.webPort,
  });
  for (const client of options.clients) web.emulator.addClient(client);
  const { emulator } = web;

  const api = await listen(async (req, res, url) => {
    if (url.pathname === '/v2/token/grant' && req.method === 'GET') {
      const { status, body } = await emulator.token({}, Object.fromEntries(url.searchParams));
      if (status !== 200) return sendJson(res, status, body);
      return sendJson(res, 200, { access_token: body.access_token, expires_in: body.expires_in, token_type: 'bearer', scope: null, refresh_token: body.refresh_token });
    }
    if (url.pathname === '/v2/me' && req.method === 'GET') {
      const owner = await emulator.userOf(req.headers.authorization);
      return owner ? sendJson(res, 200, { id: owner.id, name: owner.name }) : sendJson(res, 401, { error: 'invalid_token' });
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
