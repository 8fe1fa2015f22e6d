import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { StoreUnavailableError, type ProviderSettings } from '../../src/server.js';
import { startApp, startFlow, type TestApp } from './harness/app-harness.js';
import { fakeTokenEndpoint, rawRequest } from './harness/http-harness.js';

const escaped: unknown[] = [];
const onEscape = (reason: unknown) => escaped.push(reason);
process.on('unhandledRejection', onEscape);
process.on('uncaughtException', onEscape);
afterAll(() => {
  process.off('unhandledRejection', onEscape);
  process.off('uncaughtException', onEscape);
});

let tokens: Awaited<ReturnType<typeof fakeTokenEndpoint>>;
let app: TestApp;
const errors: unknown[] = [];
let onTokens: () => unknown = () => ({ connected: true });

function provider(): ProviderSettings {
  return {
    authorizeEndpoint: `${tokens.origin}/authorize`,
    tokenEndpoint: `${tokens.origin}/token`,
    clientId: 'client',
    clientSecret: 'secret',
    style: 'client_secret_post',
    redirectUri: 'http://127.0.0.1/callback',
  };
}

beforeAll(async () => {
  tokens = await fakeTokenEndpoint();
  app = await startApp({
    providers: { Test: provider() },
    onTokens: () => onTokens(),
    onError: (error) => errors.push(error),
  });
});
afterAll(async () => Promise.all([app.close(), tokens.close()]));
afterEach(() => {
  // After every hostile request the process is alive and still serves a well-formed one.
  expect(escaped).toEqual([]);
});

const exchangeBody = (state: string, extra: Record<string, string> = {}) => ({
  code: 'a-code',
  state,
  redirect_uri: 'http://127.0.0.1/callback',
  ...extra,
});

describe('requests a Fetch Request cannot carry are answered, never thrown', () => {
  test('TRACE is 405 JSON, with Allow: POST', async () => {
    const answer = await rawRequest(app.origin, { method: 'TRACE', path: '/start' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('POST');
    expect(JSON.parse(answer.body).error).toBe('invalid_request');
  });

  test("TRACK and CONNECT are stopped by Node's own parser before the handler; the server goes on", async () => {
    expect((await rawRequest(app.origin, { method: 'TRACK', path: '/start' })).status).toBe(400);
    await expect(rawRequest(app.origin, { method: 'CONNECT', path: '/start' })).rejects.toThrow();
    expect((await app.post('/start', { provider: 'Test' })).status).toBe(200);
  });

  test('a Host header with a space, or with a path, is 400 JSON', async () => {
    for (const host of ['bad host', 'evil.example/path', 'a@b']) {
      const answer = await rawRequest(app.origin, {
        path: '/start',
        headers: { Host: host, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(answer.status, host).toBe(400);
      expect(JSON.parse(answer.body).error_description).toBe('the Host header is not a valid host');
    }
  });

  test('a GET, a form post and a non-JSON body are 405, 415 and 400', async () => {
    expect((await rawRequest(app.origin, { method: 'GET', path: '/start' })).status).toBe(405);
    expect(
      (await app.post('/start', 'provider=Test', [], { 'Content-Type': 'application/x-www-form-urlencoded' })).status,
    ).toBe(415);
    expect((await app.post('/start', '{not json')).status).toBe(400);
    expect((await app.post('/start', '[1,2]')).status).toBe(400);
  });
});

describe('bodies are limited before they are buffered', () => {
  test('a declared 600 MiB body is refused with 413 before any of it is read', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(app.origin).port), '127.0.0.1', () => {
        socket.write(
          `POST /start HTTP/1.1\r\nHost: ${app.host}\r\nContent-Type: application/json\r\nContent-Length: ${600 * 1024 * 1024}\r\n\r\n{`,
        );
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('the body is larger than 16384 bytes');
  });

  test('a 64 MiB chunked body is cut off at the limit: the heap does not grow with it', async () => {
    const before = process.memoryUsage().heapUsed;
    let written = 0;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(app.origin).port), '127.0.0.1', () => {
        socket.write(
          `POST /exchange HTTP/1.1\r\nHost: ${app.host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
        );
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        const pump = () => {
          while (written < 64 && !socket.destroyed) {
            written++;
            if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) return void socket.once('drain', pump);
          }
          if (!socket.destroyed) socket.end('0\r\n\r\n');
        };
        pump();
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
      setTimeout(() => reject(new Error('no answer')), 20_000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(32 * 1024 * 1024);
  });
});

describe('values are checked before they are used, remembered, or put in a header', () => {
  for (const [what, state] of [
    ['CR/LF', 'abcdefgh\r\nSet-Cookie: evil=1'],
    ['a character above U+00FF', 'abcdefghā'],
    ['a semicolon', 'abcdefgh;path=/'],
    ['4 KiB', 'a'.repeat(4096)],
  ]) {
    test(`an exchange whose state holds ${what} is 400, and nothing is redeemed`, async () => {
      const calls = tokens.calls.length;
      const answer = await app.post('/exchange', exchangeBody(state!));
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).error_description).toMatch(/^"state" must be/);
      expect(answer.headers['set-cookie']).toBeUndefined();
      expect(tokens.calls.length).toBe(calls);
    });
  }

  test('a code_verifier outside RFC 7636, or a code with a newline, is 400 naming the field', async () => {
    const flow = await startFlow(app);
    const bad = await app.post('/exchange', exchangeBody(flow.state, { code_verifier: 'short' }), flow.cookies);
    expect(JSON.parse(bad.body).error_description).toMatch(/^"code_verifier" must be/);
    const newline = await app.post('/exchange', exchangeBody(flow.state, { code: 'a\nb' }), flow.cookies);
    expect(JSON.parse(newline.body).error_description).toMatch(/^"code" must be/);
  });
});

describe('a throwing hook or store is an answer, not a crash', () => {
  test('onTokens throwing is 500 JSON without its message; onError sees it', async () => {
    onTokens = () => {
      throw new Error('database password is hunter2');
    };
    try {
      const flow = await startFlow(app);
      const answer = await app.post('/exchange', exchangeBody(flow.state, { code: 'code-onTokens' }), flow.cookies);
      expect(answer.status).toBe(500);
      expect(JSON.parse(answer.body)).toEqual({
        error: 'server_error',
        error_description: 'the server failed to handle this request',
      });
      expect(answer.body).not.toContain('hunter2');
      expect(errors.some((error) => (error as Error).message === 'database password is hunter2')).toBe(true);
    } finally {
      onTokens = () => ({ connected: true });
    }
  });

  test('authorize throwing is 500; a store that is down is 503 temporarily_unavailable', async () => {
    const throwing = await startApp({
      providers: { Test: provider() },
      onTokens: () => ({}),
      authorize: () => {
        throw new Error('session store exploded');
      },
    });
    const down = await startApp({
      providers: { Test: provider() },
      onTokens: () => ({}),
      store: {
        set: () => Promise.reject(new StoreUnavailableError('Redis: connection refused')),
        take: () => Promise.reject(new StoreUnavailableError('Redis: connection refused')),
      },
      usedStore: { claim: () => Promise.reject(new StoreUnavailableError('Redis: connection refused')) },
    });
    try {
      expect((await throwing.post('/start', { provider: 'Test' })).status).toBe(500);
      const start = await down.post('/start', { provider: 'Test' });
      expect(start.status).toBe(503);
      expect(JSON.parse(start.body).error).toBe('temporarily_unavailable');
      const exchange = await down.post('/exchange', exchangeBody('a-browser-state'));
      expect([400, 503]).toContain(exchange.status);
    } finally {
      await Promise.all([throwing.close(), down.close()]);
    }
  });
});
