import { afterEach, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { openIdNonce } from '../../src/core/prepared-request.js';
import { resolveConfig } from '../../src/core/config.js';
import { FIXTURES, button, mountWidget, recordEvents } from './element-helpers.js';

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
});

/** A whole attempt: the authorize URL the popup went to, the code event's detail and the exchange body. */
async function attempt(attributes: Record<string, string>) {
  const { element, exchangeRequests } = await mountWidget({ attributes });
  const log = recordEvents(element);
  await userEvent.click(button(element));
  await expect.poll(() => element.status).toBe('connected');
  return {
    authorizeUrl: new URL(log.find(({ type }) => type === 'oauth-connect-start')!.detail.authorizeUrl),
    code: log.find(({ type }) => type === 'oauth-connect-code')!.detail,
    body: JSON.parse(exchangeRequests[0].init!.body as string),
  };
}

test('with openid in scope: a fresh nonce in the authorize URL, the code event and the exchange body', async () => {
  const first = await attempt({ scope: 'openid profile' });
  const nonce = first.authorizeUrl.searchParams.get('nonce');
  expect(nonce).toMatch(/^[\w-]{43}$/);
  expect(nonce).not.toBe(first.authorizeUrl.searchParams.get('state'));
  expect(first.code.nonce).toBe(nonce);
  expect(first.body.nonce).toBe(nonce);

  const second = await attempt({ scope: 'openid profile' });
  expect(second.authorizeUrl.searchParams.get('nonce')).not.toBe(nonce);
});

test('without openid in scope: no nonce anywhere', async () => {
  for (const scope of ['profile email', 'openid_like profile']) {
    const { authorizeUrl, code, body } = await attempt({ scope });
    expect(authorizeUrl.searchParams.has('nonce')).toBe(false);
    expect(code).not.toHaveProperty('nonce');
    expect(body).not.toHaveProperty('nonce');
  }
});

test('a nonce given in params is the one sent, once, and passed to the backend', async () => {
  const { authorizeUrl, code, body } = await attempt({ scope: 'openid', params: 'nonce=page-n0nce&prompt=consent' });
  expect(authorizeUrl.searchParams.getAll('nonce')).toEqual(['page-n0nce']);
  expect(code.nonce).toBe('page-n0nce');
  expect(body.nonce).toBe('page-n0nce');
});

test('start-url mode: the backend builds the request and keeps its nonce, so the widget adds none', async () => {
  const { element } = await mountWidget({ attributes: { 'start-url': '/start', scope: 'openid' } });
  const bodies: Record<string, unknown>[] = [];
  element.fetch = async (url, init) => {
    bodies.push(JSON.parse(init!.body as string));
    if (!String(url).endsWith('/start')) return Response.json({ connected: true });
    const authorize = new URL(`${FIXTURES}/authorize.html?outcome=code&scope=openid&state=backend-state`);
    authorize.searchParams.set('redirect_uri', `${FIXTURES}/callback.html`);
    return Response.json({ authorize_url: authorize.href });
  };
  const log = recordEvents(element);
  await userEvent.click(button(element));
  await expect.poll(() => element.status).toBe('connected');
  const start = log.find(({ type }) => type === 'oauth-connect-start')!;
  expect(new URL(start.detail.authorizeUrl).searchParams.has('nonce')).toBe(false);
  expect(bodies).toHaveLength(2);
  expect(bodies[1]).toMatchObject({ state: 'backend-state' });
  expect(bodies[1]).not.toHaveProperty('nonce');
});

test('openIdNonce: only with openid as a scope token, fresh on each call', () => {
  const options = { authorizeUrl: 'https://id.test/a', clientId: 'c', redirectUri: 'https://app.test/cb' };
  const config = (scope: string) => resolveConfig({ ...options, scope }, 'https://app.test/');
  expect(openIdNonce(config('profile openid'))).not.toBe(openIdNonce(config('profile openid')));
  expect(openIdNonce(config('openid-connect'))).toBeUndefined();
});
