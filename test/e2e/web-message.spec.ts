import {
  attemptState,
  expect,
  gotoAndClickConnect,
  logInAndAuthorize,
  loggedEvents,
  navigateAway,
  settle,
  test,
} from './fixtures.js';

test('web_message: KitchenMonki posts the code to the opener itself; no callback page is involved', async ({
  page,
  demo,
  exchanges,
}) => {
  const popup = await gotoAndClickConnect(page, `${demo.url}/?provider=kitchenmonki&mode=browser`, 'KitchenMonki');
  const callbackLoads: string[] = [];
  popup.on(
    'framenavigated',
    (frame) => frame.url().startsWith(`${demo.url}/callback`) && callbackLoads.push(frame.url()),
  );
  await logInAndAuthorize(popup);
  await expect(page.getByTestId('connection')).toHaveText('Connected to KitchenMonki as Kit Monki.');
  expect(callbackLoads).toEqual([]);
  expect(exchanges).toHaveLength(1);
});

test('web_message: an authorization_response from any other origin is ignored, even from the popup with the right state', async ({
  page,
  demo,
  exchanges,
}) => {
  const popup = await gotoAndClickConnect(page, `${demo.url}/?provider=kitchenmonki&mode=browser`, 'KitchenMonki');
  await popup.getByRole('button', { name: 'Log in' }).waitFor();
  const state = await attemptState(page);
  const authorizeUrl = popup.url();

  // The popup wanders to another origin (here the Gancio instance), which posts a forged response.
  await navigateAway(popup, `${demo.gancioOrigin}/login`);
  await popup.waitForURL(`${demo.gancioOrigin}/login`);
  await popup.evaluate(
    (forgedState) =>
      window.opener.postMessage(
        { type: 'authorization_response', response: { code: 'forged-code', state: forgedState } },
        '*',
      ),
    state,
  );
  await settle();
  expect(await loggedEvents(page)).toEqual(['oauth-connect-start']);
  await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'authorizing');
  expect(exchanges).toHaveLength(0);

  // The real provider's answer is still accepted afterwards.
  await popup.goto(authorizeUrl);
  await logInAndAuthorize(popup);
  await expect(page.getByTestId('connection')).toHaveText('Connected to KitchenMonki as Kit Monki.');
  expect(exchanges).toHaveLength(1);
  expect((exchanges[0].body as { code: string }).code).not.toBe('forged-code');
});
