import { describe, expect, test } from 'vitest';
import { resolveConfig, type ConnectOptions } from '../../src/core/config.js';
import { exchangeCode, readCsrfToken } from '../../src/core/exchange.js';
import { OAuthConnectError } from '../../src/core/errors.js';

const code = {
  code: 'c0de',
  state: 's1',
  redirectUri: 'https://app.test/cb',
  codeVerifier: 'v3rifier',
  iss: 'https://id.test',
};

/** The configuration of an attempt whose exchange goes to https://app.test/x. */
const configWith = (options: ConnectOptions = {}) =>
  resolveConfig(
    {
      authorizeUrl: 'https://id.test/authorize',
      clientId: 'c',
      redirectUri: 'https://app.test/cb',
      exchangeUrl: 'https://app.test/x',
      ...options,
    },
    document.baseURI,
  );

const signal = new AbortController().signal;

function recordingFetch(respond: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond();
  }) as unknown as typeof fetch;
  return { calls, fetcher };
}

async function failure(respond: () => Response | Promise<Response>): Promise<OAuthConnectError> {
  const { fetcher, calls } = recordingFetch(respond);
  const error = await exchangeCode(code, configWith(), { window, fetch: fetcher }, signal).catch((e) => e);
  expect(calls).toHaveLength(1); // never retried
  return error;
}

describe('exchangeCode', () => {
  test('POSTs the contract body as JSON with the CSRF header and credentials mode', async () => {
    const { fetcher, calls } = recordingFetch(() => Response.json({ ok: true }, { status: 201 }));
    const meta = Object.assign(document.createElement('meta'), { name: 'csrf-token', content: 't0ken' });
    document.head.append(meta);
    const config = configWith({ provider: 'Kanka', exchangeCredentials: 'include', csrfOrigins: 'https://app.test' });
    const result = await exchangeCode(code, config, { window, fetch: fetcher }, signal).finally(() => meta.remove());
    expect(result).toEqual({ response: { ok: true }, status: 201 });
    const { url, init } = calls[0];
    expect(url).toBe('https://app.test/x');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('include');
    expect(init.headers).toEqual({
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-CSRF-TOKEN': 't0ken',
    });
    expect(JSON.parse(init.body as string)).toEqual({
      code: 'c0de',
      state: 's1',
      redirect_uri: 'https://app.test/cb',
      code_verifier: 'v3rifier',
      iss: 'https://id.test',
      provider: 'Kanka',
    });
  });

  test('adds the nonce of an OpenID Connect request', async () => {
    const { fetcher, calls } = recordingFetch(() => Response.json({}));
    const openIdCode = { code: 'c', state: 's', redirectUri: 'r', nonce: 'n0nce' };
    await exchangeCode(openIdCode, configWith(), { window, fetch: fetcher }, signal);
    expect(JSON.parse(calls[0].init.body as string)).toEqual({
      code: 'c',
      state: 's',
      redirect_uri: 'r',
      nonce: 'n0nce',
    });
  });

  test('leaves out code_verifier, iss and provider when there are none', async () => {
    const { fetcher, calls } = recordingFetch(() => Response.json({}));
    await exchangeCode({ code: 'c', state: 's', redirectUri: 'r' }, configWith(), { window, fetch: fetcher }, signal);
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ code: 'c', state: 's', redirect_uri: 'r' });
  });

  test('HTTP 500 is exchange_failed with the status and the backend description', async () => {
    const error = await failure(() =>
      Response.json({ error: 'invalid_grant', error_description: 'code expired' }, { status: 500 }),
    );
    expect(error).toMatchObject({ code: 'exchange_failed', status: 500, description: 'code expired' });
  });

  test('a 200 that is not JSON is exchange_failed', async () => {
    const error = await failure(
      () => new Response('<html>login</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
    );
    expect(error).toMatchObject({ code: 'exchange_failed', status: 200 });
  });

  test('a failed request is network_error', async () => {
    const error = await failure(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(error).toBeInstanceOf(OAuthConnectError);
    expect(error.code).toBe('network_error');
  });

  test('reads the csrf-token meta of the page', () => {
    const doc = document.implementation.createHTMLDocument();
    expect(readCsrfToken(doc)).toBeUndefined();
    doc.head.innerHTML = '<meta name="csrf-token" content="abc">';
    expect(readCsrfToken(doc)).toBe('abc');
  });
});
