import type { RequestRecord } from '../../../demo/backend.js';
import { connectButton, connectionText, loggedEvents, waitFor, widgetStatus } from './demo-page.js';
import { expect } from './fixtures.js';
import type { Windows } from './webkit-session.js';

// How an attempt ended, as the user sees it on the demo page and the backend saw it: the checks the specs share.

/** What the page logs for a popup flow that connects: the attempt starts, the code comes back, the code is redeemed. */
export const POPUP_SUCCESS = ['oauth-connect-start', 'oauth-connect-code', 'oauth-connect-success'];

/** What the page logs once the tab is back from the provider: the start went with the page the tab left. */
export const REDIRECT_SUCCESS = ['oauth-connect-code', 'oauth-connect-success'];

export interface ConnectedOnce {
  /** The event types the page logged, in order: a popup flow's start, code and success unless given. */
  events?: string[];
  /** The popup, which closes itself once it has handed the response over: waited for before the log is read. */
  popup?: string;
}

/**
 * The attempt ended connected, once: the demo's connection line comes to read `line`, the page logged `events`, and
 * the backend received exactly one exchange request.
 */
export async function expectConnectedOnce(
  windows: Windows,
  exchanges: RequestRecord[],
  line: string | RegExp,
  { events = POPUP_SUCCESS, popup }: ConnectedOnce = {},
): Promise<void> {
  const { driver } = windows;
  await waitFor(driver, connectionText, line, 'the connection line');
  if (popup) await windows.closed(popup);
  expect(await loggedEvents(driver)).toEqual(events);
  expect(exchanges).toHaveLength(1);
}

/**
 * The attempt is over and redeemed nothing: the element's status is `status` now (idle after a cancel, error after
 * a failure), its Connect button can be clicked again, and the backend received no exchange request.
 */
export async function expectNothingRedeemed(
  windows: Windows,
  exchanges: RequestRecord[],
  status: 'idle' | 'error',
): Promise<void> {
  const { driver } = windows;
  expect(await widgetStatus(driver)).toBe(status);
  expect(await (await connectButton(driver)).isEnabled()).toBe(true);
  expect(exchanges).toHaveLength(0);
}
