import { expect, test } from 'vitest';
import { isHttpUrl, parseHttpUrl, parseUrl } from '../../src/protocol/urls.js';

test.each([
  ['https://provider.test/authorize', true],
  ['http://127.0.0.1:8080/cb', true],
  ['HTTPS://Provider.Test/', true],
  ['javascript:alert(1)', false],
  ['data:text/html,x', false],
  ['ftp://provider.test/', false],
  ['file:///etc/passwd', false],
  ['blob:https://provider.test/1', false],
  ['wss://provider.test/', false],
])('%j is an http(s) URL: %s', (text, http) => {
  expect(isHttpUrl(new URL(text))).toBe(http);
  expect(parseHttpUrl(text)?.href).toBe(http ? new URL(text).href : undefined);
});

test('a text that is not a URL is undefined, never a throw', () => {
  for (const text of ['', 'not a url', 'https://', 'http://[::1', '//provider.test/x']) {
    expect(parseUrl(text)).toBeUndefined();
    expect(parseHttpUrl(text)).toBeUndefined();
  }
});

test('a relative URL resolves against its base, and the base decides the scheme', () => {
  expect(parseHttpUrl('/oauth/start', 'https://app.test/page')?.href).toBe('https://app.test/oauth/start');
  expect(parseHttpUrl('//other.test/x', 'https://app.test/')?.href).toBe('https://other.test/x');
  expect(parseHttpUrl('start', 'file:///srv/page')).toBeUndefined();
  expect(parseUrl('start', 'file:///srv/page')?.href).toBe('file:///srv/start');
});
