import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface RunningServer {
  origin: string;
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
        server.closeAllConnections();
        server.close(() => resolve());
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
    return Object.fromEntries(Object.entries(json).map(([name, value]) => [name, Array.isArray(value) ? value.join(' ') : String(value)]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

/** Signed-in users by session cookie; each emulator keeps its own. */
export function createSessions(cookieName: string) {
  const sessions = new Map<string, string>();
  return {
    user(req: IncomingMessage): string | undefined {
      const sid = req.headers.cookie?.split(';').map((pair) => pair.trim().split('=')).find(([name]) => name === cookieName)?.[1];
      return sid ? sessions.get(sid) : undefined;
    },
    signIn(res: ServerResponse, userId: string): void {
      const sid = randomBytes(18).toString('hex');
      sessions.set(sid, userId);
      res.setHeader('Set-Cookie', `${cookieName}=${sid}; Path=/; HttpOnly; SameSite=Lax`);
    },
  };
}
