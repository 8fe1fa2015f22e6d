import { afterEach, expect, test, vi } from 'vitest';
import { saveRedirect } from '../../src/core/redirect-store.js';
import { idle, whenRedirectReturns } from '../../src/element/after-first-render.js';

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

test('callers waiting for idle share one wait; once it ended, the next caller starts a new one', async () => {
  const requestIdle = vi.spyOn(window, 'requestIdleCallback');
  const first = idle();
  expect(idle()).toBe(first);
  expect(requestIdle).toHaveBeenCalledTimes(1);
  await first;
  const next = idle();
  expect(next).not.toBe(first);
  expect(requestIdle).toHaveBeenCalledTimes(2);
  await next;
});

test('with no redirect coming back, many elements cost one storage read and resume nothing', async () => {
  const getItem = vi.spyOn(Storage.prototype, 'getItem');
  const resumes = [vi.fn(), vi.fn(), vi.fn()];
  for (const resume of resumes) whenRedirectReturns(window, resume);
  await vi.waitFor(() => expect(getItem).toHaveBeenCalled());
  expect(getItem).toHaveBeenCalledTimes(1);
  for (const resume of resumes) expect(resume).not.toHaveBeenCalled();
});

test('with a redirect attempt stored, every element that connected meanwhile is asked to resume', async () => {
  saveRedirect(window, {
    state: 's',
    returnUrl: location.href,
    clientId: 'c1',
    authorizeUrl: 'https://id.test/authorize',
    createdAt: Date.now(),
  });
  const getItem = vi.spyOn(Storage.prototype, 'getItem');
  const resumed = await Promise.all(
    [1, 2, 3].map((element) => new Promise((resolve) => whenRedirectReturns(window, () => resolve(element)))),
  );
  expect(resumed).toEqual([1, 2, 3]);
  expect(getItem).toHaveBeenCalledTimes(1);
});
