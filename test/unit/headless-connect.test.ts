import { expect, test } from 'vitest';
import { clickToConnect, FIXTURES } from './element-helpers.js';

test('connect() runs the flow without the element and resolves with the exchange result', async () => {
  const codes: string[] = [];
  const outcome = await clickToConnect({
    exchangeUrl: '/exchange',
    fetch: async () => Response.json({ connected: 'yes' }),
    onCode: (detail) => (codes.push(detail.code), true),
  });
  expect(outcome).toEqual({ value: { response: { connected: 'yes' }, status: 200 } });
  expect(codes).toHaveLength(1);
});

test('connect() rejects as cancelled when its signal aborts', async () => {
  const controller = new AbortController();
  const pending = clickToConnect({
    authorizeUrl: `${FIXTURES}/authorize.html?outcome=wait`,
    signal: controller.signal,
    onStart: () => controller.abort(),
  });
  expect(await pending).toMatchObject({ error: { code: 'cancelled', reason: 'aborted' } });
});

test('connect() rejects bad options with invalid_config', async () => {
  expect(await clickToConnect({ clientId: '' })).toMatchObject({
    error: { code: 'invalid_config', attribute: 'client-id' },
  });
});

test('a start that fails (Web Crypto refusing) ends the attempt with an error instead of hanging', async () => {
  const digest = crypto.subtle.digest;
  crypto.subtle.digest = () => Promise.reject(new Error('digest unavailable'));
  try {
    expect(await clickToConnect({ authorizeUrl: `${FIXTURES}/authorize.html?outcome=wait` })).toMatchObject({
      error: { code: 'invalid_config', attribute: 'pkce', message: expect.stringContaining('digest unavailable') },
    });
  } finally {
    crypto.subtle.digest = digest;
  }
});
