import { describe, expect, test } from 'vitest';
import { messageOriginsOf, resolveConfig, type ConnectOptions } from '../../src/core/config.js';
import { OAuthConnectError } from '../../src/core/errors.js';

const base: ConnectOptions = {
  authorizeUrl: 'https://provider.test/oauth/authorize',
  clientId: 'client-1',
  redirectUri: 'https://app.test/callback',
};

function configError(options: Partial<ConnectOptions>): OAuthConnectError {
  try {
    resolveConfig({ ...base, ...options } as ConnectOptions, 'https://app.test/page');
  } catch (error) {
    return error as OAuthConnectError;
  }
  throw new Error('expected invalid_config');
}

describe('resolveConfig', () => {
  test('applies the contract defaults', () => {
    const config = resolveConfig(base, 'https://app.test/page');
    expect(config).toMatchObject({
      display: 'popup',
      pkce: 'S256',
      responseMode: 'query',
      popupWidth: 500,
      popupHeight: 650,
      timeoutMs: 600_000,
      fallback: 'none',
      exchangeCredentials: 'same-origin',
      scope: '',
    });
    expect(messageOriginsOf(config)).toEqual(['https://app.test']);
  });

  test('resolves a relative exchange-url against the page', () => {
    expect(resolveConfig({ ...base, exchangeUrl: '/oauth/exchange' }, 'https://app.test/a/b').exchangeUrl).toBe(
      'https://app.test/oauth/exchange',
    );
  });

  test('with start-url, the authorize URL, client and redirect URI come from the backend and may be left out', () => {
    const config = resolveConfig(
      { startUrl: '/oauth/start', provider: 'gancio', instance: 'events.example' },
      'https://app.test/page',
    );
    expect(config).toMatchObject({
      startUrl: 'https://app.test/oauth/start',
      clientId: '',
      redirectUri: '',
      instance: 'https://events.example',
    });
    expect(messageOriginsOf(config)).toEqual([]);
  });

  test('web_message accepts messages from the callback page and from the provider itself', () => {
    expect(messageOriginsOf(resolveConfig({ ...base, responseMode: 'web_message' }, 'https://app.test/page'))).toEqual([
      'https://app.test',
      'https://provider.test',
    ]);
  });

  test.each([
    ['events.example', 'https://events.example'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['  https://Events.Example  ', 'https://events.example'],
  ])('reads the instance %j as %j', (instance, origin) => {
    expect(resolveConfig({ ...base, startUrl: '/start', instance }, 'https://app.test/').instance).toBe(origin);
  });

  test.each([
    'ftp://events.example',
    'https://events.example/path',
    'https://user@events.example',
    'https://events.example?x=1',
    'not a host at all',
  ])('refuses the instance %j as invalid_config naming instance', (instance) => {
    expect(configError({ startUrl: '/start', instance })).toMatchObject({
      code: 'invalid_config',
      attribute: 'instance',
    });
  });

  test.each([
    [{ authorizeUrl: '' }, 'authorize-url', /is required/],
    [{ authorizeUrl: 'javascript:alert(1)' }, 'authorize-url', /http\(s\)/],
    [{ authorizeUrl: 'not a url' }, 'authorize-url', /http\(s\) URL; got "not a url"/],
    [{ clientId: '' }, 'client-id', /is required/],
    [{ redirectUri: 'https://app.test/callback#x' }, 'redirect-uri', /fragment/],
    [{ exchangeUrl: 'data:text/plain,x' }, 'exchange-url', /http\(s\)/],
    [{ pkce: 'plain' }, 'pkce', /S256, off/],
    [{ responseMode: 'form_post' }, 'response-mode', /query, fragment, web_message/],
    [{ messageOrigins: 'https://app.test/path' }, 'message-origins', /bare origins/],
    [{ messageOrigins: '*' }, 'message-origins', /bare origins like https:\/\/app\.example; got \*/],
    [{ timeout: -1 }, 'timeout', /non-negative/],
    [{ popupWidth: 0 }, 'popup-width', /positive/],
    [{ params: 'state=fixed' }, 'params', /may not set "state"/],
    [{ params: 'redirect_uri=https://evil.test' }, 'params', /may not set "redirect_uri"/],
    [{ fallback: 'iframe' }, 'fallback', /none, redirect, auto/],
    [{ exchangeCredentials: 'always' }, 'exchange-credentials', /same-origin, omit, include/],
  ] as [Partial<ConnectOptions>, string, RegExp][])(
    'refuses %o as invalid_config naming %s',
    (options, attribute, message) => {
      const error = configError(options);
      expect(error).toBeInstanceOf(OAuthConnectError);
      expect(error.code).toBe('invalid_config');
      expect(error.attribute).toBe(attribute);
      expect(error.message).toContain(`"${attribute}"`);
      expect(error.message).toMatch(message);
    },
  );
});
