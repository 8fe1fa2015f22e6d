import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  origin: string;
  host: string;
  close(): Promise<void>;
}

/** An http server on 127.0.0.1 and a free port, closed with every connection it holds. */
export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listening> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawAnswer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A request with nothing normalised (any method, any Host), for hostile-input tests. */
export function rawRequest(
  origin: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawAnswer> {
  const url = new URL(options.path ?? '/', origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: options.method ?? 'POST',
        headers: options.headers,
        setHost: !options.headers?.Host,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A token endpoint that redeems any code once and counts every call (by grant). */
export async function fakeTokenEndpoint(options: { delayMs?: number; hang?: boolean; answerBytes?: number } = {}) {
  const calls: URLSearchParams[] = [];
  const hanging = new Set<ServerResponse>();
  const server = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      calls.push(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      if (options.hang) return void hanging.add(res);
      const answer = () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        if (options.answerBytes) {
          // A token response too large to be honest: streamed until the client gives up.
          res.write(`{"access_token":"${'a'.repeat(64)}","token_type":"Bearer","padding":"`);
          const chunk = 'x'.repeat(64 * 1024);
          let sent = 0;
          const pump = () => {
            while (sent < options.answerBytes! && res.write(chunk)) sent += chunk.length;
            if (sent < options.answerBytes!) res.once('drain', pump);
            else res.end('"}');
          };
          res.on('error', () => undefined);
          return pump();
        }
        res.end(JSON.stringify({ access_token: `at-${calls.length}`, token_type: 'Bearer', expires_in: 3600 }));
      };
      if (options.delayMs) setTimeout(answer, options.delayMs);
      else answer();
    });
  });
  return { ...server, calls };
}
