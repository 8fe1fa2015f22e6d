import { By, until } from 'selenium-webdriver';
import { openAndConnect, statusText, waitFor } from './demo-page.js';
import { expect, test } from './fixtures.js';
import { expectConnectedOnce } from './outcomes.js';
import { signInAndConsent } from './provider-pages.js';
import { WAIT_MS } from './webkit-session.js';

test.describe('a provider that sends Cross-Origin-Opener-Policy: same-origin', () => {
  test.beforeEach(({ demo }) => demo.oidc.setCrossOriginOpenerPolicy(true));

  test('WebKit severs the popup from its opener; the flow completes over the broadcast channel', async ({
    webkit,
    demo,
    exchanges,
  }) => {
    const { driver } = webkit;
    const popup = await openAndConnect(webkit, demo.url);
    const opener = await webkit.in(popup, async () => {
      await driver.wait(until.elementLocated(By.css('input[name=username]')), WAIT_MS);
      return driver.executeScript('return window.opener');
    });
    // The provider's page has no opener, and the page sees its popup as closed: it waits, and says so.
    expect(opener).toBeNull();
    await waitFor(driver, statusText, 'Finish signing in to Demo ID in the other window, or cancel.', 'the status');

    await signInAndConsent(webkit, popup);
    await expectConnectedOnce(webkit, exchanges, /^Connected to Demo ID as Dana Demo/);
    await webkit.closed(popup);
    expect(await webkit.all()).toEqual([webkit.main]);
  });
});
