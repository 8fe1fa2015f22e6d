import { afterEach, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { button, endEvents, mountWidget, recordEvents } from './element-helpers.js';

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
});

test('two widgets for different providers on one page: no cross-talk', async () => {
  const kanka = await mountWidget({ outcome: 'wait', attributes: { provider: 'Kanka', 'client-id': 'kanka-client' } });
  const gancio = await mountWidget({
    outcome: 'code',
    attributes: { provider: 'Gancio', 'client-id': 'gancio-client' },
  });
  const kankaLog = recordEvents(kanka.element);
  const gancioLog = recordEvents(gancio.element);

  await userEvent.click(button(kanka.element));
  await userEvent.click(button(gancio.element));
  await expect.poll(() => gancio.element.status).toBe('connected');
  expect(kanka.element.status).toBe('authorizing');
  expect(kankaLog.map(({ type }) => type)).toEqual(['oauth-connect-start']);
  expect(kanka.exchangeRequests).toHaveLength(0);

  // Gancio's response, replayed into Kanka's pending popup, is not Kanka's.
  const gancioCode = gancioLog.find(({ type }) => type === 'oauth-connect-code')!.detail;
  const replay = { type: 'oauth-connect:callback', v: 1, params: { code: gancioCode.code, state: gancioCode.state } };
  await expect.poll(() => kanka.popups[0].location.pathname).toBe('/test/fixtures/authorize.html');
  (kanka.popups[0] as Window & typeof globalThis).eval(`opener.postMessage(${JSON.stringify(replay)}, '*')`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(endEvents(kankaLog)).toEqual([]);
  expect(kanka.exchangeRequests).toHaveLength(0);
  expect(gancio.exchangeRequests).toHaveLength(1);
  kanka.element.abort();
});
