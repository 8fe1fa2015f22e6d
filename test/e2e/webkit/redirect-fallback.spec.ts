import { eventLines, loggedEvents, openPage, waitFor } from './demo-page.js';
import { expect, test } from './fixtures.js';
import { expectConnectedOnce, REDIRECT_SUCCESS } from './outcomes.js';
import { signInAndConsent } from './provider-pages.js';
import { WAIT_MS } from './webkit-session.js';

/** Starts an attempt from a script, not a click: WebKit blocks the popup, as Safari does. */
const connectWithoutGesture = 'document.querySelector("oauth-connect").connect().catch(() => {})';

test.describe('popup blocked, with fallback="redirect" (the demo page)', () => {
  test('the tab goes to the provider and back, and success fires once', async ({ webkit, demo, exchanges }) => {
    const { driver } = webkit;
    await openPage(webkit, demo.url);
    await driver.executeScript(connectWithoutGesture);
    await driver.wait(async () => (await driver.getCurrentUrl()).startsWith(`${demo.oidc.issuer}/`), WAIT_MS);
    expect(await webkit.all()).toEqual([webkit.main]);
    await signInAndConsent(webkit, webkit.main);

    await expectConnectedOnce(webkit, exchanges, /^Connected to Demo ID as Dana Demo/, { events: REDIRECT_SUCCESS });
    expect(await driver.getCurrentUrl()).toBe(`${demo.url}/`);
  });

  test('a redirect that comes back with another state is state_mismatch, nothing exchanged', async ({
    webkit,
    demo,
    exchanges,
  }) => {
    const { driver } = webkit;
    await openPage(webkit, demo.url);
    await driver.executeScript(connectWithoutGesture);
    await driver.wait(async () => (await driver.getCurrentUrl()).startsWith(`${demo.oidc.issuer}/`), WAIT_MS);
    await driver.get(`${demo.url}/callback?code=planted-code&state=not-the-one`);

    await waitFor(driver, eventLines, (lines) => lines.join('\n').includes('"code":"state_mismatch"'), 'the log');
    expect(await driver.getCurrentUrl()).toBe(`${demo.url}/`);
    expect(await loggedEvents(driver)).toEqual(['oauth-connect-error']);
    expect(exchanges).toHaveLength(0);
  });
});
