import { By } from 'selenium-webdriver';
import {
  clickConnect,
  connectButton,
  eventLines,
  openPage,
  setWidgetAttributes,
  waitFor,
  widgetStatus,
} from './demo-page.js';
import { expect, test } from './fixtures.js';
import { expectConnectedOnce } from './outcomes.js';
import { pageShownFor, signInAndConsent } from './provider-pages.js';

// A sign-in broker whose first page has no Cross-Origin-Opener-Policy, in front of a provider that sends it (a
// company portal in front of Entra ID or Cognito): once the user continues, the popup reads closed to the opener.

test('COOP only from the broker’s second page: the button comes back, and the user who signs in after all is connected once', async ({
  webkit,
  demo,
  exchanges,
}) => {
  const { driver } = webkit;
  demo.oidc.setCrossOriginOpenerPolicy(true); // every page but the broker's
  await openPage(webkit, demo.url);
  await setWidgetAttributes(driver, { 'authorize-url': demo.oidc.brokerUrl });
  const popup = await clickConnect(webkit);
  // The user reads the broker's page for 1.5 s: the widget has seen the popup alive (it needs half a second).
  await pageShownFor(webkit, popup, By.linkText('Continue'), 1500);
  await webkit.in(popup, async () => (await driver.findElement(By.linkText('Continue'))).click());

  // To the opener, the popup now reads closed, as if the user had closed it: the attempt ends as cancelled.
  const cancel = 'oauth-connect-cancel {"reason":"popup_closed"}';
  await waitFor(driver, eventLines, (lines) => lines.includes(cancel), 'the event log');
  expect(await widgetStatus(driver)).toBe('idle');
  expect(await (await connectButton(driver)).isEnabled()).toBe(true);

  // The user takes 2 s to sign in, long after the cancel: the attempt listens on until its timeout.
  await pageShownFor(webkit, popup, By.css('input[name=username]'), 2000);
  // The provider's page has no opener: the response will come back over the attempt's broadcast channel.
  expect(await webkit.in(popup, () => driver.executeScript('return window.opener'))).toBeNull();
  await signInAndConsent(webkit, popup);

  await expectConnectedOnce(webkit, exchanges, /^Connected to Demo ID as Dana Demo/, {
    events: ['oauth-connect-start', 'oauth-connect-cancel', 'oauth-connect-code', 'oauth-connect-success'],
  });
  expect(await widgetStatus(driver)).toBe('connected');
  expect(exchanges[0]!.status).toBe(200);
  // The callback page handed the response over and closed itself: it did not say that nothing was waiting.
  await webkit.closed(popup);
  expect(await webkit.all()).toEqual([webkit.main]);
});
