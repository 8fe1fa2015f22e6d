import { By, until } from 'selenium-webdriver';
import { attemptState, openAndConnect } from './demo-page.js';
import { expect, test } from './fixtures.js';
import { expectConnectedOnce } from './outcomes.js';
import { logInAndAuthorize, navigateAway } from './provider-pages.js';
import { WAIT_MS } from './webkit-session.js';

const CONNECTED = 'Connected to KitchenMonki as Kit Monki.';

test('web_message: KitchenMonki posts the code to the opener itself and closes its window', async ({
  webkit,
  demo,
  exchanges,
}) => {
  const popup = await openAndConnect(webkit, `${demo.url}/?provider=kitchenmonki&mode=browser`, 'KitchenMonki');
  await logInAndAuthorize(webkit, popup);

  await expectConnectedOnce(webkit, exchanges, CONNECTED, { popup });
});

test('web_message: an authorization_response from another origin is ignored, even with the right state', async ({
  webkit,
  demo,
  exchanges,
}) => {
  const { driver } = webkit;
  const popup = await openAndConnect(webkit, `${demo.url}/?provider=kitchenmonki&mode=browser`, 'KitchenMonki');
  const state = await attemptState(driver);
  const authorizeUrl = await webkit.in(popup, async () => {
    await driver.wait(until.elementLocated(By.css('form button[type=submit]')), WAIT_MS);
    return driver.getCurrentUrl();
  });

  // The popup wanders to another origin (here the Gancio instance), which posts a forged response.
  await navigateAway(webkit, popup, `${demo.gancioOrigin}/login`);
  await webkit.in(popup, async () => {
    await driver.wait(until.urlIs(`${demo.gancioOrigin}/login`), WAIT_MS);
    const forged = { type: 'authorization_response', response: { code: 'forged-code', state } };
    await driver.executeScript('window.opener.postMessage(arguments[0], "*")', forged);
  });

  // The real provider's answer is still accepted afterwards, and it is the only one.
  await webkit.in(popup, () => driver.get(authorizeUrl));
  await logInAndAuthorize(webkit, popup);
  await expectConnectedOnce(webkit, exchanges, CONNECTED);
  expect((exchanges[0]!.body as { code: string }).code).not.toBe('forged-code');
});
