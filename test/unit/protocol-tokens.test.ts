import { expect, test } from 'vitest';
import { decodeBase64url, encodeBase64url, isBase64url, randomToken } from '../../src/protocol/tokens.js';

const bytes = (text: string) => new TextEncoder().encode(text);

// RFC 4648 section 10 test vectors, in the URL-safe alphabet without padding (section 5).
test.each([
  ['', ''],
  ['f', 'Zg'],
  ['fo', 'Zm8'],
  ['foo', 'Zm9v'],
  ['foob', 'Zm9vYg'],
  ['fooba', 'Zm9vYmE'],
  ['foobar', 'Zm9vYmFy'],
])('base64url of %j is %j, and back', (plain, encoded) => {
  expect(encodeBase64url(bytes(plain))).toBe(encoded);
  expect(decodeBase64url(encoded)).toEqual(bytes(plain));
});

test('uses - and _ where base64 has + and /, and every byte value round-trips', () => {
  expect(encodeBase64url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  expect(decodeBase64url(encodeBase64url(all))).toEqual(all);
});

test('refuses text outside the base64url alphabet, padding included', () => {
  for (const text of ['Zm9v+', 'Zm9v/', 'Zg==', 'Zm 9v', 'Zm9v\n']) {
    expect(isBase64url(text)).toBe(false);
    expect(decodeBase64url(text)).toBeUndefined();
  }
  expect(decodeBase64url('Z')).toBeUndefined();
});

test('random tokens carry the requested entropy, never repeat, and can draw from another source', () => {
  expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(new Set(Array.from({ length: 100 }, () => randomToken())).size).toBe(100);
  expect(randomToken(3, (length) => new Uint8Array(length).fill(0xff))).toBe('____');
});
