import { afterEach, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { button, mountWidget, recordEvents } from './element-helpers.js';

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
});

test('the first valid message wins: a second one from the same popup is ignored', async () => {
  const { element, popups, exchangeRequests } = await mountWidget({ outcome: 'wait' });
  const log = recordEvents(element);
  await userEvent.click(button(element));
  await expect.poll(() => log.length).toBe(1);
  const state = new URL(log[0].detail.authorizeUrl).searchParams.get('state');
  await expect.poll(() => popups[0].location.pathname).toBe('/test/fixtures/authorize.html');

  // Two valid responses, sent by the popup itself.
  const send = (code: string) => ({ type: 'oauth-connect:callback', v: 1, params: { code, state } });
  (popups[0] as Window & typeof globalThis).eval(
    `opener.postMessage(${JSON.stringify(send('first'))}, '*'); opener.postMessage(${JSON.stringify(send('second'))}, '*');`,
  );

  await expect.poll(() => element.status).toBe('connected');
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(log.filter(({ type }) => type === 'oauth-connect-code').map(({ detail }) => detail.code)).toEqual(['first']);
  expect(exchangeRequests).toHaveLength(1);
});
