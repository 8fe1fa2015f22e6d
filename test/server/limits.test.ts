import { afterAll, describe, expect, test } from 'vitest';
import { memoryFlowStore, memoryUsedValueStore, StoreUnavailableError, type KeptFlow } from '../../src/server.js';
import { startApp, startFlow } from './harness/app-harness.js';
import { fakeTokenEndpoint } from './harness/http-harness.js';

const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => Promise.all(closers.map((close) => close())));

async function appAgainst(token: Awaited<ReturnType<typeof fakeTokenEndpoint>>, outbound = {}) {
  closers.push(token.close);
  const settings = {
    authorizeEndpoint: `${token.origin}/authorize`,
    tokenEndpoint: `${token.origin}/token`,
    clientId: 'c',
    clientSecret: 's',
    style: 'client_secret_post' as const,
    redirectUri: 'https://app.example/cb',
  };
  const app = await startApp({ providers: { Test: settings }, outbound, onTokens: () => ({ connected: true }) });
  closers.push(app.close);
  return app;
}

describe('outbound requests have a deadline and a size cap', () => {
  test('a token endpoint that never answers: the exchange answers 502 at the timeout, not minutes later', async () => {
    const app = await appAgainst(await fakeTokenEndpoint({ hang: true }), { timeoutMs: 500 });
    const flow = await startFlow(app);
    const began = Date.now();
    const answer = await app.post(
      '/exchange',
      { code: 'c1', state: flow.state, redirect_uri: 'https://app.example/cb' },
      flow.cookies,
    );
    expect(Date.now() - began).toBeLessThan(3000);
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body).error).toBe('temporarily_unavailable');
  });

  test('a 400 MiB token answer is cut off at the cap; the heap does not take it in', async () => {
    const app = await appAgainst(await fakeTokenEndpoint({ answerBytes: 400 * 1024 * 1024 }), {
      maxResponseBytes: 256 * 1024,
    });
    const flow = await startFlow(app);
    const before = process.memoryUsage().heapUsed;
    const answer = await app.post(
      '/exchange',
      { code: 'c2', state: flow.state, redirect_uri: 'https://app.example/cb' },
      flow.cookies,
    );
    expect(answer.status).toBe(502);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('memory kept per flow and per used value is bounded', () => {
  test('a code over 4,096 characters is refused before it is remembered; used codes are kept as digests', async () => {
    const app = await appAgainst(await fakeTokenEndpoint());
    const long = await startFlow(app);
    const refused = await app.post(
      '/exchange',
      { code: 'x'.repeat(15_000), state: long.state, redirect_uri: 'https://app.example/cb' },
      long.cookies,
    );
    expect(JSON.parse(refused.body).error_description).toBe('"code" must be 1 to 4096 visible ASCII characters');
    const flows = await Promise.all(Array.from({ length: 40 }, () => startFlow(app)));
    const before = process.memoryUsage().heapUsed;
    for (const [index, flow] of flows.entries()) {
      const code = `${index}-`.padEnd(4096, 'x');
      expect(
        (await app.post('/exchange', { code, state: flow.state, redirect_uri: 'https://app.example/cb' }, flow.cookies))
          .status,
      ).toBe(200);
    }
    // 40 real exchanges; the rest straight into a store of the same kind, as digests would arrive.
    const store = memoryUsedValueStore();
    for (let i = 0; i < 2000; i++) store.claim(`code:${i.toString().padStart(43, 'x')}`, 600);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(16 * 1024 * 1024);
  });

  test('an unexpired used value is never forgotten: a full memory refuses (503) rather than accept twice', () => {
    const store = memoryUsedValueStore({ maxBytes: 10_000 });
    const accepted: string[] = [];
    expect(() => {
      for (let i = 0; ; i++) {
        store.claim(`state:${i}`, 600);
        accepted.push(`state:${i}`);
      }
    }).toThrow(StoreUnavailableError);
    for (const key of accepted) expect(store.claim(key, 600)).toBe(false);
  });

  test('expired values make room again', async () => {
    const store = memoryUsedValueStore({ maxBytes: 2_000 });
    let kept = 0;
    while (kept < 1000) {
      try {
        store.claim(`v${kept}`, 0.05);
        kept++;
      } catch {
        break;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(store.claim('after-expiry', 600)).toBe(true);
  });

  test('memoryFlowStore: a set costs the same with 40,000 flows kept as with 10,000', () => {
    const store = memoryFlowStore();
    const flow = (state: string): KeptFlow => ({
      state,
      provider: 'P',
      clientId: 'c',
      redirectUri: 'r',
      tokenEndpoint: 't',
      expiresAt: Date.now() + 600_000,
    });
    const timeSets = (from: number, count: number) => {
      const began = performance.now();
      for (let i = from; i < from + count; i++) store.set(`s${i}`, flow(`s${i}`), 600);
      return (performance.now() - began) / count;
    };
    timeSets(0, 10_000);
    const at10k = timeSets(10_000, 2_000);
    timeSets(12_000, 28_000);
    const at40k = timeSets(40_000, 2_000);
    expect(at40k).toBeLessThan(Math.max(at10k * 4, 0.05));
  });
});
