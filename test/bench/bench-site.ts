import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { authorizePage, callbackPages, leakPages, popupPages, renderPages, type Origins } from './bench-pages.js';

const root = resolve(import.meta.dirname, '../..');

/** What the provider's authorization endpoint does next: wait for the user, or answer at once. */
export type AuthorizeMode = 'wait' | 'code' | 'error';

export interface BenchSite extends Origins {
  authorizeMode: AuthorizeMode;
  /** Script paths answered 404 since the last call (dist/ rebuilt by someone else meanwhile, say). */
  takeMissing(): string[];
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

/**
 * The app and the provider on one local server (127.0.0.1, a free port), told apart by the Host header.
 * Scripts come from dist/ as built and from the anchors built in this run; it stops when `close()` is called.
 */
export async function startBenchSite(anchorScripts: Record<string, Buffer | undefined>): Promise<BenchSite> {
  let pages: Record<string, string> = {};
  const missing: string[] = [];
  const site = { authorizeMode: 'wait' as AuthorizeMode } as BenchSite;
  site.takeMissing = () => missing.splice(0);

  const provider = (url: URL, response: ServerResponse) => {
    if (url.pathname !== '/authorize') return send(response, 404, 'text/plain', 'not found');
    if (site.authorizeMode === 'wait') return send(response, 200, 'text/html', authorizePage);
    const back = new URL(url.searchParams.get('redirect_uri') ?? `${site.app}/cb`);
    if (site.authorizeMode === 'code') back.searchParams.set('code', 'bench-code');
    else back.searchParams.set('error', 'access_denied');
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    response.writeHead(302, { location: back.href, 'cache-control': 'no-store' }).end();
  };

  const app = (request: IncomingMessage, url: URL, response: ServerResponse) => {
    const { pathname } = url;
    if (pathname === '/exchange') {
      request.resume();
      return send(response, 200, 'application/json', '{"connected":true}');
    }
    if (pages[pathname]) return send(response, 200, 'text/html', pages[pathname]);
    try {
      if (pathname.startsWith('/dist/') || pathname.startsWith('/page/')) {
        const folder = pathname.startsWith('/dist/') ? 'dist' : 'test/bench/page';
        const file = resolve(root, folder, pathname.split('/').pop()!);
        return send(response, 200, 'text/javascript', readFileSync(file));
      }
      const anchor = /^\/anchor\/(\w+)\.js$/.exec(pathname);
      if (anchor && anchorScripts[anchor[1]]) return send(response, 200, 'text/javascript', anchorScripts[anchor[1]]!);
    } catch {
      // a missing file is a 404 below; the section that needed it reports what did not happen
    }
    if (pathname.endsWith('.js')) missing.push(pathname);
    send(response, 404, 'text/plain', 'not found');
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    if (url.hostname === 'localhost') provider(url, response);
    else app(request, url, response);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  site.app = `http://127.0.0.1:${port}`;
  site.provider = `http://localhost:${port}`;
  pages = { ...popupPages(site), ...renderPages(site), ...leakPages(site), ...callbackPages };
  site.close = () =>
    new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return site;
}
