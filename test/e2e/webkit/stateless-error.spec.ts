import { By, until } from 'selenium-webdriver';
import {
  openAndConnect,
  connectButton,
  eventLines,
  loggedEvents,
  openPage,
  setWidgetAttributes,
  statusText,
  waitFor,
  widgetStatus,
} from './demo-page.js';
import { expect, test } from './fixtures.js';
import { expectConnectedOnce } from './outcomes.js';
import { signInAndConsent } from './provider-pages.js';
import { WAIT_MS } from './webkit-session.js';

// league/oauth2-server 8 (Laravel Passport, here the emulated Kanka) redirects `invalid_scope` without `state`.

test('Passport refuses an unknown scope without state: the user sees the error within 3 s, nothing exchanged', async ({
  webkit,
  demo,
  exchanges,
}) => {
  const { driver } = webkit;
  await openPage(webkit, `${demo.url}/?provider=kanka&mode=browser`);
  await setWidgetAttributes(driver, { scope: 'campaigns:write' }); // Kanka defines no scope
  const button = await connectButton(driver, 'Kanka');
  const clicked = Date.now();
  // The popup goes to Kanka, back to the callback and closes at once: too soon to be sure the driver lists it.
  await button.click();
  await waitFor(driver, statusText, 'The sign-in at Kanka did not succeed. Try again.', 'the status', 3000);
  expect(Date.now() - clicked).toBeLessThan(3000);
  expect(await widgetStatus(driver)).toBe('error');
  expect((await eventLines(driver)).join('\n')).toContain('"code":"invalid_scope"');
  expect(await loggedEvents(driver)).toEqual(['oauth-connect-start', 'oauth-connect-error']);
  expect(exchanges).toHaveLength(0);
  await driver.wait(async () => (await webkit.all()).length === 1, WAIT_MS, 'the popup stayed open');
});

test('the same error forged from another window of the page’s origin is ignored: the attempt still waits', async ({
  webkit,
  demo,
  exchanges,
}) => {
  const { driver } = webkit;
  const popup = await openAndConnect(webkit, demo.url);
  await webkit.in(popup, () => driver.wait(until.elementLocated(By.css('input[name=username]')), WAIT_MS));
  // The page hears the forgery after the widget, which listened first. Another window of the page's origin (our
  // own callback page, handed an error without state) posts it to the page that opened it. WebKit opens a window
  // only for a click, so the page gets a button that opens it.
  await driver.executeScript(
    `window.heard = [];
    addEventListener('message', (event) => event.data?.type === 'oauth-connect:callback' && heard.push(event.data));
    const forger = document.createElement('button');
    forger.id = 'forger';
    forger.textContent = 'Open the forger';
    forger.onclick = () => open('/callback?error=invalid_scope', '_blank', 'popup');
    document.body.prepend(forger);`,
  );
  await (await driver.findElement(By.id('forger'))).click();
  const [heard] = await waitFor(
    driver,
    (d) => d.executeScript<unknown[]>('return window.heard'),
    (messages) => messages.length > 0,
    'the forged message',
  );
  expect(heard).toMatchObject({ type: 'oauth-connect:callback', v: 1, params: { error: 'invalid_scope' } });

  expect(await loggedEvents(driver)).toEqual(['oauth-connect-start']);
  expect(await widgetStatus(driver)).toBe('authorizing');
  expect(await statusText(driver)).toBe('Waiting for Demo ID…');
  // Still pending: the user signs in at the provider, and the attempt completes.
  await signInAndConsent(webkit, popup);
  await expectConnectedOnce(webkit, exchanges, /^Connected to Demo ID as Dana Demo/);
  expect(await webkit.all()).toEqual([webkit.main]);
});
