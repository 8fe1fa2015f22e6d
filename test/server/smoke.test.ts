import { expect, test } from 'vitest';

test('runs in Node', () => {
  expect(typeof process.versions.node).toBe('string');
});
