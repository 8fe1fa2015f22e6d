import { describe, expect, test } from 'vitest';
import { Attempt } from '../../src/core/attempt.js';
import { resolveConfig } from '../../src/core/config.js';
import { OAuthConnectError } from '../../src/core/errors.js';

const config = resolveConfig(
  { authorizeUrl: 'https://id.test/authorize', clientId: 'c', redirectUri: 'https://app.test/cb' },
  document.baseURI,
);
const context = { config, env: { window } };

describe('Attempt: a settle-once state machine', () => {
  test('the first outcome wins; later ones are ignored and cleanups run once', async () => {
    const attempt = new Attempt();
    let released = 0;
    attempt.onRelease(() => released++);
    attempt.abort();
    attempt.fail(new OAuthConnectError('timeout', 'late'));
    attempt.finish({ kind: 'success', result: { response: null, status: null } });
    expect(await attempt.outcome).toEqual({ kind: 'cancel', reason: 'aborted' });
    expect(attempt.phase).toBe('done');
    expect(attempt.signal.aborted).toBe(true);
    expect(released).toBe(1);
  });

  test('the first valid response wins: a second one is not completed', async () => {
    const codes: string[] = [];
    const attempt = new Attempt({ onCode: (detail) => (codes.push(detail.code), false) });
    attempt.receive({ params: { code: 'first', state: 's' } }, context);
    attempt.receive({ params: { code: 'second', state: 's' } }, context);
    expect(await attempt.outcome).toEqual({ kind: 'success', result: { response: null, status: null } });
    expect(codes).toEqual(['first']);
  });

  test('times out with a timeout error while authorizing', async () => {
    const attempt = new Attempt();
    attempt.timeOutAfter(20);
    const outcome = await attempt.outcome;
    expect(outcome).toMatchObject({ kind: 'error', error: { code: 'timeout', source: 'client' } });
  });

  test('closes its popup when it ends', async () => {
    const attempt = new Attempt();
    let closed = false;
    attempt.popup = { closed: false, close: () => (closed = true) } as unknown as Window;
    attempt.abort();
    expect(closed).toBe(true);
  });
});

describe('hooks that throw end the attempt with hook_failed, never hang it', () => {
  test('a throwing onCode: hook_failed with the cause, and nothing exchanged', async () => {
    const requests: unknown[] = [];
    const env = {
      window,
      fetch: (async (...args: unknown[]) => (requests.push(args), Response.json({}))) as typeof fetch,
    };
    const thrown = new Error('page bug');
    const attempt = new Attempt({
      onCode: () => {
        throw thrown;
      },
    });
    attempt.receive({ params: { code: 'c', state: 's' } }, { config: { ...config, exchangeUrl: '/exchange' }, env });
    const outcome = await attempt.outcome;
    expect(outcome).toMatchObject({
      kind: 'error',
      error: { code: 'hook_failed', source: 'client', message: 'The "onCode" hook threw: page bug' },
    });
    expect(outcome.kind === 'error' && outcome.error.cause).toBe(thrown);
    expect(requests).toEqual([]);
  });

  test('a throwing onPhase ends the attempt as hook_failed too', async () => {
    const attempt = new Attempt({
      onPhase: () => {
        throw new Error('view bug');
      },
    });
    const env = { window, fetch: (async () => Response.json({})) as typeof fetch };
    attempt.receive({ params: { code: 'c', state: 's' } }, { config: { ...config, exchangeUrl: '/exchange' }, env });
    expect(await attempt.outcome).toMatchObject({ kind: 'error', error: { code: 'hook_failed' } });
  });
});
