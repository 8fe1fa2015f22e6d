import '../../src/oauth-connect.js';
import { connect, type HeadlessConnectOptions, type OAuthConnectElement } from '../../src/oauth-connect.js';
import { expect } from 'vitest';
import { userEvent } from 'vitest/browser';

export const FIXTURES = `${location.origin}/test/fixtures`;

export interface MountOptions {
  outcome?: 'code' | 'denied' | 'wait';
  attributes?: Record<string, string>;
  /** Answers every request the element sends (exchange, start, disconnect). */
  respond?: (url: string, init?: RequestInit) => Response | Promise<Response>;
  /** Where the element goes; the page's body by default. */
  parent?: Element;
  /** Light DOM content: a slotted label, a `slot="connected"` view. */
  content?: string;
}

/** A widget wired to the in-browser test provider; `outcome` picks its answer. Its exchange goes to `respond`. */
export async function mountWidget(options: MountOptions = {}) {
  const element = document.createElement('oauth-connect');
  element.setAttribute('authorize-url', `${FIXTURES}/authorize.html?outcome=${options.outcome ?? 'code'}`);
  element.setAttribute('client-id', 'test-client');
  element.setAttribute('redirect-uri', `${FIXTURES}/callback.html`);
  element.setAttribute('exchange-url', '/exchange');
  for (const [name, value] of Object.entries(options.attributes ?? {})) element.setAttribute(name, value);
  element.innerHTML = options.content ?? '';

  const popups: Window[] = [];
  const exchangeRequests: { url: string; init?: RequestInit }[] = [];
  const realOpen = element.openPopup.bind(element);
  element.openPopup = (url, features) => {
    const popup = realOpen(url, features);
    if (popup) popups.push(popup);
    return popup;
  };
  element.fetch = async (url, init) => {
    exchangeRequests.push({ url: String(url), init });
    return (options.respond ?? (() => Response.json({ connected: true })))(String(url), init);
  };
  (options.parent ?? document.body).append(element);
  await element.updateComplete;
  return { element, popups, exchangeRequests };
}

/** What a user can see the element in. */
export type ViewState = 'idle' | 'authorizing' | 'exchanging' | 'error' | 'connected' | 'instance-error';

/**
 * A widget brought into `state` the way a user gets there: a click, the test provider's popup, an exchange
 * that never answers, a typed address that is not a server.
 */
export async function widgetIn(state: ViewState, options: MountOptions = {}) {
  const attributes: Record<string, string> = { ...options.attributes };
  if (state === 'connected') Object.assign(attributes, { connected: '', account: 'dana@example.test' });
  if (state === 'instance-error') attributes['ask-instance'] = '';
  const mounted = await mountWidget({
    ...options,
    attributes,
    outcome: state === 'authorizing' ? 'wait' : state === 'error' ? 'denied' : 'code',
    respond: state === 'exchanging' ? () => new Promise<Response>(() => {}) : options.respond,
  });
  const { element } = mounted;
  if (state === 'idle' || state === 'connected') return mounted;
  if (state === 'instance-error') await userEvent.fill(element.shadowRoot!.querySelector('input')!, 'events.example/a');
  await userEvent.click(button(element));
  await expect.poll(() => element.status).toBe(state === 'instance-error' ? 'error' : state);
  await element.updateComplete;
  return mounted;
}

export type EventLog = { type: string; detail: any }[];

export function recordEvents(element: OAuthConnectElement): EventLog {
  const log: EventLog = [];
  for (const type of [
    'oauth-connect-start',
    'oauth-connect-code',
    'oauth-connect-success',
    'oauth-connect-error',
    'oauth-connect-cancel',
  ]) {
    element.addEventListener(type, (event) => log.push({ type, detail: (event as CustomEvent).detail }));
  }
  return log;
}

export function nextEvent(element: EventTarget, type: string): Promise<CustomEvent> {
  return new Promise((resolve) =>
    element.addEventListener(type, (event) => resolve(event as CustomEvent), { once: true }),
  );
}

export function button(element: OAuthConnectElement): HTMLButtonElement {
  return element.shadowRoot!.querySelector('[part="button"]')!;
}

/** The Disconnect button, shown instead of `button` while connected. */
export function disconnectButton(element: OAuthConnectElement): HTMLButtonElement {
  return element.shadowRoot!.querySelector('[part="disconnect"]')!;
}

/** The part that has the page's focus, when it is inside `element` (a matcher's toHaveFocus sees only the host). */
export function focusedPart(element: OAuthConnectElement): string | null | undefined {
  if (document.activeElement !== element) return undefined;
  return element.shadowRoot!.activeElement?.getAttribute('part');
}

export const endEvents = (log: EventLog) => log.filter(({ type }) => /success|error|cancel/.test(type));

/**
 * Headless connect() started from a real click, as a page does it; settles with what it resolved or
 * rejected with.
 */
export function clickToConnect(options: Partial<HeadlessConnectOptions>): Promise<{ value?: unknown; error?: any }> {
  const trigger = document.createElement('button');
  document.body.append(trigger);
  const result = new Promise<{ value?: unknown; error?: any }>((resolve) => {
    trigger.onclick = () =>
      resolve(
        connect({
          authorizeUrl: `${FIXTURES}/authorize.html?outcome=code`,
          clientId: 'c',
          redirectUri: `${FIXTURES}/callback.html`,
          ...options,
        }).then(
          (value) => ({ value }),
          (error) => ({ error }),
        ),
      );
  });
  return userEvent.click(trigger).then(() => result.finally(() => trigger.remove()));
}
