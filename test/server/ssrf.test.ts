import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClientRegistry, type ProviderEntry } from '../../src/server.js';
import { startApp, type TestApp } from './harness/app-harness.js';
import { listen, type Listening } from './harness/http-harness.js';

/** An internal service the app server can reach and the outside world cannot; it counts every request. */
let internal: Listening & { seen: string[] };
let closedPort: string;

async function internalService() {
  const seen: string[] = [];
  const server = await listen((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end('internal admin console: db password hunter2');
  });
  return { ...server, seen };
}

function gancioEntry(registry: ReturnType<typeof createClientRegistry>): ProviderEntry {
  return async (instance) => {
    const client = await registry.client(instance);
    return {
      ...client,
      authorizeEndpoint: `${instance}/oauth/authorize`,
      tokenEndpoint: `${instance}/oauth/token`,
      redirectUri: 'https://app.example/cb',
    };
  };
}

let app: TestApp;
beforeAll(async () => {
  internal = await internalService();
  const closed = await listen(() => undefined);
  closedPort = new URL(closed.origin).port;
  await closed.close();
  const registry = createClientRegistry({
    style: 'gancio',
    metadata: { clientName: 'App', redirectUri: 'https://app.example/cb' },
    outbound: { timeoutMs: 1500 },
  });
  app = await startApp({ providers: { Gancio: gancioEntry(registry) }, onTokens: () => ({}) });
});
afterAll(async () => Promise.all([app.close(), internal.close()]));

const start = (instance: string) => app.post('/start', { provider: 'Gancio', instance });

describe('the typed instance cannot reach inside the network', () => {
  const port = () => new URL(internal.origin).port;
  const spellings = () => [
    `http://127.0.0.1:${port()}`,
    `https://127.0.0.1:${port()}`,
    `https://2130706433:${port()}`,
    `https://0x7f.1:${port()}`,
    `https://127.1:${port()}`,
    `https://017700000001:${port()}`,
    `https://[::1]:${port()}`,
    `https://[::ffff:127.0.0.1]:${port()}`,
    `https://[::ffff:7f00:1]:${port()}`,
    `https://localhost:${port()}`,
    'https://169.254.169.254',
    'https://10.0.0.1',
    'https://192.168.1.1',
    'https://100.64.0.1',
    'https://[fd00::1]',
  ];

  test('every numeric, IPv6 and name spelling of an internal address is refused before a connection is made', async () => {
    for (const instance of spellings()) {
      const answer = await start(instance);
      expect(answer.status, instance).toBe(400);
      expect(JSON.parse(answer.body).error, instance).toBe('invalid_request');
      expect(answer.headers['set-cookie'], instance).toBeUndefined();
    }
    expect(internal.seen).toEqual([]);
  });

  test("the answer is no oracle: a refused address never echoes the internal service's text", async () => {
    for (const instance of spellings()) expect((await start(instance)).body).not.toContain('hunter2');
  });
});

describe('an allowed instance that misbehaves', () => {
  let trusted: TestApp;
  let rogue: Listening & { seen: string[] };
  let elsewhere: Listening & { seen: string[] };

  beforeAll(async () => {
    elsewhere = await internalService();
    // An instance whose metadata names an issuer and a registration endpoint that are not its own.
    const seen: string[] = [];
    const server = await listen((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const origin = `http://${req.headers.host}`;
      if (req.url === '/.well-known/oauth-authorization-server') {
        return void res.end(JSON.stringify({ issuer: origin, registration_endpoint: `${elsewhere.origin}/register` }));
      }
      res.end(JSON.stringify({ issuer: 'https://someone-else.example' }));
    });
    rogue = { ...server, seen };
    const outbound = { allowHosts: [rogue.host], timeoutMs: 1500 };
    const registry = createClientRegistry({
      style: 'rfc7591',
      metadata: { clientName: 'App', redirectUri: 'https://app.example/cb' },
      outbound,
    });
    trusted = await startApp({ providers: { Gancio: gancioEntry(registry) }, outbound, onTokens: () => ({}) });
  });
  afterAll(async () => Promise.all([trusted.close(), rogue.close(), elsewhere.close()]));

  test('metadata naming another issuer than the instance is refused, and its registration_endpoint never called', async () => {
    const seen: string[] = [];
    const impostor = await listen((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          issuer: 'https://honest.example',
          registration_endpoint: `http://${req.headers.host}/register`,
        }),
      );
    });
    const outbound = { allowHosts: [impostor.host], timeoutMs: 1500 };
    const registry = createClientRegistry({
      style: 'rfc7591',
      metadata: { clientName: 'App', redirectUri: 'https://app.example/cb' },
      outbound,
    });
    const app = await startApp({ providers: { Gancio: gancioEntry(registry) }, outbound, onTokens: () => ({}) });
    try {
      const answer = await app.post('/start', { provider: 'Gancio', instance: impostor.origin });
      expect(answer.status).toBe(502);
      expect(seen.some((line) => line.startsWith('GET /.well-known/'))).toBe(true);
      expect(seen.filter((line) => line.startsWith('POST'))).toEqual([]);
    } finally {
      await Promise.all([app.close(), impostor.close()]);
    }
  });

  test('a registration_endpoint on another origin is never called (RFC 8414 section 3.3 metadata pinning)', async () => {
    const answer = await trusted.post('/start', { provider: 'Gancio', instance: rogue.origin });
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toEqual({
      error: 'temporarily_unavailable',
      error_description: `the instance ${rogue.origin} could not be set up`,
    });
    expect(elsewhere.seen).toEqual([]);
  });

  test('even for trusted hosts, a closed port and a port answering an error page give one answer with no remote text', async () => {
    const closedHost = `127.0.0.1:${closedPort}`;
    const outbound = { allowHosts: [internal.host, closedHost], timeoutMs: 1500 };
    const registry = createClientRegistry({
      style: 'gancio',
      metadata: { clientName: 'App', redirectUri: 'https://app.example/cb' },
      outbound,
    });
    const probe = await startApp({ providers: { Gancio: gancioEntry(registry) }, outbound, onTokens: () => ({}) });
    try {
      const open = await probe.post('/start', { provider: 'Gancio', instance: internal.origin });
      const closed = await probe.post('/start', { provider: 'Gancio', instance: `http://${closedHost}` });
      expect(internal.seen).toEqual(['POST /api/client']);
      const shape = (answer: typeof open, instance: string) => ({
        status: answer.status,
        body: JSON.parse(answer.body.replace(instance, 'INSTANCE')),
      });
      expect(shape(open, internal.origin)).toEqual(shape(closed, `http://${closedHost}`));
      expect(open.body).not.toContain('hunter2');
    } finally {
      await probe.close();
    }
  });
});
