import axe from 'axe-core';
import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { button, mountWidget, nextEvent, widgetIn, type ViewState } from './element-helpers.js';

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
  document.querySelector('[data-scheme]')?.remove();
});

/** A piece of page in `scheme`, painted the way a page of that scheme is: the canvas and its text colours. */
function pageIn(scheme: 'light' | 'dark'): HTMLElement {
  const page = document.createElement('main');
  page.dataset.scheme = scheme;
  page.style.cssText = `color-scheme: ${scheme}; background: Canvas; color: CanvasText; padding: 1em`;
  document.body.append(page);
  return page;
}

/** Every axe rule that applies to a widget, plus the experimental one for WCAG 2.5.3 (label in name). */
async function violations(context: Element): Promise<string[]> {
  const results = await axe.run(context, {
    rules: { 'label-content-name-mismatch': { enabled: true }, region: { enabled: false } },
  });
  return results.violations.flatMap(({ id, nodes }) => nodes.map((node) => `${id}: ${node.html}`));
}

const states: ViewState[] = ['idle', 'authorizing', 'exchanging', 'error', 'connected', 'instance-error'];
const labels = {
  'the language’s label': '',
  'a slotted label': '<b>Link my account</b>',
  'a slotted label that names the provider': '<span>Sign in with Kanka</span>',
};

describe.each(['light', 'dark'] as const)('axe finds nothing to fix, %s', (scheme) => {
  for (const state of states) {
    test.each(Object.entries(labels))(`${state}, with provider and %s`, async (_, content) => {
      const parent = pageIn(scheme);
      const { element } = await widgetIn(state, { parent, content, attributes: { provider: 'Kanka' } });
      expect(element.status).toBe(state === 'instance-error' ? 'error' : state);
      expect(await violations(parent)).toEqual([]);
    });
  }
});

describe.each(['light', 'dark'] as const)('axe finds nothing to fix, %s, in an in-app browser', (scheme) => {
  test('a provider that refuses in-app browsers: the message and the link to the browser', async () => {
    // What Instagram's in-app browser on an iPhone says it is.
    const userAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile/22B83 Instagram 354.0.0.29.90';
    Object.defineProperty(navigator, 'userAgent', { value: userAgent, configurable: true });
    try {
      const parent = pageIn(scheme);
      const { element } = await mountWidget({ parent, attributes: { provider: 'Kanka', 'refuses-webviews': '' } });
      const error = nextEvent(element, 'oauth-connect-error');
      await userEvent.click(button(element));
      expect((await error).detail.code).toBe('in_app_browser');
      await element.updateComplete;
      expect(element.shadowRoot!.querySelector('[part="open-in-browser"]')).not.toBeNull();
      expect(await violations(parent)).toEqual([]);
    } finally {
      delete (navigator as { userAgent?: string }).userAgent;
    }
  });
});

test('the rules run do find problems: a button named unlike its visible label is reported', async () => {
  const parent = pageIn('light');
  parent.innerHTML = '<button aria-label="Continue">Connect with Kanka</button>';
  expect(await violations(parent)).toEqual([expect.stringMatching(/^label-content-name-mismatch/)]);
});
