import { DEMO_ACCOUNT } from '../../../demo/provider/accounts.js';
import {
  openAndConnect,
  connectButton,
  eventLines,
  loggedEvents,
  openPage,
  statusText,
  waitFor,
  widgetStatus,
} from './demo-page.js';
import { expect, test } from './fixtures.js';
import { expectConnectedOnce, expectNothingRedeemed } from './outcomes.js';
import { logInAndAuthorize, providerPageSeen, signInAndConsent } from './provider-pages.js';

const CONNECTED = `Connected to Demo ID as ${DEMO_ACCOUNT.claims.name} (${DEMO_ACCOUNT.claims.email}).`;

test('click, sign in and consent in the popup window: the page shows the connected user', async ({
  webkit,
  demo,
  exchanges,
}) => {
  const { driver } = webkit;
  const popup = await openAndConnect(webkit, demo.url);
  await signInAndConsent(webkit, popup);

  await expectConnectedOnce(webkit, exchanges, CONNECTED, { popup });
  expect(await widgetStatus(driver)).toBe('connected');
  expect(exchanges[0]!.status).toBe(200);
  // The tokens stayed on the server.
  const tokens = demo.backend.tokens.get(`Demo ID:${DEMO_ACCOUNT.claims.sub}`)!;
  expect((await eventLines(driver)).join('\n')).not.toContain(tokens.access_token);
  expect(await webkit.all()).toEqual([webkit.main]);
});

test('the user closing the popup ends the attempt as cancel, with no exchange', async ({ webkit, demo, exchanges }) => {
  const { driver } = webkit;
  const popup = await openAndConnect(webkit, demo.url);
  await providerPageSeen(webkit, popup);
  const closedAt = Date.now();
  await webkit.close(popup);

  const cancel = 'oauth-connect-cancel {"reason":"popup_closed"}';
  await waitFor(driver, eventLines, (lines) => lines.includes(cancel), 'the event log', 1500);
  expect(Date.now() - closedAt).toBeLessThan(1500);
  await expectNothingRedeemed(webkit, exchanges, 'idle');
});

// Whether the popup comes forward is not observable here: without a window manager, focus stays where it was.
test('a second click while pending opens no second window; the first one completes the flow', async ({
  webkit,
  demo,
  exchanges,
}) => {
  const { driver } = webkit;
  const popup = await openAndConnect(webkit, demo.url);
  await (await connectButton(driver)).click();
  expect(await webkit.all()).toHaveLength(2);

  await signInAndConsent(webkit, popup);
  await expectConnectedOnce(webkit, exchanges, CONNECTED);
  expect(await webkit.all()).toEqual([webkit.main]);
});

test('popup blocked: connect() called by a script, not a click, is popup_blocked; no window opens', async ({
  webkit,
  demo,
  exchanges,
}) => {
  const { driver } = webkit;
  // The script-tag page has no fallback attribute.
  await openPage(webkit, `${demo.url}/demo/script-tag.html`);
  await driver.executeScript('document.querySelector("oauth-connect").connect().catch(() => {})');

  await waitFor(driver, widgetStatus, 'error', 'the element status');
  expect(await statusText(driver)).toContain('blocked the sign-in window');
  expect(await webkit.all()).toEqual([webkit.main]);
  expect(await driver.getCurrentUrl()).toBe(`${demo.url}/demo/script-tag.html`);
  expect(await loggedEvents(driver)).toEqual(['oauth-connect-error']);
  await expectNothingRedeemed(webkit, exchanges, 'error');
});

test('start-url: the backend starts the flow, the popup opens blank and goes to Kanka, the code is redeemed', async ({
  webkit,
  demo,
  exchanges,
}) => {
  const popup = await openAndConnect(webkit, `${demo.url}/?provider=kanka&mode=server`, 'Kanka');
  await logInAndAuthorize(webkit, popup);

  await expectConnectedOnce(webkit, exchanges, 'Connected to Kanka as Dana of Kanka.');
  expect(demo.backend.starts).toHaveLength(1);
  // Server-started: the PKCE verifier never left the backend.
  expect(exchanges[0]!.body).not.toHaveProperty('code_verifier');
});
