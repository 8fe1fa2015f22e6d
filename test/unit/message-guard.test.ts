import { describe, expect, test } from 'vitest';
import type { MessageConfig } from '../../src/core/config.js';
import { acceptCallbackMessage } from '../../src/core/response-listener.js';

const popup = window; // any window object stands for "the popup this attempt opened"
/** What decides where a response may come from: `message-origins`, else the redirect URI (and provider). */
const messageConfig = (options: Partial<MessageConfig>): MessageConfig => ({
  redirectUri: 'https://app.test/cb',
  authorizeUrl: new URL('https://id.test/authorize'),
  responseMode: 'query',
  ...options,
});
const expected = {
  config: messageConfig({ messageOrigins: ['https://app.test'] }),
  popup,
  state: 'good-state',
};
const valid = {
  type: 'oauth-connect:callback',
  v: 1,
  params: { code: 'c0de', state: 'good-state', iss: 'https://id.test' },
};

function message(init: Partial<MessageEventInit>): MessageEvent {
  return new MessageEvent('message', { origin: 'https://app.test', source: popup, data: valid, ...init });
}

describe('acceptCallbackMessage', () => {
  test('accepts the callback of this attempt', () => {
    expect(acceptCallbackMessage(message({}), expected)).toEqual(valid.params);
  });

  test.each<[string, Partial<MessageEventInit>]>([
    ['another origin', { origin: 'https://evil.test' }],
    ['an origin that only starts like the allowed one', { origin: 'https://app.test.evil.test' }],
    ['another window of an allowed origin', { source: null }],
    ['a wrong state', { data: { ...valid, params: { ...valid.params, state: 'other' } } }],
    ['no state', { data: { ...valid, params: { code: 'c0de' } } }],
    ['another message type', { data: { ...valid, type: 'something-else' } }],
    ['another version', { data: { ...valid, v: 2 } }],
    ['a string payload', { data: JSON.stringify(valid) }],
    ['params that are an array', { data: { ...valid, params: ['c0de'] } }],
    ['an unknown parameter', { data: { ...valid, params: { ...valid.params, access_token: 'x' } } }],
    ['a value that is not a string', { data: { ...valid, params: { ...valid.params, code: ['a', 'b'] } } }],
    ['an oversized value', { data: { ...valid, params: { ...valid.params, code: 'x'.repeat(5000) } } }],
    ['neither code nor error', { data: { ...valid, params: { state: 'good-state' } } }],
  ])('ignores %s', (_name, init) => {
    expect(acceptCallbackMessage(message(init), expected)).toBeUndefined();
  });

  test('ignores everything when the popup is gone', () => {
    expect(acceptCallbackMessage(message({}), { ...expected, popup: null })).toBeUndefined();
  });
});

describe('acceptCallbackMessage with response-mode="web_message"', () => {
  // By default: the callback page's origin, and the provider's.
  const provider = { ...expected, config: messageConfig({ responseMode: 'web_message' }) };
  const response = { type: 'authorization_response', response: { code: 'c0de', state: 'good-state' } };

  test("accepts the provider's own authorization_response from the popup", () => {
    expect(acceptCallbackMessage(message({ origin: 'https://id.test', data: response }), provider)).toEqual(
      response.response,
    );
  });

  test.each<[string, Partial<MessageEventInit>]>([
    ['another origin', { origin: 'https://evil.test', data: response }],
    ['another window', { origin: 'https://id.test', source: null, data: response }],
    ['a wrong state', { origin: 'https://id.test', data: { ...response, response: { code: 'c0de', state: 'other' } } }],
    [
      'an unknown parameter',
      { origin: 'https://id.test', data: { ...response, response: { ...response.response, access_token: 'x' } } },
    ],
  ])('ignores it from %s', (_case, init) => {
    expect(acceptCallbackMessage(message(init), provider)).toBeUndefined();
  });

  test('ignores the authorization_response shape when the attempt did not ask for web_message', () => {
    expect(
      acceptCallbackMessage(message({ origin: 'https://id.test', data: response }), {
        ...provider,
        config: messageConfig({ messageOrigins: ['https://app.test', 'https://id.test'] }),
      }),
    ).toBeUndefined();
  });
});
