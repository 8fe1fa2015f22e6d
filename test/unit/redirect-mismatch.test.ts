import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { interpretAuthorizationResponse } from '../../src/core/authorization-response.js';
import type { CallbackParams } from '../../src/core/callback-message.js';
import { resolveConfig } from '../../src/core/config.js';
import { resumeRedirect } from '../../src/core/redirect-resume.js';
import { saveRedirect, saveRedirectResponse } from '../../src/core/redirect-store.js';
import type { OAuthConnectElement } from '../../src/oauth-connect.js';
import { FIXTURES, button, endEvents, mountWidget, nextEvent, recordEvents } from './element-helpers.js';

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
  sessionStorage.clear();
});

const CALLBACK = `${FIXTURES}/callback.html`;
/** Another callback page of the same origin: where a mixed-up response lands (RFC 9700 section 4.4). */
const OTHER_CALLBACK = `${location.origin}/other-provider/callback`;

/** A callback message as the callback script sends it; `redirectUri` absent as an older script sends it. */
function callbackMessage(params: CallbackParams, redirectUri?: unknown) {
  const message = { type: 'oauth-connect:callback', v: 1, params };
  return redirectUri === undefined ? message : { ...message, redirect_uri: redirectUri };
}

/** Makes the attempt's own popup post `message` to the widget, as a callback page would. */
async function postFromPopup(popup: Window, message: unknown): Promise<void> {
  await expect.poll(() => popup.location.pathname).toBe('/test/fixtures/authorize.html');
  (popup as Window & typeof globalThis).eval(`opener.postMessage(${JSON.stringify(message)}, '*')`);
}

/** Clicks the widget and returns the state of the attempt it started. */
async function startAttempt(element: OAuthConnectElement): Promise<string> {
  const start = nextEvent(element, 'oauth-connect-start');
  await userEvent.click(button(element));
  return new URL((await start).detail.authorizeUrl).searchParams.get('state')!;
}

const bodyOf = (init?: RequestInit) => JSON.parse(init!.body as string);

describe('where the response arrived (mix-up defence, RFC 9700 section 4.4.2)', () => {
  test('a message from the popup that arrived at another redirect URI is redirect_mismatch, no exchange', async () => {
    const { element, popups, exchangeRequests } = await mountWidget({ outcome: 'wait' });
    const log = recordEvents(element);
    const state = await startAttempt(element);
    const error = nextEvent(element, 'oauth-connect-error');
    await postFromPopup(popups[0], callbackMessage({ code: 'mixed-up', state }, OTHER_CALLBACK));
    expect((await error).detail).toEqual({
      code: 'redirect_mismatch',
      source: 'client',
      message: `the response arrived at ${OTHER_CALLBACK}, not at this attempt's redirect URI ${CALLBACK}`,
    });
    expect(log.map(({ type }) => type)).toEqual(['oauth-connect-start', 'oauth-connect-error']);
    expect(exchangeRequests).toHaveLength(0);
    expect(element.status).toBe('error');
  });

  test('a message without redirect_uri (an older callback script) still completes the attempt', async () => {
    const { element, popups, exchangeRequests } = await mountWidget({ outcome: 'wait' });
    const state = await startAttempt(element);
    const success = nextEvent(element, 'oauth-connect-success');
    await postFromPopup(popups[0], callbackMessage({ code: 'older-callback', state }));
    expect((await success).detail).toEqual({ response: { connected: true }, status: 200 });
    expect(bodyOf(exchangeRequests[0].init)).toMatchObject({ code: 'older-callback', redirect_uri: CALLBACK });
  });

  test('a message whose redirect_uri is not a string is ignored like any malformed message', async () => {
    const { element, popups, exchangeRequests } = await mountWidget({ outcome: 'wait' });
    const log = recordEvents(element);
    const state = await startAttempt(element);
    await postFromPopup(popups[0], callbackMessage({ code: 'odd', state }, [CALLBACK]));
    // The real response afterwards still completes it: the odd message ended nothing.
    const success = nextEvent(element, 'oauth-connect-success');
    await postFromPopup(popups[0], callbackMessage({ code: 'real', state }, CALLBACK));
    await success;
    expect(endEvents(log)).toHaveLength(1);
    expect(exchangeRequests.map(({ init }) => bodyOf(init).code)).toEqual(['real']);
  });

  test('over BroadcastChannel (popup cut off by COOP) too: redirect_mismatch, no exchange', async () => {
    const { element, exchangeRequests } = await mountWidget({ outcome: 'wait' });
    const state = await startAttempt(element);
    const error = nextEvent(element, 'oauth-connect-error');
    const channel = new BroadcastChannel(`oauth-connect:${state}`);
    channel.postMessage(callbackMessage({ code: 'mixed-up', state }, OTHER_CALLBACK));
    channel.close();
    expect((await error).detail.code).toBe('redirect_mismatch');
    expect(exchangeRequests).toHaveLength(0);
  });

  test('start-url mode: compared with the redirect_uri of the authorize URL the backend returned', async () => {
    const { element, popups } = await mountWidget({ outcome: 'wait', attributes: { 'start-url': '/start' } });
    const backendRedirectUri = `${location.origin}/backend-chose/callback`;
    const requests: string[] = [];
    element.fetch = async (url) => {
      requests.push(String(url));
      const authorize = new URL(`${FIXTURES}/authorize.html?outcome=wait`);
      authorize.searchParams.set('state', 'backend-state');
      authorize.searchParams.set('redirect_uri', backendRedirectUri);
      return Response.json({ authorize_url: authorize.href });
    };
    await userEvent.click(button(element));
    const error = nextEvent(element, 'oauth-connect-error');
    // The fixture callback page is the element's redirect-uri, but not the backend's.
    await postFromPopup(popups[0], callbackMessage({ code: 'c', state: 'backend-state' }, CALLBACK));
    const { detail } = await error;
    expect(detail).toMatchObject({ code: 'redirect_mismatch', message: expect.stringContaining(backendRedirectUri) });
    expect(requests).toEqual([`${location.origin}/start`]);
  });
});

describe('redirect fallback: the arrival kept in sessionStorage is checked on return', () => {
  const AUTHORIZE = `${FIXTURES}/authorize.html`;

  function returnFromRedirect(saved: unknown, nonce?: string) {
    const requests: RequestInit[] = [];
    const record = { state: 's1', nonce, returnUrl: location.href, clientId: 'c1', authorizeUrl: AUTHORIZE };
    saveRedirect(window, { ...record, createdAt: Date.now() });
    sessionStorage.setItem('oauth-connect:redirect-response', JSON.stringify(saved));
    const fetch = (async (_url: string, init: RequestInit) => {
      requests.push(init);
      return Response.json({ ok: true });
    }) as unknown as typeof globalThis.fetch;
    const options = { authorizeUrl: AUTHORIZE, clientId: 'c1', redirectUri: CALLBACK, exchangeUrl: '/exchange' };
    const config = resolveConfig(options, document.baseURI);
    const outcome = resumeRedirect(config, { window, fetch })?.outcome;
    return { outcome, requests };
  }

  test('a response kept from another redirect URI is redirect_mismatch, with no exchange', async () => {
    const { outcome, requests } = returnFromRedirect(callbackMessage({ code: 'c', state: 's1' }, OTHER_CALLBACK));
    expect(await outcome).toMatchObject({ kind: 'error', error: { code: 'redirect_mismatch' } });
    expect(requests).toHaveLength(0);
  });

  test('the callback keeps its whole message; one from this redirect URI completes, with the kept nonce', async () => {
    saveRedirectResponse(window, {
      type: 'oauth-connect:callback',
      v: 1,
      params: { code: 'c', state: 's1' },
      redirect_uri: CALLBACK,
    });
    const kept = JSON.parse(sessionStorage.getItem('oauth-connect:redirect-response')!);
    const { outcome, requests } = returnFromRedirect(kept, 'n0nce');
    expect(await outcome).toMatchObject({ kind: 'success' });
    expect(bodyOf(requests[0])).toMatchObject({ code: 'c', redirect_uri: CALLBACK, nonce: 'n0nce' });
  });

  test('bare params kept by an older callback script still complete', async () => {
    const { outcome, requests } = returnFromRedirect({ code: 'c', state: 's1' });
    expect(await outcome).toMatchObject({ kind: 'success' });
    expect(requests).toHaveLength(1);
  });
});

describe('interpretAuthorizationResponse', () => {
  const params = { code: 'c', state: 's' };

  test('compares by origin and path: a redirect URI with a query matches the callback that dropped it', () => {
    const redirectUri = 'https://app.test/cb?provider=kanka';
    const response = { params, redirectUri: 'https://app.test/cb' };
    expect(interpretAuthorizationResponse(response, { config: { redirectUri } })).toMatchObject({ redirectUri });
  });

  test.each([
    ['another path', 'https://app.test/other/cb'],
    ['another origin', 'https://evil.test/cb'],
    ['another port', 'https://app.test:8443/cb'],
    ['a path with a trailing slash', 'https://app.test/cb/'],
    ['something that is not a URL', 'not a url'],
  ])('refuses %s as redirect_mismatch, before passing on a provider error', (_name, arrivedAt) => {
    const message = `the response arrived at ${arrivedAt}, not at this attempt's redirect URI https://app.test/cb`;
    for (const response of [params, { error: 'access_denied', state: 's' }]) {
      expect(() =>
        interpretAuthorizationResponse(
          { params: response, redirectUri: arrivedAt },
          { config: { redirectUri: 'https://app.test/cb' } },
        ),
      ).toThrow(expect.objectContaining({ code: 'redirect_mismatch', message }));
    }
  });
});
