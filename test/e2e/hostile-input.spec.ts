import type { Page } from '@playwright/test';
import {
  attemptState,
  callbackMessage,
  expect,
  loggedEvents,
  navigateAway,
  settle,
  providerPageSeen,
  test,
  gotoAndClickConnect,
} from './fixtures.js';

/** Starts an attempt and sends its popup to our own callback page with `query` (the attempt's state filled in). */
async function answerWith(page: Page, demoUrl: string, query: (state: string) => string): Promise<Page> {
  const popup = await gotoAndClickConnect(page, demoUrl);
  const state = await attemptState(page);
  await providerPageSeen(popup);
  await navigateAway(popup, `${demoUrl}/callback?${query(state)}`);
  return popup;
}

const lastEvent = (page: Page) => page.getByTestId('event-log').locator('li').last();

test.describe('hostile and broken responses: refused or ignored, never exchanged', () => {
  test('a repeated parameter (two codes) is an invalid_request error', async ({ page, demo, exchanges }) => {
    await answerWith(page, demo.url, (state) => `code=first&code=second&state=${state}`);
    await expect(lastEvent(page)).toContainText('"code":"invalid_request"');
    await expect(lastEvent(page)).toContainText('\\"code\\" is repeated');
    await expect(page.getByRole('status')).toHaveText('The sign-in at Demo ID did not succeed. Try again.');
    expect(exchanges).toHaveLength(0);
  });

  test('a response without state is not handed to anyone', async ({ page, demo, exchanges }) => {
    const popup = await answerWith(page, demo.url, () => 'code=orphan-code');
    await expect(popup.locator('body')).toHaveText(/Nothing is waiting for this page/);
    await settle(300);
    expect(await loggedEvents(page)).toEqual(['oauth-connect-start']);
    await popup.close();
    await expect(lastEvent(page)).toContainText('oauth-connect-cancel');
    expect(exchanges).toHaveLength(0);
  });

  test('an oversized value is an invalid_request error', async ({ page, demo, exchanges }) => {
    await answerWith(page, demo.url, (state) => `code=${'x'.repeat(5000)}&state=${state}`);
    await expect(lastEvent(page)).toContainText('"code":"invalid_request"');
    await expect(lastEvent(page)).toContainText('\\"code\\" is too long');
    await expect(page.getByRole('status')).toHaveText('The sign-in at Demo ID did not succeed. Try again.');
    expect(exchanges).toHaveLength(0);
  });

  test('markup in error_description is shown as text only', async ({ page, demo, exchanges }) => {
    const markup = '<img src=x onerror="window.hacked=1"><b>bold</b>';
    await answerWith(
      page,
      demo.url,
      (state) => `error=access_denied&error_description=${encodeURIComponent(markup)}&state=${state}`,
    );
    // The provider's description goes to the page's code (detail.description), never into the element as markup.
    await expect(page.getByRole('status')).toHaveText('Access was not granted.');
    expect(
      await page.locator('oauth-connect').evaluate((element) => element.shadowRoot!.querySelectorAll('img, b').length),
    ).toBe(0);
    expect(await page.evaluate(() => (window as { hacked?: number }).hacked)).toBeUndefined();
    expect(exchanges).toHaveLength(0);
  });

  test('an error_uri that is not http(s) is never made a link, nor passed on', async ({ page, demo, exchanges }) => {
    await answerWith(
      page,
      demo.url,
      (state) =>
        `error=server_error&error_uri=${encodeURIComponent('javascript:alert(document.domain)')}&state=${state}`,
    );
    await expect(lastEvent(page)).toContainText('"code":"server_error"');
    await expect(lastEvent(page)).not.toContainText('javascript:');
    await expect(page.getByRole('link', { name: 'More information' })).toHaveCount(0);
    expect(exchanges).toHaveLength(0);
  });

  test('an http(s) error_uri becomes a safe link', async ({ page, demo }) => {
    await answerWith(
      page,
      demo.url,
      (state) => `error=server_error&error_uri=${encodeURIComponent('https://provider.test/errors/42')}&state=${state}`,
    );
    const link = page.getByRole('link', { name: 'More information' });
    await expect(link).toHaveAttribute('href', 'https://provider.test/errors/42');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  test('messages of the wrong shape or version, from the popup itself, are ignored', async ({
    page,
    demo,
    exchanges,
  }) => {
    const popup = await answerWith(page, demo.url, () => ''); // the popup now shows our callback page, same origin
    await expect(popup.locator('body')).toHaveText(/Nothing is waiting/);
    const state = await attemptState(page);
    const wrong = [
      { ...callbackMessage({ code: 'c', state }), v: 2 },
      { ...callbackMessage({ code: 'c', state }), type: 'oauth-connect:other' },
      { type: 'oauth-connect:callback', v: 1, params: `code=c&state=${state}` },
      callbackMessage({ code: 'c', state, access_token: 'smuggled' }),
      JSON.stringify(callbackMessage({ code: 'c', state })),
      callbackMessage({ state }),
    ];
    await popup.evaluate(
      (messages) => messages.forEach((message) => window.opener.postMessage(message, location.origin)),
      wrong,
    );
    await settle();
    expect(await loggedEvents(page)).toEqual(['oauth-connect-start']);
    expect(exchanges).toHaveLength(0);

    // The same popup with a well-formed message is heard (its made-up code then fails at the provider):
    // the refusals above were the checks at work.
    await popup.evaluate(
      (message) => window.opener.postMessage(message, location.origin),
      callbackMessage({ code: 'well-formed', state }),
    );
    await expect(page.getByTestId('event-log')).toContainText('oauth-connect-code {"code":"well-f');
    await expect.poll(() => exchanges.map(({ body }) => (body as { code: string }).code)).toEqual(['well-formed']);
  });

  test('broadcasts with a wrong state, or of the wrong shape, are ignored', async ({ page, demo, exchanges }) => {
    const popup = await gotoAndClickConnect(page, demo.url);
    const state = await attemptState(page);
    await page.evaluate(
      ({ state, messages }) => {
        const channel = new BroadcastChannel(`oauth-connect:${state}`);
        for (const message of messages) channel.postMessage(message);
        channel.close();
      },
      {
        state,
        messages: [
          callbackMessage({ code: 'c', state: 'another-state' }),
          { ...callbackMessage({ code: 'c', state }), v: 9 },
          callbackMessage({ code: 'c' }),
        ],
      },
    );
    await settle();
    expect(await loggedEvents(page)).toEqual(['oauth-connect-start']);
    expect(exchanges).toHaveLength(0);
    await popup.close();
  });
});
