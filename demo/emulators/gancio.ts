import { randomBytes } from 'node:crypto';
import { readFields, sendJson } from './http-kit.js';
import { readTokenRequest, startEmulatedProvider, type EmulatedProvider } from './emulated-provider.js';

const ONLY_SCOPE = 'event:write';

/**
 * A Gancio instance: anyone registers a client with `POST /api/client` (client_name, redirect_uris,
 * scopes, website), `event:write` is the only scope, `/authorize` shows the authorization form, and
 * `POST /oauth/token` takes the client credentials in the form.
 */
export async function startGancio(options: { port?: number } = {}): Promise<EmulatedProvider> {
  return startEmulatedProvider({
    brand: 'Gancio',
    authorizePath: '/authorize',
    profilePath: '/api/user',
    user: { id: '7', username: 'demo', name: 'Gaia Gancio' },
    oauth: { codeLifetime: 300, accessTokenLifetime: 3600, refreshTokenLifetime: 1_209_600, allowedScopes: [ONLY_SCOPE], defaultScope: [ONLY_SCOPE] },
    denyLocation: (params, emulator) => emulator.approve({ ...params, allowed: 'false' }, { id: '', username: '', name: '' }),
    async routes(req, res, url, emulator) {
      if (url.pathname === '/api/client' && req.method === 'POST') {
        const fields = await readFields(req);
        const scopes = fields.scopes?.trim() || ONLY_SCOPE;
        if (!fields.client_name || !fields.redirect_uris) return sendJson(res, 422, { message: 'client_name and redirect_uris are required' }), true;
        if (scopes !== ONLY_SCOPE) return sendJson(res, 422, { message: `"${scopes}" is not a supported scope: ${ONLY_SCOPE} is the only one` }), true;
        const client = emulator.addClient({
          id: randomBytes(20).toString('hex'),
          secret: randomBytes(20).toString('hex'),
          name: fields.client_name,
          redirectUris: fields.redirect_uris.split(/\s+/).filter(Boolean),
          scopes,
          website: fields.website,
        });
        sendJson(res, 200, { name: client.name, scopes, website: client.website, client_secret: client.secret, redirect_uris: client.redirectUris.join(' '), client_id: client.id });
        return true;
      }
      if (url.pathname === '/oauth/token' && req.method === 'POST') {
        const { headers, fields } = await readTokenRequest(req);
        const { status, body } = await emulator.token(headers, fields);
        sendJson(res, status, body);
        return true;
      }
      return false;
    },
    port: options.port,
  });
}
