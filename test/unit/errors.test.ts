import { expect, test } from 'vitest';
import { interpretAuthorizationResponse } from '../../src/core/authorization-response.js';
import { ErrorCodes, OAuthConnectError, invalidConfig, popupBlocked } from '../../src/core/errors.js';

test('ErrorCodes names every code the widget raises', () => {
  expect(ErrorCodes.POPUP_BLOCKED).toBe('popup_blocked');
  expect(ErrorCodes.INVALID_CONFIG).toBe('invalid_config');
  expect(ErrorCodes.HOOK_FAILED).toBe('hook_failed');
  expect(Object.isFrozen(ErrorCodes)).toBe(true);
  expect(popupBlocked().code).toBe(ErrorCodes.POPUP_BLOCKED);
});

test("the provider's own error keeps its code and is marked as the provider's", () => {
  const context = { config: { redirectUri: 'https://app.test/cb' } };
  const params = {
    error: 'access_denied',
    error_description: 'no',
    error_uri: 'https://id.test/e',
    state: 's',
  };
  expect(() => interpretAuthorizationResponse({ params }, context)).toThrow(
    expect.objectContaining({ code: 'access_denied', source: 'provider', description: 'no', uri: 'https://id.test/e' }),
  );
});

test('errors of our own are marked as the client’s', () => {
  expect(popupBlocked().source).toBe('client');
  expect(invalidConfig('pkce', 'is wrong').toDetail()).toEqual({
    code: 'invalid_config',
    message: '"pkce" is wrong',
    source: 'client',
    attribute: 'pkce',
  });
});

test('toDetail carries every field but the cause; the cause stays on the error', () => {
  const cause = new Error('socket closed');
  const error = new OAuthConnectError('cancelled', 'stopped', { reason: 'aborted', status: 0, cause });
  expect(error.cause).toBe(cause);
  expect(error.toDetail()).toEqual({
    code: 'cancelled',
    message: 'stopped',
    source: 'client',
    reason: 'aborted',
    status: 0,
  });
});

test('there is one popup_blocked message', () => {
  expect(popupBlocked().message).toBe('The browser blocked the popup');
});
