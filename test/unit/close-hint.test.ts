import { afterEach, expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { isPending } from '../../src/core/response-listener.js';
import type { ConnectResult } from '../../src/oauth-connect.js';
import {
  button,
  clickToConnect,
  endEvents,
  FIXTURES,
  mountWidget,
  recordEvents,
  type EventLog,
} from './element-helpers.js';
import { trackOpenChannels } from './open-channels.js';

// A popup that reads closed after it was seen alive ends the attempt as cancelled, yet the attempt listens on until
// its timeout: a provider that sends Cross-Origin-Opener-Policy only on a later page looks just so.

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
});

/** The window's `message` and `pagehide` listeners and the BroadcastChannels open, from now on. */
function trackListening() {
  const listeners = new Set<unknown>();
  const add = window.addEventListener.bind(window);
  const remove = window.removeEventListener.bind(window);
  const tracked = (type: string) => type === 'message' || type === 'pagehide';
  vi.spyOn(window, 'addEventListener').mockImplementation((type: string, listener: any, options?: any) => {
    if (tracked(type)) listeners.add(listener);
    add(type, listener, options);
  });
  vi.spyOn(window, 'removeEventListener').mockImplementation((type: string, listener: any, options?: any) => {
    if (tracked(type)) listeners.delete(listener);
    remove(type, listener, options);
  });
  const channels = trackOpenChannels();
  return { listeners, channels };
}

const types = (log: EventLog) => log.map(({ type }) => type);

/** What a page sees when the popup read closed and the user finished signing in after all. */
const CLOSED_THEN_RESUMED = [
  'oauth-connect-start',
  'oauth-connect-cancel',
  'oauth-connect-code',
  'oauth-connect-success',
];

/**
 * Waits until `popup` shows the test provider and has been seen there a moment, as a person sees a page before
 * anything happens to it; returns the attempt's state.
 */
async function providerPageShown(popup: Window): Promise<string> {
  await expect.poll(() => popup.location.pathname).toBe('/test/fixtures/authorize.html');
  await new Promise((resolve) => setTimeout(resolve, 800)); // more than the widget's half second of looks
  return new URL(popup.location.href).searchParams.get('state')!;
}

/** Makes the opener read `popup` as closed, as it does once a page with Cross-Origin-Opener-Policy took it over. */
function readClosed(popup: Window): void {
  Object.defineProperty(popup, 'closed', { configurable: true, get: () => true });
}

/**
 * The user signs in after all, in a popup the opener lost: cut off from its opener (as COOP does, for the rest of
 * its life), it arrives at the callback page, which can only broadcast.
 */
function finishSevered(popup: Window, query: string): void {
  popup.opener = null;
  popup.location.replace(`${FIXTURES}/callback.html?${query}`);
}

/** A callback message as the callback page sends it, for `state`. */
const callback = (state: string) => ({
  type: 'oauth-connect:callback',
  v: 1,
  params: { code: 'late-code', state },
  redirect_uri: `${FIXTURES}/callback.html`,
});

/** Broadcasts a valid response for `state` and resolves once it was delivered (a second receiver heard it). */
async function broadcastLate(state: string): Promise<void> {
  const control = new BroadcastChannel(`oauth-connect:${state}`);
  const heard = new Promise((resolve) => (control.onmessage = resolve));
  const sender = new BroadcastChannel(`oauth-connect:${state}`);
  sender.postMessage(callback(state));
  await heard;
  [sender, control].forEach((channel) => channel.close());
}

async function closedAfterSeen(options: Parameters<typeof mountWidget>[0] = {}) {
  const mounted = await mountWidget({ outcome: 'wait', ...options });
  const log = recordEvents(mounted.element);
  await userEvent.click(button(mounted.element));
  const popup = mounted.popups[0];
  const state = await providerPageShown(popup);
  readClosed(popup);
  await expect
    .poll(() => endEvents(log))
    .toEqual([{ type: 'oauth-connect-cancel', detail: { reason: 'popup_closed' } }]);
  return { ...mounted, log, popup, state };
}

test('a late message from the popup: the button came back, then a resumed attempt connects', async () => {
  let answer!: (response: Response) => void;
  const { element, log, popup, state, exchangeRequests } = await closedAfterSeen({
    respond: () => new Promise<Response>((resolve) => (answer = resolve)),
  });
  await expect.element(page.getByRole('button', { name: 'Connect' })).toBeVisible();
  expect(element.status).toBe('idle');
  expect(isPending(window, state)).toBe(true);

  popup.location.replace(`${FIXTURES}/callback.html?code=late-code&state=${state}`);
  await expect.poll(() => element.status).toBe('exchanging');
  await expect.element(page.getByRole('status')).toHaveTextContent('Finishing the connection…');
  answer(Response.json({ connected: true }));
  await expect.poll(() => element.status).toBe('connected');
  expect(types(log)).toEqual(CLOSED_THEN_RESUMED);
  expect(log[2].detail).toMatchObject({ code: 'late-code', state });
  expect(exchangeRequests).toHaveLength(1);
  expect(isPending(window, state)).toBe(false);
});

test('a late broadcast from the severed popup: the callback page finds the attempt waiting', async () => {
  const { element, log, popup, state, exchangeRequests } = await closedAfterSeen();
  finishSevered(popup, `code=late-code&state=${state}`);
  await expect.poll(() => element.status).toBe('connected');
  expect(types(log)).toEqual(CLOSED_THEN_RESUMED);
  expect(JSON.parse(exchangeRequests[0].init!.body as string)).toMatchObject({ code: 'late-code', state });
  await expect.poll(() => popup.closed).toBe(true); // the callback page closed it: it had someone to hand to
});

test('after the timeout nothing listens: the pending mark is gone and a late response changes nothing', async () => {
  const listening = trackListening();
  const { element, log, popup, state, exchangeRequests } = await closedAfterSeen({ attributes: { timeout: '3' } });
  expect(isPending(window, state)).toBe(true);
  expect([listening.listeners.size, listening.channels.size]).toEqual([2, 1]);
  await expect.poll(() => isPending(window, state), { timeout: 4000 }).toBe(false);
  expect([listening.listeners.size, listening.channels.size]).toEqual([0, 0]);
  await broadcastLate(state);
  window.dispatchEvent(new MessageEvent('message', { data: callback(state), origin: location.origin, source: popup }));
  expect(types(log)).toEqual(['oauth-connect-start', 'oauth-connect-cancel']); // and no timeout error either
  expect(element.status).toBe('idle');
  expect(exchangeRequests).toHaveLength(0);
});

test('a new attempt on the element ends the listening of the one before', async () => {
  const { element, log, popups, state } = await closedAfterSeen();
  expect(isPending(window, state)).toBe(true);
  await userEvent.click(button(element));
  await expect.poll(() => popups.length).toBe(2);
  expect(isPending(window, state)).toBe(false);
  await broadcastLate(state);
  expect(types(log)).toEqual(['oauth-connect-start', 'oauth-connect-cancel', 'oauth-connect-start']);
  expect(element.status).toBe('authorizing');
  element.abort();
});

test('removing the element, or leaving the page, ends the listening', async () => {
  const removed = await closedAfterSeen();
  expect(isPending(window, removed.state)).toBe(true);
  removed.element.remove();
  await expect.poll(() => isPending(window, removed.state)).toBe(false); // a move within the page would not

  const left = await closedAfterSeen();
  expect(isPending(window, left.state)).toBe(true);
  window.dispatchEvent(new PageTransitionEvent('pagehide'));
  expect(isPending(window, left.state)).toBe(false);
  await broadcastLate(left.state);
  expect(types(left.log)).toEqual(['oauth-connect-start', 'oauth-connect-cancel']);
});

test('headless connect() rejects as cancelled, then hands the late result to onResume', async () => {
  let popup: Window | null = null;
  let resumed!: (late: { result: Promise<ConnectResult> }) => void;
  const late = new Promise<{ result: Promise<ConnectResult> }>((resolve) => (resumed = resolve));
  const settled = clickToConnect({
    authorizeUrl: `${FIXTURES}/authorize.html?outcome=wait`,
    exchangeUrl: '/exchange',
    fetch: async () => Response.json({ connected: 'late' }),
    open: (url, features) => (popup = window.open(url, '_blank', features)),
    onResume: (result) => resumed({ result }),
  });
  await expect.poll(() => popup).not.toBeNull();
  const state = await providerPageShown(popup!);
  readClosed(popup!);
  expect(await settled).toMatchObject({ error: { code: 'cancelled', reason: 'popup_closed' } });
  expect(isPending(window, state)).toBe(true);
  finishSevered(popup!, `code=late-code&state=${state}`);
  expect(await (await late).result).toEqual({ response: { connected: 'late' }, status: 200 });
  expect(isPending(window, state)).toBe(false);
});
