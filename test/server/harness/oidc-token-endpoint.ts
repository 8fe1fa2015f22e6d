import { listen } from './http-harness.js';

const b64u = (data: Uint8Array | string) => Buffer.from(data).toString('base64url');

/** A key pair for RS256, the ID Token default (RFC 7518 section 3.3), with its public JWK. */
export async function signingKey(kid: string) {
  const algorithm = {
    name: 'RSASSA-PKCS1-v1_5',
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-256',
  };
  const pair = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const jwk = { ...(await crypto.subtle.exportKey('jwk', pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
  const sign = async (claims: Record<string, unknown>) => {
    const input = `${b64u(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' }))}.${b64u(JSON.stringify(claims))}`;
    const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', pair.privateKey, new TextEncoder().encode(input));
    return `${input}.${b64u(new Uint8Array(signature))}`;
  };
  return { jwk, sign };
}

/**
 * An OpenID provider's token endpoint and JWKS. `idToken(params)` decides the ID Token each
 * redemption gets, from the token request's parameters.
 */
export async function fakeOpenIdProvider(idToken: (origin: string, params: URLSearchParams) => Promise<string>) {
  const key = await signingKey('good');
  const calls: URLSearchParams[] = [];
  let origin = '';
  const server = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/jwks') return void res.end(JSON.stringify({ keys: [key.jwk] }));
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      calls.push(params);
      res.end(
        JSON.stringify({
          access_token: 'at',
          token_type: 'Bearer',
          expires_in: 60,
          id_token: await idToken(origin, params),
        }),
      );
    });
  });
  origin = server.origin;
  return { ...server, calls, key };
}
