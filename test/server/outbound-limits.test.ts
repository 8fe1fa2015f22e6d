import type { ServerResponse } from 'node:http';
import * as oauth from 'oauth4webapi';
import { afterEach, describe, expect, test } from 'vitest';
import { createOutboundFetch, OutboundRequestError } from '../../src/server/outbound/index.js';
import type { OutboundFetchOptions } from '../../src/server/outbound/index.js';
import { closedPort, socketClosed, startHttpServer, startTcpServer, stopAllServers } from './outbound-servers.js';

afterEach(stopAllServers);

/** Writes `size` bytes (without Content-Length) as fast as the client takes them, then ends. */
function streamAnswer(response: ServerResponse, size: number): void {
  const chunk = Buffer.alloc(16 * 1024, 'a');
  let written = 0;
  const pump = () => {
    while (written < size && !response.destroyed) {
      written += chunk.length;
      if (!response.write(chunk)) return;
    }
    if (written >= size) response.end();
  };
  response.on('drain', pump);
  pump();
}

async function failure(promise: Promise<unknown>): Promise<OutboundRequestError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(OutboundRequestError);
  expect(error).toMatchObject({ status: 502, code: 'temporarily_unavailable' });
  return error as OutboundRequestError;
}

const modes: [string, OutboundFetchOptions][] = [
  ['guarded, 127.0.0.1 allowed', { guard: true, allowHosts: ['127.0.0.1'] }],
  ['unguarded', { guard: false }],
];

describe.each(modes)('an outbound request (%s)', (_mode, mode) => {
  test('gives a real Response with the status, headers and body bytes', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(201, { 'Content-Type': 'application/json', 'X-Answer': 'yes' }).end('{"ok":true}');
    });
    const response = await createOutboundFetch(mode)(`${server.origin}/resource?x=1`);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(201);
    expect(response.headers.get('x-answer')).toBe('yes');
    expect(await response.json()).toEqual({ ok: true });
    expect(server.requests[0].url).toBe('/resource?x=1');
  });

  test('POSTs a URLSearchParams body the way oauth4webapi calls it, and a string body', async () => {
    const server = await startHttpServer(async (request, response) => {
      let body = '';
      for await (const chunk of request) body += chunk;
      const { authorization, 'content-type': contentType } = request.headers;
      response.end(JSON.stringify({ method: request.method, authorization, contentType, body }));
    });
    const outboundFetch = createOutboundFetch(mode);
    const headers = new Headers({ Authorization: 'Basic Y2xpZW50OnNlY3JldA==', Accept: 'application/json' });
    const form = new URLSearchParams({ grant_type: 'authorization_code', code: 'a b' });
    const signal = new AbortController().signal;
    const init = { method: 'POST', headers, body: form, redirect: 'manual', signal } as const;
    const sent = await outboundFetch(`${server.origin}/token`, init);
    expect(await sent.json()).toEqual({
      method: 'POST',
      authorization: 'Basic Y2xpZW50OnNlY3JldA==',
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
      body: 'grant_type=authorization_code&code=a+b',
    });
    const json = await outboundFetch(`${server.origin}/register`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(await json.json()).toMatchObject({ contentType: 'application/json', body: '{"a":1}' });
  });

  test('serves oauth4webapi discovery through customFetch', async () => {
    const server = await startHttpServer((_request, response) => {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ issuer: server.origin, token_endpoint: `${server.origin}/token` }));
    });
    const issuer = new URL(server.origin);
    const options = { [oauth.customFetch]: createOutboundFetch(mode), [oauth.allowInsecureRequests]: true };
    const metadata = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, options));
    expect(metadata.token_endpoint).toBe(`${server.origin}/token`);
  });

  test('refuses a redirect and never requests its target', async () => {
    const target = await startHttpServer((_request, response) => response.end('target'));
    const server = await startHttpServer((_request, response) => {
      response.writeHead(302, 'SECRET-REASON', { Location: `${target.origin}/internal` }).end('SECRET-BODY');
    });
    const error = await failure(createOutboundFetch(mode)(`${server.origin}/`, { redirect: 'follow' }));
    expect(error.message).toBe(`"${server.origin}" could not be reached`);
    expect(target.connections).toHaveLength(0);
  });

  test('abandons a server that never answers within the timeout', async () => {
    const server = await startTcpServer(() => undefined);
    const started = performance.now();
    await failure(createOutboundFetch({ ...mode, timeoutMs: 300 })(`${server.origin}/`));
    expect(performance.now() - started).toBeLessThan(2_000);
    await socketClosed(server.connections[0]);
  });

  test('abandons a body that trickles in past the timeout', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      const drip = setInterval(() => response.write('.'), 20);
      response.on('close', () => clearInterval(drip));
    });
    const started = performance.now();
    await failure(createOutboundFetch({ ...mode, timeoutMs: 300 })(`${server.origin}/`));
    expect(performance.now() - started).toBeLessThan(2_000);
    await socketClosed(server.connections[0]);
  });

  test.each([
    ['a 5 MiB answer', 5 * 1024 * 1024],
    ['an endless answer', Infinity],
  ])('stops reading %s past maxResponseBytes, at once, and closes the connection', async (_name, size) => {
    const server = await startHttpServer((_request, response) => streamAnswer(response, size));
    const buffersBefore = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    const outboundFetch = createOutboundFetch({ ...mode, maxResponseBytes: 64 * 1024, timeoutMs: 20_000 });
    const error = await failure(outboundFetch(`${server.origin}/`));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(process.memoryUsage().arrayBuffers - buffersBefore).toBeLessThan(8 * 1024 * 1024);
    expect(String(error.cause)).toContain('larger than 65536 bytes');
    await socketClosed(server.connections[0]);
  });

  test('refuses an answer that declares more than maxResponseBytes before reading it', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(200, { 'Content-Length': String(5 * 1024 * 1024) });
      response.write(Buffer.alloc(1024));
    });
    const started = performance.now();
    const outboundFetch = createOutboundFetch({ ...mode, maxResponseBytes: 64 * 1024, timeoutMs: 5_000 });
    const error = await failure(outboundFetch(`${server.origin}/`));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(String(error.cause)).toContain('declares 5242880 bytes');
    await socketClosed(server.connections[0]);
  });

  test('fails with one message for a garbage answer, a closed port and a silent server', async () => {
    const outboundFetch = createOutboundFetch({ ...mode, timeoutMs: 300 });
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/`;
    const closed = await failure(outboundFetch(url));
    const garbage = await startTcpServer((socket) => socket.end('SSH-2.0-SECRET-BANNER\r\n\r\n'), port);
    const garbled = await failure(outboundFetch(url));
    await garbage.stop();
    await startTcpServer(() => undefined, port);
    const silent = await failure(outboundFetch(url));
    const messages = new Set([closed.message, garbled.message, silent.message]);
    expect(messages).toEqual(new Set([`"http://127.0.0.1:${port}" could not be reached`]));
  });

  test("stops when the caller aborts, with the caller's reason", async () => {
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    const server = await startHttpServer(() => arrived());
    const controller = new AbortController();
    const pending = createOutboundFetch(mode)(`${server.origin}/`, { signal: controller.signal });
    await requestArrived;
    controller.abort();
    await expect(pending).rejects.toBe(controller.signal.reason);
    await socketClosed(server.connections[0]);
  });

  test("does not connect when the caller's signal is already aborted", async () => {
    const server = await startHttpServer(() => undefined);
    const reason = new Error('gave up');
    const pending = createOutboundFetch(mode)(`${server.origin}/`, { signal: AbortSignal.abort(reason) });
    await expect(pending).rejects.toBe(reason);
    expect(server.connections).toHaveLength(0);
  });
});

test('twenty requests at once without a signal: no "possible EventTarget memory leak" warning', async () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  try {
    // Every request waits until all twenty are in flight, so their listeners, if any, are all there at once.
    const held: ServerResponse[] = [];
    const server = await startHttpServer((_request, response) => {
      held.push(response);
      if (held.length === 20) for (const each of held) each.end('ok');
    });
    const outboundFetch = createOutboundFetch({ guard: false });
    const responses = await Promise.all(Array.from({ length: 20 }, () => outboundFetch(`${server.origin}/`)));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    await new Promise((resolve) => setImmediate(resolve)); // Node emits its warnings on the next turn
    expect(warnings).toEqual([]);
  } finally {
    process.off('warning', onWarning);
  }
});

test('a host name that does not resolve fails with the same message shape, and no DNS detail', async () => {
  const resolve = async () => {
    throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example'), { code: 'ENOTFOUND' });
  };
  const error = await failure(createOutboundFetch({ guard: true, resolve })('https://nowhere.example/'));
  expect(error.message).toBe('"https://nowhere.example" could not be reached');
  expect(error.cause).toMatchObject({ code: 'ENOTFOUND' });
});
