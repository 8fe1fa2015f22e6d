import { afterEach, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { button, disconnectButton, endEvents, mountWidget, recordEvents } from './element-helpers.js';
import { trackOpenChannels } from './open-channels.js';

/** Counts the `message` listeners and the timers that are alive on this window. */
function trackResources() {
  const listeners = new Set<unknown>();
  const timers = new Set<unknown>();
  const add = window.addEventListener.bind(window);
  const remove = window.removeEventListener.bind(window);
  vi.spyOn(window, 'addEventListener').mockImplementation((type: string, listener: any, options?: any) => {
    if (type === 'message') listeners.add(listener);
    add(type, listener, options);
  });
  vi.spyOn(window, 'removeEventListener').mockImplementation((type: string, listener: any, options?: any) => {
    if (type === 'message') listeners.delete(listener);
    remove(type, listener, options);
  });
  const setIntervalReal = window.setInterval.bind(window);
  const clearIntervalReal = window.clearInterval.bind(window);
  vi.spyOn(window, 'setInterval').mockImplementation(((handler: TimerHandler, ms?: number) => {
    const id = setIntervalReal(handler, ms);
    timers.add(id);
    return id;
  }) as typeof setInterval);
  vi.spyOn(window, 'clearInterval').mockImplementation(((id?: number) => {
    timers.delete(id);
    clearIntervalReal(id);
  }) as typeof clearInterval);
  const channels = trackOpenChannels();
  const pendingMarks = () => Object.keys(localStorage).filter((key) => key.startsWith('oauth-connect:pending:')).length;
  return { listeners, timers, channels, pendingMarks };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
});

test('removing the element while pending closes its popup, cancels, and leaves no listener or timer', async () => {
  const resources = trackResources();
  const { element, popups } = await mountWidget({ outcome: 'wait' });
  const log = recordEvents(element);
  await userEvent.click(button(element));
  expect(resources.listeners.size).toBe(1);
  expect(resources.timers.size).toBe(1);
  expect(resources.channels.size).toBe(1);
  expect(resources.pendingMarks()).toBe(1);

  element.remove();
  await expect.poll(() => popups[0].closed).toBe(true);
  expect(endEvents(log)).toEqual([{ type: 'oauth-connect-cancel', detail: { reason: 'aborted' } }]);
  expect(resources.listeners.size).toBe(0);
  expect(resources.timers.size).toBe(0);
  expect(resources.channels.size).toBe(0);
  expect(resources.pendingMarks()).toBe(0);
});

test('moving the element within the page keeps the attempt', async () => {
  const { element, popups } = await mountWidget({ outcome: 'wait' });
  await userEvent.click(button(element));
  document.body.prepend(element);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(popups[0].closed).toBe(false);
  expect(element.status).toBe('authorizing');
  element.abort();
});

test('many attempts in a row leave no listener, timer, channel or pending mark behind', async () => {
  const resources = trackResources();
  const { element } = await mountWidget();
  for (let attempt = 0; attempt < 8; attempt++) {
    const done = new Promise((resolve) => element.addEventListener('oauth-connect-success', resolve, { once: true }));
    await userEvent.click(button(element));
    await done;
    await element.updateComplete; // a success leaves it connected: the user disconnects first
    await userEvent.click(disconnectButton(element));
  }
  expect(resources.listeners.size).toBe(0);
  expect(resources.timers.size).toBe(0);
  expect(resources.channels.size).toBe(0);
  expect(resources.pendingMarks()).toBe(0);
});
