import { describe, expect, test } from 'vitest';
import { createStartHandler, toNodeListener, type CookieOptions } from '../../src/server.js';
import { SECRET } from './harness/app-harness.js';
import { listen, rawRequest } from './harness/http-harness.js';

const provider = {
  authorizeEndpoint: 'https://id.example/authorize',
  tokenEndpoint: 'https://id.example/token',
  clientId: 'client',
  clientSecret: 'secret',
  redirectUri: 'https://app.example/callback',
};

function startHandler(cookie?: CookieOptions) {
  return createStartHandler({ secret: SECRET, providers: { Test: provider }, cookie });
}

async function setCookies(url: string, cookie?: CookieOptions, jar = ''): Promise<string[]> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (jar) headers.Cookie = jar;
  const response = await startHandler(cookie)(
    new Request(url, { method: 'POST', headers, body: '{"provider":"Test"}' }),
  );
  expect(response.status).toBe(200);
  return response.headers.getSetCookie();
}

describe('the flow cookie', () => {
  test('over https: __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/, and small', async () => {
    const [cookie] = await setCookies('https://app.example/oauth/start');
    expect(cookie).toMatch(
      /^__Host-oauth_connect_[A-Za-z0-9_-]{16}=[A-Za-z0-9_-]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/,
    );
    expect(cookie!.length).toBeLessThan(900);
  });

  test('over plain http to a host that is not loopback (a proxy that ends TLS): still Secure', async () => {
    const [cookie] = await setCookies('http://app.example/oauth/start');
    expect(cookie).toMatch(/^__Host-oauth_connect_.*; Secure$/);
  });

  test('over plain http on loopback (development): no Secure, no prefix', async () => {
    const [cookie] = await setCookies('http://127.0.0.1:8080/oauth/start');
    expect(cookie).toMatch(/^oauth_connect_/);
    expect(cookie).not.toContain('Secure');
  });

  test('a path scoped to the exchange route takes __Secure- (a __Host- cookie must have Path=/)', async () => {
    const [cookie] = await setCookies('https://app.example/oauth/start', { path: '/oauth' });
    expect(cookie).toMatch(/^__Secure-oauth_connect_.*; Path=\/oauth;/);
  });

  test('embedded apps: SameSite=None and Partitioned when asked; None without Secure is refused at setup', async () => {
    const [cookie] = await setCookies('https://app.example/oauth/start', { sameSite: 'None', partitioned: true });
    expect(cookie).toMatch(/SameSite=None; Secure; Partitioned$/);
    expect(() => startHandler({ sameSite: 'None', secure: false })).toThrow('cookie "sameSite: None" needs "secure"');
  });

  test('50 abandoned starts in one browser leave at most 3 flow cookies: the oldest go first', async () => {
    const jar = new Map<string, string>();
    const created: string[] = [];
    for (let i = 0; i < 50; i++) {
      const header = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      for (const cookie of await setCookies('https://app.example/oauth/start', undefined, header)) {
        const [pair, ...attributes] = cookie.split('; ');
        const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
        if (attributes.includes('Max-Age=0')) jar.delete(name);
        else {
          jar.set(name, value);
          created.push(name);
        }
      }
      expect(jar.size).toBeLessThanOrEqual(3);
    }
    // The three kept are the three newest, and the Cookie header stays far from any server's header limit.
    expect([...jar.keys()]).toEqual(created.slice(-3));
    expect([...jar].map(([name, value]) => `${name}=${value}`).join('; ').length).toBeLessThan(3000);
  });
});

describe('toNodeListener and the scheme', () => {
  test('X-Forwarded-Proto counts only with trustProxy', async () => {
    const trusting = await listen(toNodeListener(startHandler(), { trustProxy: true }));
    const plain = await listen(toNodeListener(startHandler()));
    try {
      const request = {
        path: '/start',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
        body: '{"provider":"Test"}',
      };
      const behindProxy = await rawRequest(trusting.origin, request);
      expect(behindProxy.headers['set-cookie']![0]).toMatch(/^__Host-.*; Secure$/);
      const spoofed = await rawRequest(plain.origin, request);
      expect(spoofed.headers['set-cookie']![0]).toMatch(/^oauth_connect_/);
    } finally {
      await Promise.all([trusting.close(), plain.close()]);
    }
  });
});
