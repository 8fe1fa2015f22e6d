import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { csrfTokenFor } from '../../src/core/backend-request.js';
import { resolveConfig } from '../../src/core/config.js';
import { button, mountWidget, nextEvent } from './element-helpers.js';

const TOKEN = 'page-csrf-token';
const BACKEND = 'https://backend.test';

beforeEach(() => {
  const meta = Object.assign(document.createElement('meta'), { name: 'csrf-token', content: TOKEN });
  document.head.append(meta);
});

afterEach(() => {
  document.querySelector('meta[name="csrf-token"]')?.remove();
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
});

/** The X-CSRF-TOKEN header of each backend request a whole attempt made. */
async function csrfHeadersOf(attributes: Record<string, string>): Promise<(string | undefined)[]> {
  const { element, exchangeRequests } = await mountWidget({ attributes });
  const ended = Promise.race([nextEvent(element, 'oauth-connect-success'), nextEvent(element, 'oauth-connect-error')]);
  await userEvent.click(button(element));
  await ended;
  return exchangeRequests.map(({ init }) => (init!.headers as Record<string, string>)['X-CSRF-TOKEN']);
}

describe('X-CSRF-TOKEN goes only to the page origin and the origins it names', () => {
  test('a same-origin exchange-url receives the token', async () => {
    expect(await csrfHeadersOf({ 'exchange-url': '/exchange' })).toEqual([TOKEN]);
  });

  test('an absolute exchange-url on the page origin receives it too', async () => {
    expect(await csrfHeadersOf({ 'exchange-url': `${location.origin}/exchange` })).toEqual([TOKEN]);
  });

  test('a cross-origin exchange-url receives the code but not the token', async () => {
    expect(await csrfHeadersOf({ 'exchange-url': `${BACKEND}/exchange` })).toEqual([undefined]);
  });

  test('a cross-origin exchange-url named in csrf-origins receives it', async () => {
    const attributes = { 'exchange-url': `${BACKEND}/exchange`, 'csrf-origins': `https://other.test ${BACKEND}` };
    expect(await csrfHeadersOf(attributes)).toEqual([TOKEN]);
  });

  test('csrf-origins names origins, not hosts: the same host on another port gets nothing', async () => {
    const attributes = { 'exchange-url': `${BACKEND}:8443/exchange`, 'csrf-origins': BACKEND };
    expect(await csrfHeadersOf(attributes)).toEqual([undefined]);
  });

  test('a cross-origin start-url does not receive it either, unless named', async () => {
    // The start endpoint's answer is refused (no authorize_url); only its request matters here.
    expect(await csrfHeadersOf({ 'start-url': `${BACKEND}/start` })).toEqual([undefined]);
    expect(await csrfHeadersOf({ 'start-url': `${BACKEND}/start`, 'csrf-origins': BACKEND })).toEqual([TOKEN]);
    expect(await csrfHeadersOf({ 'start-url': '/start' })).toEqual([TOKEN]);
  });

  test('the csrf-origins attribute sets the csrfOrigins property', async () => {
    const { element } = await mountWidget({ attributes: { 'csrf-origins': BACKEND } });
    expect(element.csrfOrigins).toBe(BACKEND);
  });
});

describe('csrf-origins configuration', () => {
  const options = { authorizeUrl: 'https://id.test/authorize', clientId: 'c', redirectUri: 'https://app.test/cb' };

  test.each([
    ['*', 'entries must be bare http(s) origins like https://app.example; got *'],
    [
      'https://backend.test/api',
      'entries must be bare http(s) origins like https://app.example; got https://backend.test/api',
    ],
    ['null', 'entries must be bare http(s) origins like https://app.example; got null'],
    ['wss://backend.test', 'entries must be bare http(s) origins like https://app.example; got wss://backend.test'],
  ])('refuses %s with invalid_config naming csrf-origins', (csrfOrigins, problem) => {
    const error = { code: 'invalid_config', attribute: 'csrf-origins', message: `"csrf-origins" ${problem}` };
    const resolve = () => resolveConfig({ ...options, csrfOrigins }, 'https://app.test/');
    expect(resolve).toThrow(expect.objectContaining(error));
  });

  test('csrfTokenFor resolves a relative URL against the page', () => {
    expect(csrfTokenFor('/api/exchange', window)).toBe(TOKEN);
    expect(csrfTokenFor('//backend.test/api', window)).toBeUndefined();
    expect(csrfTokenFor('//backend.test/api', window, [BACKEND.replace('https:', location.protocol)])).toBe(TOKEN);
  });
});
