import { afterEach, expect, test } from 'vitest';
import type { CallbackResponse } from '../../src/core/callback-message.js';
import { isPending, listenForResponse } from '../../src/core/response-listener.js';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

function listen(state: string, popup: Window | null = window) {
  const responses: CallbackResponse[] = [];
  let pageHides = 0;
  const config = { messageOrigins: [location.origin], redirectUri: '', responseMode: 'query' as const };
  const expected = { config: { ...config, authorizeUrl: new URL(location.href) }, popup, state };
  const stop = listenForResponse(window, expected, (response) => (response ? responses.push(response) : pageHides++));
  stops.push(stop);
  return { responses, pageHides: () => pageHides, stop };
}

const message = (state: string) => ({ type: 'oauth-connect:callback', v: 1, params: { code: 'c', state } });

function post(data: unknown, source: Window | null) {
  window.dispatchEvent(new MessageEvent('message', { data, origin: location.origin, source }));
}

test('a message from the expected window with this state is delivered; others are not', () => {
  const { responses } = listen('s1');
  post(message('s1'), window);
  post(message('other'), window);
  post(message('s1'), null);
  expect(responses).toEqual([{ params: { code: 'c', state: 's1' } }]);
});

test('a broadcast on the attempt channel is delivered when it names this state', async () => {
  const { responses } = listen('s2', null);
  const sender = new BroadcastChannel('oauth-connect:s2');
  sender.postMessage(message('not-s2'));
  sender.postMessage(message('s2'));
  await expect.poll(() => responses.length).toBe(1);
  expect(responses[0].params.state).toBe('s2');
  sender.close();
});

test('pagehide is reported; stopping removes the pending mark and every listener', async () => {
  const { responses, pageHides, stop } = listen('s3');
  expect(isPending(window, 's3')).toBe(true);
  window.dispatchEvent(new PageTransitionEvent('pagehide'));
  expect(pageHides()).toBe(1);
  stop();
  expect(isPending(window, 's3')).toBe(false);
  post(message('s3'), window);
  window.dispatchEvent(new PageTransitionEvent('pagehide'));
  // A second receiver on the channel hears the broadcast: by then a listener still open would have too.
  const control = new BroadcastChannel('oauth-connect:s3');
  const heard = new Promise((resolve) => (control.onmessage = resolve));
  const sender = new BroadcastChannel('oauth-connect:s3');
  sender.postMessage(message('s3'));
  await heard;
  [sender, control].forEach((channel) => channel.close());
  expect(responses).toEqual([]);
  expect(pageHides()).toBe(1);
});
