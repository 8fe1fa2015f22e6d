import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One token request the app made, and the authorization server's answer to it. */
export interface TokenRequest {
  code: string | null;
  status: number;
  body: Record<string, unknown>;
}

export interface TokenRecorder {
  /** Stands in for the token endpoint: what the app under test is configured with. */
  url: string;
  /** Every token request that passed through, in order. */
  requests: TokenRequest[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * A pass-through in front of a real token endpoint on 127.0.0.1: forwards each request unchanged and keeps it with
 * the answer, so a test can tell what the app redeemed, and that an attack redeemed nothing.
 */
export async function startTokenRecorder(tokenEndpoint: string): Promise<TokenRecorder> {
  const requests: TokenRequest[] = [];
  const server = createServer((req, res) =>
    forward(req).then(
      ({ status, contentType, text }) => res.writeHead(status, { 'Content-Type': contentType }).end(text),
      () => res.writeHead(502).end(),
    ),
  );
  async function forward(req: IncomingMessage) {
    const form = await readBody(req);
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const answer = await fetch(tokenEndpoint, { method: req.method, headers, body: form, redirect: 'manual' });
    const text = await answer.text();
    requests.push({ code: new URLSearchParams(form).get('code'), status: answer.status, body: parseJson(text) });
    return { status: answer.status, contentType: answer.headers.get('content-type') ?? 'application/json', text };
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
