import { expect, test } from 'vitest';
import { messageOriginsOf, resolveConfig } from '../../src/core/config.js';
import { startOnServer } from '../../src/core/exchange.js';

const options = { startUrl: '/start', provider: 'gancio', instance: 'https://events.test' };

function backend(authorizeUrl: string) {
  const bodies: unknown[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    bodies.push(JSON.parse(init.body as string));
    return Response.json({ authorize_url: authorizeUrl });
  }) as unknown as typeof globalThis.fetch;
  return { bodies, env: { window, fetch } };
}

test('returns the configuration the response is checked against, and leaves the given one as it was', async () => {
  const config = resolveConfig(options, document.baseURI);
  const before = structuredClone({ ...config, authorizeUrl: config.authorizeUrl.href, params: '' });
  const url = 'https://events.test/authorize?state=s1&redirect_uri=https%3A%2F%2Fapp.test%2Fcb&response_mode=fragment';
  const { bodies, env } = backend(url);
  const started = await startOnServer(config, env, new AbortController().signal);
  expect(bodies).toEqual([{ provider: 'gancio', instance: 'https://events.test' }]);
  expect(started.request).toEqual({ authorizeUrl: url, state: 's1' });
  expect(started.config).toMatchObject({ redirectUri: 'https://app.test/cb', responseMode: 'fragment' });
  expect(messageOriginsOf(started.config)).toEqual(['https://app.test']);
  expect(started.config.authorizeUrl.href).toBe(url);
  expect({ ...config, authorizeUrl: config.authorizeUrl.href, params: '' }).toEqual(before);
});

test('message-origins the page set are kept; web_message adds the provider by default', async () => {
  const url =
    'https://events.test/authorize?state=s&redirect_uri=https%3A%2F%2Fapp.test%2Fcb&response_mode=web_message';
  const given = resolveConfig({ ...options, messageOrigins: 'https://mine.test' }, document.baseURI);
  const started = await startOnServer(given, backend(url).env, new AbortController().signal);
  expect(messageOriginsOf(started.config)).toEqual(['https://mine.test']);
  const defaulted = resolveConfig(options, document.baseURI);
  const startedWithDefaults = await startOnServer(defaulted, backend(url).env, new AbortController().signal);
  expect(messageOriginsOf(startedWithDefaults.config)).toEqual(['https://app.test', 'https://events.test']);
});

test('an answer without a state is start_failed', async () => {
  const config = resolveConfig(options, document.baseURI);
  const { env } = backend('https://events.test/authorize?redirect_uri=https%3A%2F%2Fapp.test%2Fcb');
  await expect(startOnServer(config, env, new AbortController().signal)).rejects.toMatchObject({
    code: 'start_failed',
    message: 'The start endpoint answered with an "authorize_url" without a "state"',
  });
});

test('an answer whose redirect_uri is not a URL is start_failed: no response could be checked against it', async () => {
  const config = resolveConfig(options, document.baseURI);
  const { env } = backend('https://events.test/authorize?state=s1&redirect_uri=not%20a%20url');
  await expect(startOnServer(config, env, new AbortController().signal)).rejects.toMatchObject({
    code: 'start_failed',
    message: 'The start endpoint answered with an "authorize_url" without a "redirect_uri"',
  });
});
