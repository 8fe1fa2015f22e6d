import { describe, expect, test } from 'vitest';
import { createCodeVerifier, deriveCodeChallenge, randomToken } from '../../src/protocol/tokens.js';

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

  test("a given hash is used, with the protocol's encoding around it (the server passes its own)", async () => {
    const hashed: string[] = [];
    const sha256 = async (text: string) => {
      hashed.push(text);
      return new Uint8Array([0xfb, 0xff, 0xbf]);
    };
    expect(await deriveCodeChallenge('the-verifier', sha256)).toBe('-_-_');
    expect(hashed).toEqual(['the-verifier']);
  });

  test('random tokens carry the requested entropy and never repeat', () => {
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomToken()).not.toBe(randomToken());
  });
});
