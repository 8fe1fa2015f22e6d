import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { By, error, until } from 'selenium-webdriver';
import {
  attemptState,
  clickConnect,
  openAndConnect,
  connectionText,
  eventLines,
  inWidget,
  loggedEvents,
  statusText,
  waitFor,
  widgetStatus,
} from './demo-page.js';
import { expect, test } from './fixtures.js';
import { expectConnectedOnce, expectNothingRedeemed } from './outcomes.js';
import { navigateAway, providerPageSeen, signInAndConsent } from './provider-pages.js';
import { WAIT_MS } from './webkit-session.js';

const callbackMessage = (params: Record<string, string>) => ({ type: 'oauth-connect:callback', v: 1, params });

test.describe('messages the widget must refuse, with no exchange request', () => {
  test('a forged message from another origin (a page in the popup at the provider origin)', async ({
    webkit,
    demo,
    exchanges,
  }) => {
    const { driver } = webkit;
    const popup = await openAndConnect(webkit, demo.url);
    const state = await attemptState(driver);
    await webkit.in(popup, async () => {
      await driver.wait(until.elementLocated(By.css('input[name=username]')), WAIT_MS);
      const forged = callbackMessage({ code: 'forged-code', state });
      await driver.executeScript('window.opener.postMessage(arguments[0], "*")', forged);
    });

    // Had the forgery been taken, the attempt would have ended with its code; the real response completes it.
    await signInAndConsent(webkit, popup);
    await expectConnectedOnce(webkit, exchanges, /^Connected to Demo ID/);
    expect(exchanges[0]!.body).not.toMatchObject({ code: 'forged-code' });
  });

  test('a message from another window of the same origin (a frame on the page)', async ({
    webkit,
    demo,
    exchanges,
  }) => {
    const { driver } = webkit;
    const popup = await openAndConnect(webkit, demo.url);
    const state = await attemptState(driver);
    await driver.executeScript(
      `const frame = document.createElement('iframe');
      frame.srcdoc = '<script>parent.postMessage(' + JSON.stringify(arguments[0]) + ', "*")<\\/script>';
      document.body.append(frame);`,
      callbackMessage({ code: 'same-origin-forgery', state }),
    );

    await signInAndConsent(webkit, popup);
    await expectConnectedOnce(webkit, exchanges, /^Connected to Demo ID/);
    expect(exchanges[0]!.body).not.toMatchObject({ code: 'same-origin-forgery' });
  });

  test('a response with a wrong state', async ({ webkit, demo, exchanges }) => {
    const { driver } = webkit;
    const popup = await openAndConnect(webkit, demo.url);
    await providerPageSeen(webkit, popup);
    await navigateAway(webkit, popup, `${demo.url}/callback?code=attacker-code&state=wrong-state`);

    // The callback posts the response and closes the popup: the widget ignores the one and sees the other.
    await webkit.closed(popup);
    await waitFor(driver, loggedEvents, ['oauth-connect-start', 'oauth-connect-cancel'], 'the logged events');
    expect(exchanges).toHaveLength(0);
  });

  test('a replayed response: an earlier attempt’s code and state, delivered to a new attempt', async ({
    webkit,
    demo,
    exchanges,
  }) => {
    const { driver } = webkit;
    await signInAndConsent(webkit, await openAndConnect(webkit, demo.url));
    await waitFor(driver, connectionText, /^Connected/, 'the connection line');
    const { code, state } = exchanges[0]!.body as { code: string; state: string };
    // Connected now: the Connect button comes back after Disconnect.
    await (await inWidget(driver, 'button[part=disconnect]')).click();
    await waitFor(driver, widgetStatus, 'idle', 'the element status');

    const popup = await clickConnect(webkit);
    await providerPageSeen(webkit, popup);
    const query = new URLSearchParams({ code, state });
    await navigateAway(webkit, popup, `${demo.url}/callback?${query}`);
    await waitFor(driver, loggedEvents, (types) => types.at(-1) === 'oauth-connect-cancel', 'the last event');
    expect(exchanges).toHaveLength(1);
    expect((await loggedEvents(driver)).filter((type) => type === 'oauth-connect-code')).toHaveLength(1);
  });

  test('the provider refusing (access_denied) is an error with no exchange', async ({ webkit, demo, exchanges }) => {
    const { driver } = webkit;
    await signInAndConsent(webkit, await openAndConnect(webkit, demo.url), 'Deny');
    await waitFor(driver, widgetStatus, 'error', 'the element status');
    expect(await statusText(driver)).toBe('Access was not granted.');
    expect(await loggedEvents(driver)).toEqual(['oauth-connect-start', 'oauth-connect-error']);
    expect((await eventLines(driver)).join('\n')).toContain('"code":"access_denied"');
    await expectNothingRedeemed(webkit, exchanges, 'error');
  });
});

test('a callback opened by a stranger page on another origin: the stranger receives nothing', async ({
  webkit,
  demo,
  exchanges,
}) => {
  const { driver } = webkit;
  const stranger = await serveStrangerPage(`${demo.url}/callback?code=stolen&state=guessed`);
  try {
    await driver.get(stranger.url);
    await (await driver.findElement(By.css('button'))).click();
    // The callback page closes its window at once, maybe before the driver has listed it: ask the stranger.
    await driver.wait(() => driver.executeScript<boolean>('return !!window.victim && window.victim.closed'), WAIT_MS);
    // A message posted to "*" before that close has arrived by now (checked in this browser): allow it 500 ms more.
    const received = () => driver.executeScript<unknown[]>('return window.received');
    await expect(driver.wait(async () => (await received()).length > 0, 500)).rejects.toThrow(error.TimeoutError);
    expect(await received()).toEqual([]);
    expect(await webkit.all()).toEqual([webkit.main]);
    expect(exchanges).toHaveLength(0);
  } finally {
    await stranger.close();
  }
});

/** A page on its own 127.0.0.1 port (another origin than the demo's) whose button opens `target` in a popup. */
async function serveStrangerPage(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const page = `<!doctype html><title>Stranger</title><button>open</button><script>
    window.received = [];
    addEventListener('message', (event) => window.received.push(event.data));
    const target = ${JSON.stringify(target)};
    document.querySelector('button').onclick = () => (window.victim = open(target, '_blank', 'popup'));
  </script>`;
  const server = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'text/html' }).end(page),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
