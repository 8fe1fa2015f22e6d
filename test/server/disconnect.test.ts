import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  createDisconnectHandler,
  toNodeListener,
  type DisconnectHandlerOptions,
  type DisconnectResult,
  type HeldTokens,
  type ProviderSettings,
  type TokenSet,
} from '../../src/server.js';
import { SECRET } from './harness/app-harness.js';
import { listen, rawRequest, type Listening } from './harness/http-harness.js';

/** What a revocation endpoint (RFC 7009 section 2) received: the form and how the client authenticated. */
interface RevocationCall {
  path: string;
  form: URLSearchParams;
  authorization?: string;
}

type Answer = { status: number; body?: unknown } | 'hang' | 'drop';

/** A provider with a revocation endpoint at /revoke and OpenID metadata naming it; `answer` decides each reply. */
async function fakeProvider() {
  const calls: RevocationCall[] = [];
  const hanging = new Set<ServerResponse>();
  let answer: (form: URLSearchParams) => Answer = () => ({ status: 200 });
  let origin = '';
  const server = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/.well-known/openid-configuration') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const metadata = { issuer: origin, token_endpoint: `${origin}/token`, revocation_endpoint: `${origin}/revoke` };
        return void res.end(JSON.stringify({ authorization_endpoint: `${origin}/authorize`, ...metadata }));
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      calls.push({ path: req.url!, form, authorization: req.headers.authorization });
      const reply = answer(form);
      if (reply === 'hang') return void hanging.add(res);
      if (reply === 'drop') return void req.socket.destroy();
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  origin = server.origin;
  return {
    ...server,
    calls,
    answer: (next: typeof answer) => void (answer = next),
    /** The hint and token of each revocation request, in order. */
    revoked: () => calls.map(({ form }) => `${form.get('token_type_hint')}:${form.get('token')}`),
  };
}

let provider: Awaited<ReturnType<typeof fakeProvider>>;
let app: Listening;
/** Tokens held per session cookie, as an app keeps them. */
const held = new Map<string, HeldTokens>();
const loads: string[] = [];
const forgets: DisconnectResult[] = [];
const errors: unknown[] = [];
let hooks: Partial<DisconnectHandlerOptions> = {};

const settings = (extra: Partial<ProviderSettings> = {}): ProviderSettings => ({
  authorizeEndpoint: `${provider.origin}/authorize`,
  tokenEndpoint: `${provider.origin}/token`,
  clientId: 'app',
  clientSecret: 'app-secret',
  redirectUri: 'https://app.example/cb',
  ...extra,
});
/** A provider whose settings name its revocation endpoint. */
const revoking = (endpoint: string, extra: Partial<ProviderSettings> = {}) => {
  const withEndpoint: ProviderSettings & { revocationEndpoint: string } = {
    ...settings(extra),
    revocationEndpoint: endpoint,
  };
  return withEndpoint;
};

const sessionOf = (request: Request) => /sid=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? '';

beforeAll(async () => {
  provider = await fakeProvider();
  const closed = await listen(() => undefined);
  await closed.close();
  const options: DisconnectHandlerOptions = {
    secret: SECRET,
    providers: {
      Basic: revoking(`${provider.origin}/revoke`),
      Post: revoking(`${provider.origin}/revoke`, { style: 'client_secret_post' }),
      Discovered: settings({ issuer: provider.origin, discovery: true }),
      'No revocation': settings(),
      Down: revoking(`${closed.origin}/revoke`),
    },
    outbound: { timeoutMs: 800 },
    authorize: (request) =>
      request.headers.get('x-csrf-token') === 'csrf' ? undefined : Response.json({ error: 'csrf' }, { status: 403 }),
    onError: (error) => errors.push(error),
    loadTokens(context) {
      loads.push(context.provider);
      return hooks.loadTokens ? hooks.loadTokens(context) : held.get(sessionOf(context.request));
    },
    forgetTokens(result) {
      if (hooks.forgetTokens) return hooks.forgetTokens(result);
      forgets.push(result);
      held.delete(sessionOf(result.request));
    },
  };
  const handler = toNodeListener(createDisconnectHandler(options));
  app = await listen((req, res) => void handler(req, res));
});
afterAll(async () => Promise.all([app.close(), provider.close()]));
beforeEach(() => {
  held.clear();
  loads.length = forgets.length = errors.length = provider.calls.length = 0;
  hooks = {};
  provider.answer(() => ({ status: 200 }));
});

const tokens = (name = 'one'): TokenSet => ({
  access_token: `at-${name}`,
  refresh_token: `rt-${name}`,
  token_type: 'Bearer',
});

function disconnect(body: unknown, headers: Record<string, string> = {}) {
  return rawRequest(app.origin, {
    path: '/disconnect',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': 'csrf', Cookie: 'sid=alice', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('revokes at the provider, then forgets', () => {
  test('the refresh token first with its hint, then the access token; Basic auth as the exchange does', async () => {
    held.set('alice', tokens());
    const answer = await disconnect({ provider: 'Basic', account: 'dana@demo.test' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      disconnected: true,
      provider: 'Basic',
      revoked: ['refresh_token', 'access_token'],
      not_revoked: [],
    });
    expect(provider.revoked()).toEqual(['refresh_token:rt-one', 'access_token:at-one']);
    expect(provider.calls.map(({ path }) => path)).toEqual(['/revoke', '/revoke']);
    // RFC 6749 section 2.3.1: each part form-encoded, then Basic.
    const basic = Buffer.from(provider.calls[0]!.authorization!.replace(/^Basic /, ''), 'base64').toString();
    expect(basic.split(':').map(decodeURIComponent)).toEqual(['app', 'app-secret']);
    expect(held.has('alice')).toBe(false);
    expect(forgets).toMatchObject([{ provider: 'Basic', account: 'dana@demo.test', revoked: expect.any(Array) }]);
  });

  test('client_secret_post sends the credentials in the form', async () => {
    held.set('alice', tokens());
    expect((await disconnect({ provider: 'Post' })).status).toBe(200);
    const [first] = provider.calls;
    expect(first!.authorization).toBeUndefined();
    expect(Object.fromEntries(first!.form)).toMatchObject({ client_id: 'app', client_secret: 'app-secret' });
  });

  test("the endpoint comes from the provider's metadata (RFC 8414 revocation_endpoint) with discovery", async () => {
    held.set('alice', tokens('d'));
    expect((await disconnect({ provider: 'Discovered' })).status).toBe(200);
    expect(provider.revoked()).toEqual(['refresh_token:rt-d', 'access_token:at-d']);
  });

  test('only an access token held: one request, hinted access_token', async () => {
    held.set('alice', { access_token: 'at-only' });
    expect(JSON.parse((await disconnect({ provider: 'Basic' })).body).revoked).toEqual(['access_token']);
    expect(provider.revoked()).toEqual(['access_token:at-only']);
  });

  test('access tokens not revocable there (unsupported_token_type): said in the answer, and forgotten', async () => {
    held.set('alice', tokens());
    provider.answer((form) =>
      form.get('token_type_hint') === 'access_token'
        ? { status: 400, body: { error: 'unsupported_token_type' } }
        : { status: 200 },
    );
    const answer = await disconnect({ provider: 'Basic' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ revoked: ['refresh_token'], not_revoked: ['access_token'] });
    expect(held.has('alice')).toBe(false);
  });

  test('no revocation endpoint: nothing sent, the tokens forgotten, the answer says none was revoked', async () => {
    held.set('alice', tokens());
    const answer = await disconnect({ provider: 'No revocation' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ revoked: [], not_revoked: ['refresh_token', 'access_token'] });
    expect(provider.calls).toEqual([]);
    expect(held.has('alice')).toBe(false);
  });

  test('nothing held: nothing is sent; the forget hook still runs and the answer is disconnected', async () => {
    const answer = await disconnect({ provider: 'Basic' });
    expect(JSON.parse(answer.body)).toEqual({ disconnected: true, provider: 'Basic', revoked: [], not_revoked: [] });
    expect(provider.calls).toEqual([]);
    expect(forgets).toHaveLength(1);
  });

  test('what forgetTokens returns is the answer', async () => {
    held.set('alice', tokens());
    hooks.forgetTokens = ({ revoked }) => ({ ok: true, count: revoked.length });
    expect(JSON.parse((await disconnect({ provider: 'Basic' })).body)).toEqual({ ok: true, count: 2 });
  });
});

describe('a provider that fails: nothing is forgotten, and the answer says so', () => {
  const expectKept = async (answer: Awaited<ReturnType<typeof disconnect>>, code: string) => {
    expect(answer.status).toBe(502);
    const body = JSON.parse(answer.body);
    expect(body.error).toBe(code);
    expect(body.error_description).toMatch(/Nothing was disconnected: try again$/);
    expect(forgets).toEqual([]);
    expect(held.get('alice')).toEqual(tokens());
  };

  test('down (a closed port): 502 temporarily_unavailable', async () => {
    held.set('alice', tokens());
    await expectKept(await disconnect({ provider: 'Down' }), 'temporarily_unavailable');
  });

  test('the connection dropped: 502; once the provider is back, the same click disconnects', async () => {
    held.set('alice', tokens());
    provider.answer(() => 'drop');
    await expectKept(await disconnect({ provider: 'Basic' }), 'temporarily_unavailable');
    provider.answer(() => ({ status: 200 }));
    expect((await disconnect({ provider: 'Basic' })).status).toBe(200);
    expect(held.has('alice')).toBe(false);
  });

  test('a 503 from the provider: 502, nothing forgotten', async () => {
    held.set('alice', tokens());
    provider.answer(() => ({ status: 503 }));
    await expectKept(await disconnect({ provider: 'Basic' }), 'invalid_response');
  });

  test('no answer: given up at the outbound timeout, not minutes later', async () => {
    held.set('alice', tokens());
    provider.answer(() => 'hang');
    const began = Date.now();
    await expectKept(await disconnect({ provider: 'Basic' }), 'temporarily_unavailable');
    expect(Date.now() - began).toBeLessThan(3000);
  });

  test('the refresh token revoked, then a 500 for the access token: the answer names what was revoked', async () => {
    held.set('alice', tokens());
    provider.answer((form) => (form.get('token_type_hint') === 'access_token' ? { status: 500 } : { status: 200 }));
    const answer = await disconnect({ provider: 'Basic' });
    await expectKept(answer, 'invalid_response');
    expect(JSON.parse(answer.body).error_description).toContain('after the refresh_token was revoked');
  });

  test("the client's credentials refused: the provider's code, never its text", async () => {
    held.set('alice', tokens());
    provider.answer(() => ({ status: 400, body: { error: 'invalid_client', error_description: 'secret hunter2' } }));
    const answer = await disconnect({ provider: 'Basic' });
    await expectKept(answer, 'invalid_client');
    expect(answer.body).not.toContain('hunter2');
  });
});
