import { expect, test } from 'vitest';
import { singleFlight } from '../../src/protocol/single-flight.js';

/** A task whose calls stay open until the test settles them. */
function openTask() {
  const calls: { key: string; resolve(value: string): void; reject(error: Error): void }[] = [];
  const task = (key: string) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ key, resolve, reject });
    });
  return { calls, task };
}

test('calls for the same key while one runs share it; other keys run on their own', async () => {
  const { calls, task } = openTask();
  const shared = singleFlight(task);
  const first = shared('a');
  const second = shared('a');
  const other = shared('b');
  expect(calls.map((call) => call.key)).toEqual(['a', 'b']);
  expect(second).toBe(first);
  calls[0]!.resolve('A');
  calls[1]!.resolve('B');
  expect(await Promise.all([first, second, other])).toEqual(['A', 'A', 'B']);
});

test('once a call settled, the next one runs again, after a failure too', async () => {
  const { calls, task } = openTask();
  const shared = singleFlight(task);
  const failed = shared('a');
  calls[0]!.reject(new Error('provider down'));
  await expect(failed).rejects.toThrow('provider down');
  const retried = shared('a');
  expect(calls).toHaveLength(2);
  calls[1]!.resolve('A');
  expect(await retried).toBe('A');
});
