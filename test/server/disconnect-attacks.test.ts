import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  createDisconnectHandler,
  jsonError,
  toNodeListener,
  type DisconnectHandlerOptions,
  type HeldTokens,
  type ProviderSettings,
} from '../../src/server.js';
import { SECRET } from './harness/app-harness.js';
import { listen, rawRequest, type Listening } from './harness/http-harness.js';

/** A server that counts every request: a revocation endpoint, or an internal service nobody outside may reach. */
async function counting(metadata?: (origin: string) => object) {
  const seen: string[] = [];
  let origin = '';
  const server = await listen((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/json');
      if (metadata && req.url === '/.well-known/openid-configuration')
        return void res.end(JSON.stringify(metadata(origin)));
      seen.push(`${req.method} ${req.url}`);
      res.end('{}');
    });
  });
  origin = server.origin;
  return { ...server, seen };
}

const escaped: unknown[] = [];
const onEscape = (reason: unknown) => escaped.push(reason);

let revocation: Awaited<ReturnType<typeof counting>>;
let internal: Awaited<ReturnType<typeof counting>>;
/** An instance a user typed once, trusted here as if it were public; its metadata is set per test. */
let instance: Awaited<ReturnType<typeof counting>>;
/** Another one, whose metadata sends its revocation_endpoint inside the network. */
let rogue: Awaited<ReturnType<typeof counting>>;
let app: Listening;
const loads: unknown[] = [];
const forgets: unknown[] = [];
const errors: unknown[] = [];
let held: HeldTokens = {};
let hooks: Partial<Pick<DisconnectHandlerOptions, 'loadTokens' | 'forgetTokens'>> = {};

const settings = (origin: string): ProviderSettings => ({
  authorizeEndpoint: `${origin}/authorize`,
  tokenEndpoint: `${origin}/token`,
  clientId: 'app',
  clientSecret: 'app-secret',
  redirectUri: 'https://app.example/cb',
});

beforeAll(async () => {
  process.on('unhandledRejection', onEscape);
  process.on('uncaughtException', onEscape);
  revocation = await counting();
  internal = await counting();
  instance = await counting((origin) => ({
    issuer: origin,
    authorization_endpoint: `${origin}/oauth/authorize`,
    token_endpoint: `${origin}/oauth/token`,
    revocation_endpoint: `${origin}/oauth/revoke`,
  }));
  rogue = await counting((origin) => ({
    issuer: origin,
    authorization_endpoint: `${origin}/oauth/authorize`,
    token_endpoint: `${origin}/oauth/token`,
    revocation_endpoint: `${internal.origin}/admin`,
  }));
  const test: ProviderSettings & { revocationEndpoint: string } = {
    ...settings(revocation.origin),
    revocationEndpoint: `${revocation.origin}/revoke`,
  };
  const handler = createDisconnectHandler({
    secret: SECRET,
    providers: {
      Test: test,
      Instances: (origin) => ({ ...settings(origin), issuer: origin, discovery: true }),
    },
    outbound: { timeoutMs: 1000, allowHosts: [instance.host, rogue.host] },
    authorize: (request) =>
      request.headers.get('x-csrf-token') === 'csrf'
        ? undefined
        : jsonError(403, 'invalid_request', 'wrong CSRF token'),
    onError: (error) => errors.push(error),
    async loadTokens(context) {
      loads.push(context);
      return hooks.loadTokens ? hooks.loadTokens(context) : held;
    },
    async forgetTokens(result) {
      forgets.push(result);
      return hooks.forgetTokens?.(result);
    },
  });
  const listener = toNodeListener(handler);
  app = await listen((req, res) => void listener(req, res));
});
afterAll(async () => {
  process.off('unhandledRejection', onEscape);
  process.off('uncaughtException', onEscape);
  await Promise.all([app, revocation, internal, instance, rogue].map((server) => server.close()));
});
beforeEach(() => {
  held = { access_token: 'at-1', refresh_token: 'rt-1' };
  hooks = {};
  for (const list of [loads, forgets, errors, revocation.seen, internal.seen, instance.seen, rogue.seen])
    list.length = 0;
});
afterEach(() => expect(escaped).toEqual([]));

const JSON_TYPE = { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': 'csrf' };

function send(body: unknown, options: { method?: string; headers?: Record<string, string> } = {}) {
  return rawRequest(app.origin, {
    method: options.method ?? 'POST',
    path: '/disconnect',
    headers: options.headers ?? JSON_TYPE,
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
}

/** Refused with `status`, one JSON error shape, and nothing loaded, revoked or forgotten. */
async function expectRefused(answer: Awaited<ReturnType<typeof send>>, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toBe('application/json');
  expect(Object.keys(JSON.parse(answer.body))).toEqual(['error', 'error_description']);
  expect({ loads, forgets, revoked: revocation.seen, internal: internal.seen }).toEqual({
    loads: [],
    forgets: [],
    revoked: [],
    internal: [],
  });
}

test('a control: a well-formed request revokes at the configured endpoint and forgets', async () => {
  expect((await send({ provider: 'Test' })).status).toBe(200);
  expect(revocation.seen).toEqual(['POST /revoke', 'POST /revoke']);
  expect(forgets).toHaveLength(1);
});

describe('hostile requests are refused before anything is loaded, revoked or forgotten', () => {
  test('GET and TRACE: 405 with Allow: POST', async () => {
    for (const method of ['GET', 'TRACE']) {
      const answer = await send('', { method });
      await expectRefused(answer, 405);
      expect(answer.headers.allow).toBe('POST');
    }
  });

  test('a cross-site form post (text/plain, form-encoded, no CSRF header): 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      await expectRefused(await send('{"provider":"Test"}', { headers: { 'Content-Type': type } }), 415);
    }
  });

  test('JSON without the CSRF token, or with a wrong one: refused by `authorize`, as the exchange is', async () => {
    const json = { 'Content-Type': 'application/json' };
    await expectRefused(await send({ provider: 'Test' }, { headers: json }), 403);
    await expectRefused(await send({ provider: 'Test' }, { headers: { ...json, 'X-CSRF-TOKEN': 'guess' } }), 403);
  });

  test('bad JSON, a JSON array, invalid UTF-8: 400', async () => {
    for (const body of ['{"provider":', '["Test"]', 'null', Buffer.from([0x7b, 0xff, 0x7d])]) {
      await expectRefused(await send(body), 400);
    }
  });

  test('a body over 16 KiB, declared or streamed: 413', async () => {
    const big = JSON.stringify({ provider: 'Test', account: 'x'.repeat(600 * 1024) });
    await expectRefused(await send(big), 413);
    await expectRefused(await send(big, { headers: { ...JSON_TYPE, 'Transfer-Encoding': 'chunked' } }), 413);
  });

  test('an unknown provider, or one named after an Object property: 400', async () => {
    for (const provider of ['Nope', '__proto__', 'constructor', 'toString']) {
      await expectRefused(await send({ provider }), 400);
    }
  });

  test('a provider or account of the wrong shape: 400 naming the field', async () => {
    const bodies = [
      { provider: 'Test\r\nX-Injected: 1' },
      { provider: 42 },
      { provider: 'Test', account: { id: 1 } },
      { provider: 'Test', account: 'a'.repeat(201) },
      { provider: 'Test', account: 'dana\u0000@demo.test' },
      {},
    ];
    for (const body of bodies) {
      const answer = await send(body);
      await expectRefused(answer, 400);
      expect(JSON.parse(answer.body).error_description).toMatch(/"(provider|account)"/);
    }
  });
});

describe('the revocation endpoint never comes from the request (SSRF)', () => {
  test('endpoints, tokens and an instance named in the body are ignored', async () => {
    const body = {
      provider: 'Test',
      revocation_endpoint: `${internal.origin}/admin`,
      revocationEndpoint: `${internal.origin}/admin`,
      issuer: internal.origin,
      instance: internal.origin,
      token: 'chosen-by-the-page',
    };
    expect((await send(body)).status).toBe(200);
    expect(revocation.seen).toEqual(['POST /revoke', 'POST /revoke']);
    expect(internal.seen).toEqual([]);
  });

  test("a per-instance provider: the instance's own revocation_endpoint, through the guard", async () => {
    held = { access_token: 'at-i', instance: instance.origin };
    expect((await send({ provider: 'Instances' })).status).toBe(200);
    expect(instance.seen).toEqual(['POST /oauth/revoke']);
  });

  test('metadata naming a revocation_endpoint inside the network: 502, nothing sent or forgotten', async () => {
    held = { access_token: 'at-i', instance: rogue.origin };
    const answer = await send({ provider: 'Instances' });
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body).error_description).toMatch(/Nothing was disconnected/);
    expect(answer.body).not.toContain(internal.origin);
    expect({ internal: internal.seen, rogue: rogue.seen, forgets }).toEqual({
      internal: [],
      rogue: [],
      forgets: [],
    });
  });

  test('tokens kept for an instance on an internal address: refused by the guard before any connection', async () => {
    for (const origin of [internal.origin, `https://127.0.0.1:${new URL(internal.origin).port}`, 'https://10.0.0.1']) {
      held = { access_token: 'at-i', instance: origin };
      const answer = await send({ provider: 'Instances' });
      expect(answer.status, origin).toBe(400);
    }
    expect({ internal: internal.seen, forgets }).toEqual({ internal: [], forgets: [] });
  });
});

describe('failing hooks are answered, never crash', () => {
  test('a throwing loadTokens: 500 server_error without its message; onError gets it; nothing revoked', async () => {
    hooks.loadTokens = () => {
      throw new Error('session store: password hunter2');
    };
    const answer = await send({ provider: 'Test' });
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body).error).toBe('server_error');
    expect(answer.body).not.toContain('hunter2');
    expect(errors).toHaveLength(1);
    expect(revocation.seen).toEqual([]);
  });

  test('a throwing forgetTokens after the revocation: 500; the next request is served', async () => {
    hooks.forgetTokens = async () => Promise.reject(new Error('db down'));
    expect((await send({ provider: 'Test' })).status).toBe(500);
    hooks = {};
    expect((await send({ provider: 'Test' })).status).toBe(200);
  });

  test('a per-instance provider whose loadTokens leaves out the instance: 500 naming it; nothing revoked', async () => {
    const answer = await send({ provider: 'Instances' });
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body).error_description).toContain('"instance"');
    expect({ instance: instance.seen, forgets }).toEqual({ instance: [], forgets: [] });
  });
});
