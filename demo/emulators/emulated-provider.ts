import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSessions, listen, readFields, redirect, sendHtml, sendJson, type RunningServer } from './http-kit.js';
import { createOAuthEmulator, type EmulatedUser, type OAuthEmulator, type OAuthEmulatorOptions } from './oauth-model.js';
import { approvalPage, errorPage, loginPage } from './pages.js';

export interface EmulatedProviderOptions {
  brand: string;
  /** GET shows the approval page; the form posts back to the same path. */
  authorizePath: string;
  oauth: OAuthEmulatorOptions;
  user: EmulatedUser;
  /** Where the provider sends a denial: its own style of error redirect. */
  denyLocation(params: Record<string, string>, emulator: OAuthEmulator): Promise<string> | string;
  /** How the response reaches the client; default a 302 to the redirect URI. */
  deliver?(res: ServerResponse, location: string, params: Record<string, string>): void;
  /** The provider's other routes (token endpoint, registration…); return true when handled. */
  routes?(req: IncomingMessage, res: ServerResponse, url: URL, emulator: OAuthEmulator): boolean | Promise<boolean>;
  /** GET with a bearer token answers who the token belongs to. */
  profilePath: string;
  port?: number;
}

export interface EmulatedProvider extends RunningServer {
  emulator: OAuthEmulator;
}

const PASSWORD = 'demo-password';

/** The parts every emulated provider shares: login, the approval page, and the profile endpoint. */
export async function startEmulatedProvider(options: EmulatedProviderOptions): Promise<EmulatedProvider> {
  const emulator = createOAuthEmulator(options.oauth);
  const sessions = createSessions(`${options.brand.toLowerCase().replace(/\W+/g, '_')}_session`);
  const { brand, user } = options;

  const running = await listen(async (req, res, url) => {
    if (url.pathname === '/login' && req.method === 'GET') return sendHtml(res, 200, loginPage(brand, url.searchParams.get('next') ?? '/'));
    if (url.pathname === '/login' && req.method === 'POST') {
      const fields = await readFields(req);
      const next = fields.next?.startsWith('/') && !fields.next.startsWith('//') ? fields.next : '/';
      if (fields.username !== user.username || fields.password !== PASSWORD) return sendHtml(res, 401, loginPage(brand, next, 'These credentials do not match our records.'));
      sessions.signIn(res, user.id);
      return redirect(res, next);
    }
    if (url.pathname === options.authorizePath) {
      const params = req.method === 'POST' ? await readFields(req) : Object.fromEntries(url.searchParams);
      // RFC 6749 section 4.1.2.1: with an unknown client or redirect URI, tell the user; never redirect.
      const client = emulator.clients.get(params.client_id ?? '');
      if (!client || !client.redirectUris.includes(params.redirect_uri ?? '')) {
        return sendHtml(res, 400, errorPage(brand, 'Client authentication failed: unknown client or redirect URI.'));
      }
      if (sessions.user(req) !== user.id) return redirect(res, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
      if (req.method === 'GET') {
        const { decision: _ignored, ...fields } = params;
        return sendHtml(res, 200, approvalPage(brand, options.authorizePath, client.name, (params.scope ?? '').split(' ').filter(Boolean), fields));
      }
      const { decision, ...request } = params;
      const location = decision === 'approve' ? await emulator.approve(request, user) : await options.denyLocation(request, emulator);
      return options.deliver ? options.deliver(res, location, request) : redirect(res, location);
    }
    if (url.pathname === options.profilePath && req.method === 'GET') {
      const owner = await emulator.userOf(req.headers.authorization);
      return owner ? sendJson(res, 200, { data: { id: owner.id, name: owner.name } }) : sendJson(res, 401, { message: 'Unauthenticated.' });
    }
    if (await options.routes?.(req, res, url, emulator)) return;
    sendJson(res, 404, { message: 'Not Found' });
  }, options.port);
  return { ...running, emulator };
}

/** The form fields of a token request, and its Authorization header when it has one. */
export async function readTokenRequest(req: IncomingMessage): Promise<{ headers: Record<string, string>; fields: Record<string, string> }> {
  const headers: Record<string, string> = {};
  if (req.headers.authorization) headers.authorization = req.headers.authorization;
  return { headers, fields: await readFields(req) };
}
