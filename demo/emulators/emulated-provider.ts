import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSessions, listen, readFields, redirect, sendHtml, sendJson } from './http-kit.js';
import type { RunningServer, Sessions } from './http-kit.js';
import { loginPage } from './pages.js';
import type { EmulatedUser, TokenStore } from './token-store.js';

/** What a provider's own routes get to work with. */
export interface ProviderContext<S extends TokenStore> {
  brand: string;
  user: EmulatedUser;
  store: S;
  sessions: Sessions;
  /** The signed-in user; without one, sends the browser to log in and come back to `url`, and answers undefined. */
  signedIn(req: IncomingMessage, res: ServerResponse, url: URL): EmulatedUser | undefined;
}

export interface EmulatedProviderOptions<S extends TokenStore> {
  brand: string;
  user: EmulatedUser;
  store: S;
  /** GET with a bearer token answers who the token belongs to. */
  profilePath: string;
  /** The provider's own routes (authorization, token endpoint, registration…); true when handled. */
  routes(req: IncomingMessage, res: ServerResponse, url: URL, context: ProviderContext<S>): boolean | Promise<boolean>;
  port?: number;
}

export interface EmulatedProvider<S extends TokenStore = TokenStore> extends RunningServer {
  emulator: S;
}

export const DEMO_PASSWORD = 'demo-password';

/** The parts every emulated provider shares: its one user, the login page and the profile endpoint. */
export async function startEmulatedProvider<S extends TokenStore>(
  options: EmulatedProviderOptions<S>,
): Promise<EmulatedProvider<S>> {
  const { brand, user, store } = options;
  const sessions = createSessions(`${brand.toLowerCase().replace(/\W+/g, '_')}_session`);
  const context: ProviderContext<S> = {
    brand,
    user,
    store,
    sessions,
    signedIn(req, res, url) {
      if (sessions.user(req) === user.id) return user;
      redirect(res, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
      return undefined;
    },
  };

  const running = await listen(async (req, res, url) => {
    if (url.pathname === '/login' && req.method === 'GET') {
      return sendHtml(res, 200, loginPage(brand, url.searchParams.get('next') ?? '/'));
    }
    if (url.pathname === '/login' && req.method === 'POST') {
      const fields = await readFields(req);
      const next = fields.next?.startsWith('/') && !fields.next.startsWith('//') ? fields.next : '/';
      if (fields.username !== user.username || fields.password !== DEMO_PASSWORD) {
        return sendHtml(res, 401, loginPage(brand, next, 'These credentials do not match our records.'));
      }
      sessions.signIn(req, res, user.id);
      return redirect(res, next);
    }
    if (url.pathname === options.profilePath && req.method === 'GET') {
      const owner = store.userOf(req.headers.authorization);
      if (!owner) return sendJson(res, 401, { message: 'Unauthenticated.' });
      return sendJson(res, 200, { data: { id: owner.id, name: owner.name } });
    }
    if (await options.routes(req, res, url, context)) return;
    sendJson(res, 404, { message: 'Not Found' });
  }, options.port);
  return { ...running, emulator: store };
}
