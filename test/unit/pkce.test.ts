import { describe, expect, test } from 'vitest';
import { createCodeVerifier, deriveCodeChallenge } from '../../src/core/pkce.js';
import { randomToken } from '../../src/core/random.js';

describe('PKCE (RFC 7636)', () => {
  test('derives the S256 challenge of the RFC 7636 appendix B example', async () => {
    expect(await deriveCodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  test('creates 43-character verifiers from the unreserved set, fresh each time', () => {
    const verifiers = new Set(Array.from({ length: 50 }, createCodeVerifier));
    expect(verifiers.size).toBe(50);
    for (const verifier of verifiers) expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43}$/);
  });

  test('random tokens carry the requested entropy and never repeat', () => {
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomToken()).not.toBe(randomToken());
  });
});
