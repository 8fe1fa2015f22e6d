import type { IncomingMessage, ServerResponse } from 'node:http';

export type FetchHandler = (request: Request) => Promise<Response>;

/** Express and Connect add these; a body parser that ran first leaves the parsed body in `body`. */
type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

async function readNodeBody(req: NodeRequest): Promise<BodyInit | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  if (req.body !== undefined) {
    if (typeof req.body === 'string') return req.body;
    if (Buffer.isBuffer(req.body)) return new Uint8Array(req.body);
    // A JSON or urlencoded parser already consumed the stream: send its result on as JSON.
    return JSON.stringify(req.body);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Mounts a Fetch-standard handler in Node's `http` server, or as Express/Connect middleware:
 * `server.on('request', toNodeListener(handler))`, `app.post('/oauth/start', toNodeListener(start))`.
 * (Hono and other Fetch-based routers take the handler itself: `app.post('/oauth/start', (c) => start(c.req.raw))`.)
 */
export function toNodeListener(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req: NodeRequest, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(req.originalUrl ?? req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const response = await handler(new Request(url, { method: req.method, headers, body: await readNodeBody(req) }));
    res.statusCode = response.status;
    const cookies = response.headers.getSetCookie();
    response.headers.forEach((value, name) => name !== 'set-cookie' && res.setHeader(name, value));
    if (cookies.length) res.setHeader('Set-Cookie', cookies);
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}
