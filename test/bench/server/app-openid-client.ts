/**
 * The anchor in a bench child: the same two endpoints written the usual way with openid-client v6
 * (PKCE S256 and state, RFC 7636 section 4), keeping state and verifier in this process's memory
 * under a random session cookie, as express-session would. Configuration from static metadata:
 * no discovery per request. Usage: app-openid-client.ts, with BENCH_TOKEN_PORT in the environment.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import * as client from 'openid-client';
import { readBodyText, serveBenchChild } from './bench-child.js';

interface Session {
  state: string;
  verifier: string;
  expiresAt: number;
}

const SESSION_COOKIE = 'sid';
const SESSION_SECONDS = 600;

function answerJson(res: ServerResponse, status: number, body: unknown, setCookie?: string): void {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  if (setCookie) headers['Set-Cookie'] = setCookie;
  res.writeHead(status, headers);
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, description: string): void {
  answerJson(res, 400, { error: 'invalid_request', error_description: description });
}

function readSessionId(cookieHeader: string | undefined): string | undefined {
  for (const pair of (cookieHeader ?? '').split(';')) {
    const [name, value] = pair.trim().split('=');
    if (name === SESSION_COOKIE) return value;
  }
  return undefined;
}

await serveBenchChild((port) => {
  const tokenOrigin = `http://127.0.0.1:${process.env.BENCH_TOKEN_PORT}`;
  const redirectUri = `http://127.0.0.1:${port}/callback`;
  const metadata = {
    issuer: tokenOrigin,
    authorization_endpoint: `${tokenOrigin}/authorize`,
    token_endpoint: `${tokenOrigin}/token`,
  };
  const config = new client.Configuration(metadata, 'c', { client_secret: 's' }, client.ClientSecretPost('s'));
  client.allowInsecureRequests(config);
  const sessions = new Map<string, Session>();

  return async (req, res) => {
    if (req.method !== 'POST' || !req.headers['content-type']?.startsWith('application/json')) {
      return answerJson(res, 415, { error: 'invalid_request', error_description: 'POST application/json only' });
    }
    const body = JSON.parse(await readBodyText(req)) as Record<string, string>;
    if (body.provider !== 'Bench') return refuse(res, 'unknown provider');

    if (req.url === '/start') {
      const verifier = client.randomPKCECodeVerifier();
      const challenge = await client.calculatePKCECodeChallenge(verifier);
      const state = client.randomState();
      const sessionId = randomBytes(24).toString('base64url');
      sessions.set(sessionId, { state, verifier, expiresAt: Date.now() + SESSION_SECONDS * 1000 });
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        state,
        display: 'popup',
      });
      const cookie = `${SESSION_COOKIE}=${sessionId}; Path=/; Max-Age=${SESSION_SECONDS}; HttpOnly; SameSite=Lax`;
      return answerJson(res, 200, { authorize_url: url.href }, cookie);
    }

    const sessionId = readSessionId(req.headers.cookie);
    const session = sessionId === undefined ? undefined : sessions.get(sessionId);
    if (sessionId !== undefined) sessions.delete(sessionId);
    if (!session || session.expiresAt < Date.now()) {
      return refuse(res, 'no flow in this session');
    }
    if (body.redirect_uri !== redirectUri) return refuse(res, '"redirect_uri" is not the registered one');
    const callbackUrl = new URL(redirectUri);
    callbackUrl.searchParams.set('code', body.code);
    callbackUrl.searchParams.set('state', body.state);
    const checks = { pkceCodeVerifier: session.verifier, expectedState: session.state };
    await client.authorizationCodeGrant(config, callbackUrl, checks);
    answerJson(res, 200, { connected: true }, `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
  };
});
