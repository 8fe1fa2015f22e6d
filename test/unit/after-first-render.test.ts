import { afterEach, expect, test, vi } from 'vitest';
import { saveRedirect } from '../../src/core/redirect-store.js';
import {
  prepareAgain,
  prepareSoon,
  preparing,
  takePrepared,
  whenRedirectReturns,
} from '../../src/element/after-first-render.js';
import { ConnectController, type ConnectHost } from '../../src/element/connect-controller.js';
import { mountWidget } from './element-helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
  for (const element of document.querySelectorAll('oauth-connect, [data-fake-host]')) element.remove();
});

/** A stand-in host on the page: what a ReactiveController needs of an element. */
function fakeHost() {
  const host = document.createElement('div') as unknown as ConnectHost;
  Object.assign(host, { addController() {}, requestUpdate() {} });
  host.dataset.fakeHost = '';
  document.body.append(host);
  return host;
}

const token = expect.stringMatching(/^[\w-]{43}$/);

/** Holds every SHA-256 digest until released; records the verifier each is of. */
function holdDigests() {
  const digest = crypto.subtle.digest.bind(crypto.subtle);
  const held: { verifier: string; release: () => void }[] = [];
  vi.spyOn(crypto.subtle, 'digest').mockImplementation(
    (algorithm, data) =>
      new Promise((resolve) =>
        held.push({
          verifier: new TextDecoder().decode(data as Uint8Array),
          release: () => resolve(digest(algorithm, data)),
        }),
      ),
  );
  return held;
}

test('an element connecting makes the values when none are ready; a failure to make them leaves none', async () => {
  vi.spyOn(crypto.subtle, 'digest').mockRejectedValueOnce(new Error('no Web Crypto here'));
  await prepareAgain();
  expect([takePrepared(), preparing()]).toEqual([undefined, undefined]);
  new ConnectController(fakeHost()).hostConnected();
  await preparing();
  expect(takePrepared()).toMatchObject({ state: token, codeVerifier: token, codeChallenge: token });
});

test('the elements of a page share one set of values: no more are made while one is being made or ready', async () => {
  const digest = vi.spyOn(crypto.subtle, 'digest');
  void prepareAgain();
  for (let element = 0; element < 3; element++) new ConnectController(fakeHost()).hostConnected();
  await preparing();
  for (let element = 0; element < 3; element++) new ConnectController(fakeHost()).hostConnected();
  prepareSoon();
  expect(digest).toHaveBeenCalledTimes(1);
  expect(preparing()).toBeUndefined();
  expect(takePrepared()).toMatchObject({ state: token, codeVerifier: token, codeChallenge: token });
});

test('each set goes to one attempt only: taking it makes the next at once', async () => {
  await prepareAgain();
  const first = takePrepared()!;
  expect(takePrepared()).toBeUndefined(); // never handed out again, and the next set is not ready yet
  await preparing();
  const second = takePrepared()!;
  expect(second).toMatchObject({ state: token, codeVerifier: token, codeChallenge: token });
  expect(second.state).not.toBe(first.state);
  expect(second.codeVerifier).not.toBe(first.codeVerifier);
  expect(second.codeChallenge).not.toBe(first.codeChallenge);
});

test('preparing again discards the values made, or being made, before: they are never handed out', async () => {
  await prepareAgain();
  const held = holdDigests();
  const stale = prepareAgain();
  expect(takePrepared()).toBeUndefined(); // the ready set is gone
  const fresh = prepareAgain();
  expect(held).toHaveLength(2);
  held[1].release();
  await fresh;
  held[0].release(); // the set being made before finishes last
  await stale;
  expect(takePrepared()!.codeVerifier).toBe(held[1].verifier);
  held[2].release(); // the next set, made when that one was taken
  await preparing();
});

test('an element that has rendered can open its popup at the final authorize URL', async () => {
  const { element } = await mountWidget();
  const opened: string[] = [];
  element.openPopup = (url) => (opened.push(url), null);
  element.connect().catch(() => {});
  expect(new URL(opened[0]).searchParams.get('code_challenge')).toEqual(token);
});

test('with no redirect coming back, many elements cost one storage read and resume nothing', async () => {
  const getItem = vi.spyOn(Storage.prototype, 'getItem');
  const resumes = [vi.fn(), vi.fn(), vi.fn()];
  for (const resume of resumes) whenRedirectReturns(window, resume);
  await vi.waitFor(() => expect(getItem).toHaveBeenCalled());
  expect(getItem).toHaveBeenCalledTimes(1);
  for (const resume of resumes) expect(resume).not.toHaveBeenCalled();
});

test('with a redirect attempt stored, every element that connected meanwhile is asked to resume', async () => {
  saveRedirect(window, {
    state: 's',
    returnUrl: location.href,
    clientId: 'c1',
    authorizeUrl: 'https://id.test/authorize',
    createdAt: Date.now(),
  });
  const getItem = vi.spyOn(Storage.prototype, 'getItem');
  const resumed = await Promise.all(
    [1, 2, 3].map((element) => new Promise((resolve) => whenRedirectReturns(window, () => resolve(element)))),
  );
  expect(resumed).toEqual([1, 2, 3]);
  expect(getItem).toHaveBeenCalledTimes(1);
});
