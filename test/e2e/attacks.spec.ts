import {
  attemptState,
  callbackMessage,
  clickConnect,
  connectAsDemoUser,
  expect,
  gotoAndClickConnect,
  loggedEvents,
  navigateAway,
  settle,
  signInAndConsent,
  providerPageSeen,
  test,
} from './fixtures.js';

test.describe('messages the widget must refuse, with no exchange request', () => {
  test('a forged message from another origin (a page in the popup at the provider origin)', async ({
    page,
    demo,
    exchanges,
  }) => {
    const popup = await gotoAndClickConnect(page, demo.url);
    const state = await attemptState(page);
    await popup.getByLabel('Username').waitFor();
    await popup.evaluate(
      (message) => window.opener.postMessage(message, '*'),
      callbackMessage({ code: 'forged-code', state }),
    );
    await settle();
    expect(await loggedEvents(page)).toEqual(['oauth-connect-start']);
    expect(exchanges).toHaveLength(0);

    // The real response still completes the attempt, with the real code.
    await signInAndConsent(popup);
    await expect(page.getByTestId('connection')).toContainText('Connected to Demo ID');
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0].body).not.toMatchObject({ code: 'forged-code' });
  });

  test('a message from another window of the same origin', async ({ page, demo, exchanges }) => {
    const popup = await gotoAndClickConnect(page, demo.url);
    const state = await attemptState(page);
    await page.evaluate(
      (message) => {
        const frame = document.createElement('iframe');
        frame.srcdoc = `<script>parent.postMessage(${JSON.stringify(message)}, location.origin === 'null' ? '*' : parent.location.origin)</script>`;
        document.body.append(frame);
      },
      callbackMessage({ code: 'same-origin-forgery', state }),
    );
    await settle();
    expect(await loggedEvents(page)).toEqual(['oauth-connect-start']);
    expect(exchanges).toHaveLength(0);
    await popup.close();
  });

  test('a response with a wrong state', async ({ page, demo, exchanges }) => {
    const popup = await gotoAndClickConnect(page, demo.url);
    await providerPageSeen(popup);
    await navigateAway(popup, `${demo.url}/callback?code=attacker-code&state=wrong-state`);
    await expect(page.getByTestId('event-log')).toContainText('oauth-connect-cancel');
    expect(await loggedEvents(page)).toEqual(['oauth-connect-start', 'oauth-connect-cancel']);
    expect(exchanges).toHaveLength(0);
  });

  test('a replayed response: an earlier attempt’s code and state, delivered to a new attempt', async ({
    page,
    demo,
    exchanges,
  }) => {
    await connectAsDemoUser(page, demo.url);
    const { code, state } = exchanges[0].body as { code: string; state: string };
    // Connected now: the Connect button comes back after Disconnect.
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'idle');

    const popup = await clickConnect(page);
    await providerPageSeen(popup);
    await navigateAway(
      popup,
      `${demo.url}/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`,
    );
    await expect(page.getByTestId('event-log').locator('li').last()).toContainText('oauth-connect-cancel');
    expect(exchanges).toHaveLength(1);
    expect((await loggedEvents(page)).filter((type) => type === 'oauth-connect-code')).toHaveLength(1);
  });

  test('the provider refusing (access_denied) is an error with no exchange', async ({ page, demo, exchanges }) => {
    await signInAndConsent(await gotoAndClickConnect(page, demo.url), 'Deny');
    await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'error');
    await expect(page.getByRole('status')).toHaveText('Access was not granted.');
    expect(await loggedEvents(page)).toEqual(['oauth-connect-start', 'oauth-connect-error']);
    await expect(page.getByTestId('event-log')).toContainText('"code":"access_denied"');
    expect(exchanges).toHaveLength(0);
  });

  test('a callback opened by a stranger page on another origin: the stranger receives nothing', async ({
    page,
    demo,
    exchanges,
  }) => {
    await page.route('http://stranger.test/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<button>open</button><script>
          window.received = [];
          addEventListener('message', (event) => window.received.push(event.data));
          document.querySelector('button').onclick = () => { window.victim = open(${JSON.stringify(`${demo.url}/callback?code=stolen&state=guessed`)}, '_blank', 'popup'); };
        </script>`,
      }),
    );
    await page.goto('http://stranger.test/');
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'open' }).click();
    const callbackWindow = await popup;
    await expect.poll(() => callbackWindow.isClosed()).toBe(true); // it may close before a close listener could attach
    await settle(300);
    expect(await page.evaluate(() => (window as unknown as { received: unknown[] }).received)).toEqual([]);
    expect(exchanges).toHaveLength(0);
  });
});
