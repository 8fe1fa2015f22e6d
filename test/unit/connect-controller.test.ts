import { afterEach, expect, test } from 'vitest';
import { ConnectController, type ConnectHost } from '../../src/element/connect-controller.js';
import { mountWidget } from './element-helpers.js';

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect, [data-fake-host]')) element.remove();
});

/** A stand-in host: what a ReactiveController needs of an element, and the element's options. */
function fakeHost() {
  const host = document.createElement('div') as unknown as ConnectHost & { updates: number };
  host.updates = 0;
  Object.assign(host, {
    addController() {},
    removeController() {},
    requestUpdate: () => host.updates++,
    updateComplete: Promise.resolve(true),
    openPopup: () => null,
    fetch: () => Promise.reject(new Error('no network here')),
  });
  host.dataset.fakeHost = '';
  document.body.append(host); // values are made for a host on the page only
  return host;
}

test('a configuration change on the element discards the prepared values; a label change does not', async () => {
  const { element } = await mountWidget(); // its first values are ready
  const opened: string[] = [];
  element.openPopup = (url) => (opened.push(url), null);
  const digest = crypto.subtle.digest.bind(crypto.subtle);
  let digests = 0;
  let release = () => {};
  crypto.subtle.digest = ((...args: Parameters<typeof digest>) => {
    digests++;
    return new Promise((resolve) => (release = () => resolve(digest(...args))));
  }) as typeof crypto.subtle.digest;
  try {
    element.label = 'Link';
    await element.updateComplete;
    expect(digests).toBe(0);

    element.scope = 'profile';
    await expect.poll(() => digests).toBe(1);
    element.connect().catch(() => {});
    expect(opened).toEqual(['about:blank']); // the values made for the old configuration are gone

    release();
    await element.updateComplete;
    element.connect().catch(() => {});
    expect(new URL(opened[1]).searchParams.get('scope')).toBe('profile');
  } finally {
    crypto.subtle.digest = digest;
  }
});

test('keeps what the view shows as data, never text: a status, a notice key and the error', async () => {
  const host = Object.assign(fakeHost(), { connected: true, account: 'dana', disconnectUrl: '/disconnect' });
  const controller = new ConnectController(host);
  const disconnecting = controller.disconnect();
  expect([controller.status, controller.notice, controller.error]).toEqual(['idle', 'disconnecting', undefined]);
  await disconnecting; // the fake host's fetch fails
  expect(controller.status).toBe('error');
  expect(controller.notice).toBeUndefined();
  expect(controller.error).toMatchObject({
    code: 'disconnect_failed',
    message: 'The disconnect endpoint could not be reached',
  });
  expect(host.connected).toBe(true);
  expect(Object.values(controller).filter((value) => typeof value === 'string')).toEqual(['error']);
});

test('a page that prevents oauth-connect-disconnect keeps the host connected, with no request', async () => {
  const host = Object.assign(fakeHost(), { connected: true, disconnectUrl: '/disconnect' });
  let requests = 0;
  host.fetch = () => (requests++, Promise.resolve(new Response()));
  host.addEventListener('oauth-connect-disconnect', (event) => event.preventDefault());
  const controller = new ConnectController(host);
  await controller.disconnect();
  expect([host.connected, controller.status, requests]).toEqual([true, 'idle', 0]);
});
