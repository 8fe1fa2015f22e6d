import { clickConnect, openPage, setWidgetAttributes, widgetStatus } from './demo-page.js';
import { expect, test } from './fixtures.js';
import { expectConnectedOnce } from './outcomes.js';
import { signInAndConsent } from './provider-pages.js';
import { IPHONE_SAFARI } from './user-agents.js';

/** An iPhone's screen, in CSS pixels (iPhone 12 to 16). */
const PHONE = { width: 390, height: 844 };

interface Size {
  width: number;
  height: number;
}

/** Records the features of every `window.open` call on the page, in `window.openFeatures`. */
const RECORD_OPEN_FEATURES = `window.openFeatures = [];
const open = window.open;
window.open = function (...args) {
  window.openFeatures.push(args[2]);
  return open.apply(this, args);
};`;

test.use({ webkitOptions: { userAgent: IPHONE_SAFARI, screen: PHONE } });

test('Safari on an iPhone: the popup fits the screen, and the flow is one success with one exchange', async ({
  webkit,
  demo,
  exchanges,
}) => {
  const { driver } = webkit;
  // The page fills the phone's screen (MiniBrowser keeps its window at least 447 px wide: its minimum size).
  const pageWindow = driver.manage().window();
  await pageWindow.setRect({ x: 0, y: 0, ...PHONE });
  await openPage(webkit, demo.url);
  // Safari is no in-app browser: with "auto", the popup still opens.
  await setWidgetAttributes(driver, { fallback: 'auto' });
  await driver.executeScript(RECORD_OPEN_FEATURES);
  const screen = await driver.executeScript<Size>('return { width: screen.availWidth, height: screen.availHeight }');
  expect(screen).toEqual(PHONE);

  const popup = await clickConnect(webkit);
  // The widget asks for its 500 × 650 no larger than the screen, which is 390 wide…
  const features = await driver.executeScript<string[]>('return window.openFeatures');
  expect(features).toHaveLength(1);
  const asked = Object.fromEntries(features[0]!.split(',').map((feature) => feature.split('=')));
  expect(Number(asked.width)).toBe(Math.min(500, screen.width));
  expect(Number(asked.height)).toBe(Math.min(650, screen.height));
  // …and the window the user gets lies within the screen (WebKit itself keeps a window.open window on it, too).
  const { rect, userAgent } = await webkit.in(popup, async () => ({
    rect: await driver.manage().window().getRect(),
    userAgent: await driver.executeScript<string>('return navigator.userAgent'),
  }));
  expect(rect.x).toBeGreaterThanOrEqual(0);
  expect(rect.y).toBeGreaterThanOrEqual(0);
  expect(rect.x + rect.width).toBeLessThanOrEqual(screen.width);
  expect(rect.y + rect.height).toBeLessThanOrEqual(screen.height);
  expect(userAgent).toBe(IPHONE_SAFARI);

  await signInAndConsent(webkit, popup);
  await expectConnectedOnce(webkit, exchanges, /^Connected to Demo ID as Dana Demo/, { popup });
  expect(await widgetStatus(driver)).toBe('connected');
  expect(exchanges[0]!.status).toBe(200);
  expect(await webkit.all()).toEqual([webkit.main]);
});
