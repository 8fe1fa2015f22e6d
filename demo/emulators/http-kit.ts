import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface RunningServer {
  origin: string;
  /** Stops listening and ends every connection, also requests the server never answers. */
  close(): Promise<void>;
}

/** An http server on 127.0.0.1 (port 0 picks a free one). */
export async function listen(handler: Handler, port = 0): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    Promise.resolve(handler(req, res, url)).catch((error: Error) => {
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: error.message });
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A form body (or JSON, which some clients send to the same endpoints) as plain string fields. */
export async function readFields(req: IncomingMessage): Promise<Record<string, string>> {
  const text = await readBody(req);
  if (req.headers['content-type']?.startsWith('application/json')) {
    const json = JSON.parse(text || '{}') as Record<string, unknown>;
    const asText = (value: unknown) => (Array.isArray(value) ? value.join(' ') : String(value));
    return Object.fromEntries(Object.entries(json).map(([name, value]) => [name, asText(value)]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** The user and password of an HTTP Basic Authorization header, taken as sent (as PHP's PHP_AUTH_USER is). */
export function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const encoded = req.headers.authorization?.match(/^Basic\s+(\S+)$/i)?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

type HeaderFields = Record<string, string>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: HeaderFields = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: HeaderFields = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

/** One browser's session at an emulated provider: who signed in, and what the provider keeps between pages. */
export interface Session {
  userId?: string;
  data: Map<string, unknown>;
}

/** Sessions by cookie; each emulator keeps its own. */
export function createSessions(cookieName: string) {
  const sessions = new Map<string, Session>();
  const idOf = (req: IncomingMessage) =>
    req.headers.cookie
      ?.split(';')
      .map((pair) => pair.trim().split('='))
      .find(([name]) => name === cookieName)?.[1];
  return {
    /** The request's session, if its cookie names one. */
    find(req: IncomingMessage): Session | undefined {
      const sid = idOf(req);
      return sid ? sessions.get(sid) : undefined;
    },
    /** The request's session, started (and its cookie set on `res`) when it has none. */
    open(req: IncomingMessage, res: ServerResponse): Session {
      const found = this.find(req);
      if (found) return found;
      const sid = randomBytes(18).toString('hex');
      const session: Session = { data: new Map() };
      sessions.set(sid, session);
      res.setHeader('Set-Cookie', `${cookieName}=${sid}; Path=/; HttpOnly; SameSite=Lax`);
      return session;
    },
    user(req: IncomingMessage): string | undefined {
      return this.find(req)?.userId;
    },
    signIn(req: IncomingMessage, res: ServerResponse, userId: string): void {
      this.open(req, res).userId = userId;
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
