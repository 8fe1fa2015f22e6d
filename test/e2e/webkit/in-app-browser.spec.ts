import { connectButton, openPage, setWidgetAttributes } from './demo-page.js';
import { expect, test } from './fixtures.js';
import { expectConnectedOnce, REDIRECT_SUCCESS } from './outcomes.js';
import { signInAndConsent } from './provider-pages.js';
import { INSTAGRAM_IPHONE } from './user-agents.js';
import { WAIT_MS } from './webkit-session.js';

test.use({ webkitOptions: { userAgent: INSTAGRAM_IPHONE } });

test('fallback="auto" in Instagram’s browser: no popup, the tab goes to the provider and back, one success', async ({
  webkit,
  demo,
  exchanges,
}) => {
  const { driver } = webkit;
  await openPage(webkit, demo.url);
  await setWidgetAttributes(driver, { fallback: 'auto' });
  await (await connectButton(driver)).click();

  const atProvider = async () => (await driver.getCurrentUrl()).startsWith(`${demo.oidc.issuer}/`);
  await driver.wait(atProvider, WAIT_MS, 'the tab never went to the provider');
  // A popup would have opened in the click, before the tab left: there is none.
  expect(await webkit.all()).toEqual([webkit.main]);
  await signInAndConsent(webkit, webkit.main);

  await expectConnectedOnce(webkit, exchanges, /^Connected to Demo ID as Dana Demo/, { events: REDIRECT_SUCCESS });
  expect(await driver.getCurrentUrl()).toBe(`${demo.url}/`);
  expect(exchanges[0]!.status).toBe(200);
  expect(await webkit.all()).toEqual([webkit.main]);
});
