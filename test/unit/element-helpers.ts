import '../../src/oauth-connect.js';
import { connect, type HeadlessConnectOptions, type OAuthConnectElement } from '../../src/oauth-connect.js';
import { userEvent } from 'vitest/browser';

export const FIXTURES = `${location.origin}/test/fixtures`;

/** A widget wired to the in-browser test provider; `outcome` picks its answer. Its exchange goes to `respond`. */
export async function mountWidget(
  options: {
    outcome?: 'code' | 'denied' | 'wait';
    attributes?: Record<string, string>;
    respond?: () => Response | Promise<Response>;
  } = {},
) {
  const element = document.createElement('oauth-connect');
  element.setAttribute('authorize-url', `${FIXTURES}/authorize.html?outcome=${options.outcome ?? 'code'}`);
  element.setAttribute('client-id', 'test-client');
  element.setAttribute('redirect-uri', `${FIXTURES}/callback.html`);
  element.setAttribute('exchange-url', '/exchange');
  for (const [name, value] of Object.entries(options.attributes ?? {})) element.setAttribute(name, value);

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
    return (options.respond ?? (() => Response.json({ connected: true })))();
  };
  document.body.append(element);
  await element.updateComplete;
  return { element, popups, exchangeRequests };
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

export function nextEvent(element: Element, type: string): Promise<CustomEvent> {
  return new Promise((resolve) =>
    element.addEventListener(type, (event) => resolve(event as CustomEvent), { once: true }),
  );
}

export function button(element: OAuthConnectElement): HTMLButtonElement {
  return element.shadowRoot!.querySelector('[part="button"]')!;
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
