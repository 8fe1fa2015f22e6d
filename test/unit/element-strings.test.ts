import { afterEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { OAuthConnectError } from '../../src/core/errors.js';
import { errorKey } from '../../src/element/error-text.js';
import { en, type OAuthConnectStrings } from '../../src/i18n/strings.js';
import { button, disconnectButton, mountWidget, nextEvent, widgetIn, type ViewState } from './element-helpers.js';

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
});

/** Every text replaced by its key in capitals, placeholders kept: `CONNECTWITH {label} {provider}`. */
const marked = Object.fromEntries(
  Object.entries(en)
    .filter(([key]) => key !== 'lang' && key !== 'dir')
    .map(([key, text]) => [key, [key.toUpperCase(), ...(text.match(/\{\w+\}/g) ?? [])].join(' ')]),
) as Partial<OAuthConnectStrings>;

/** What the user sees or hears of the element: texts, names, descriptions, placeholders. */
function heard(element: HTMLElement): string {
  const root = element.shadowRoot!;
  const said: (string | null | undefined)[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode())
    if (walker.currentNode.parentElement!.checkVisibility()) said.push((walker.currentNode as Text).data);
  for (const node of root.querySelectorAll('*')) {
    said.push(node.getAttribute('aria-label'), node.getAttribute('placeholder'));
    for (const id of node.getAttribute('aria-describedby')?.split(' ') ?? [])
      said.push(root.getElementById(id)?.textContent);
  }
  return said.filter((text) => text?.trim()).join(' | ');
}

describe('every text the user sees or hears comes from the strings', () => {
  const expected: Record<ViewState, string[]> = {
    idle: ['CONNECT', 'CONNECTWITH CONNECT Kanka', 'OPENSWINDOW'],
    authorizing: ['WAITING Kanka', 'CANCEL'],
    exchanging: ['FINISHING', 'CANCEL'],
    error: ['ERRORDENIED', 'MOREINFO'],
    connected: ['CONNECTEDAS dana@example.test', 'DISCONNECT'],
    'instance-error': ['INSTANCELABEL', 'INSTANCEPLACEHOLDER', 'INSTANCEINVALID'],
  };
  for (const [state, texts] of Object.entries(expected) as [ViewState, string[]][]) {
    test(state, async () => {
      const { element } = await widgetIn(state, { attributes: { provider: 'Kanka' } });
      element.strings = marked;
      await element.updateComplete;
      const said = heard(element);
      for (const text of texts) expect(said).toContain(text);
      // No English left: every word said is a marked key, a value of ours, or the provider's name.
      expect(said.replace(/dana@example\.test|Kanka/g, '')).toMatch(/^[A-Z |]*$/);
    });
  }

  test('disconnecting, and a failed disconnect', async () => {
    let answer = (_: Response) => {};
    const { element } = await widgetIn('connected', {
      attributes: { 'disconnect-url': '/disconnect' },
      respond: () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    element.strings = marked;
    await userEvent.click(disconnectButton(element));
    await expect.poll(() => heard(element)).toContain('DISCONNECTING');
    answer(new Response(null, { status: 500 }));
    await expect.poll(() => heard(element)).toContain('ERRORDISCONNECT');
  });

  test('an empty server address', async () => {
    const { element } = await mountWidget({ attributes: { 'ask-instance': '' } });
    element.strings = marked;
    await userEvent.click(button(element));
    await expect.poll(() => heard(element)).toContain('INSTANCEREQUIRED');
  });

  test('the other window: finish signing in there', async () => {
    const { element, popups } = await mountWidget({ outcome: 'wait' });
    element.strings = marked;
    await userEvent.click(button(element));
    popups[0].close(); // before the provider page loaded: a popup cut off by COOP
    await expect.poll(() => heard(element)).toContain('FINISHINOTHERWINDOW PROVIDER');
  });
});

describe('labels', () => {
  test('without label the button says the language’s connect; label and strings change it', async () => {
    const { element } = await mountWidget({ attributes: { provider: 'Kanka' } });
    expect(element.label).toBeUndefined();
    await expect.element(page.getByRole('button', { name: 'Connect with Kanka' })).toBeVisible();
    element.strings = { connect: 'Verbinden', connectWith: '{label} mit {provider}' };
    await expect.element(page.getByRole('button', { name: 'Verbinden mit Kanka' })).toBeVisible();
    element.label = 'Konto verknüpfen';
    await expect.element(page.getByRole('button', { name: 'Konto verknüpfen mit Kanka' })).toBeVisible();
  });

  test('without instance-label the field is labelled by the language; instance-label changes it', async () => {
    const { element } = await mountWidget({ attributes: { 'ask-instance': '' } });
    expect(element.instanceLabel).toBeUndefined();
    await expect.element(page.getByLabelText('Your server')).toBeVisible();
    element.instanceLabel = 'Your Gancio';
    await expect.element(page.getByLabelText('Your Gancio')).toBeVisible();
  });

  test('the accessible name holds a slotted label, and adds the provider only when the label lacks it', async () => {
    const { element } = await mountWidget({ attributes: { provider: 'Kanka' }, content: '<b>Link  my\naccount</b>' });
    await expect.element(page.getByRole('button', { name: 'Link my account with Kanka', exact: true })).toBeVisible();
    element.innerHTML = '<b>Sign in with Kanka</b>';
    await expect.element(page.getByRole('button', { name: 'Sign in with Kanka', exact: true })).toBeVisible();
  });

  test('strings is a property only: no attribute reads or writes it', async () => {
    const { element } = await mountWidget({ attributes: { strings: '{"connect":"x"}' } });
    expect(element.strings).toBeUndefined();
    element.strings = { connect: 'Link' };
    await element.updateComplete;
    expect(element.getAttribute('strings')).toBe('{"connect":"x"}');
    await expect.element(page.getByRole('button', { name: 'Link' })).toBeVisible();
  });
});

describe('the error the user is told, and the developer’s text in the event', () => {
  const error = (code: string, options: ConstructorParameters<typeof OAuthConnectError>[2] = {}) =>
    new OAuthConnectError(code, 'developer text', options);

  test.each([
    ['popup_blocked', error('popup_blocked'), 'errorPopupBlocked'],
    ['timeout', error('timeout'), 'errorTimeout'],
    ['access_denied from the provider', error('access_denied', { source: 'provider' }), 'errorDenied'],
    ['another provider error', error('invalid_scope', { source: 'provider' }), 'errorProvider'],
    ['a provider error named like one of ours', error('timeout', { source: 'provider' }), 'errorProvider'],
    ['exchange_failed 419', error('exchange_failed', { status: 419 }), 'errorSession'],
    ['exchange_failed 401', error('exchange_failed', { status: 401 }), 'errorSession'],
    ['start_failed 403', error('start_failed', { status: 403 }), 'errorSession'],
    ['exchange_failed 502', error('exchange_failed', { status: 502 }), 'errorNetwork'],
    ['start_failed 500', error('start_failed', { status: 500 }), 'errorNetwork'],
    ['network_error', error('network_error'), 'errorNetwork'],
    ['invalid_config', error('invalid_config'), 'errorConfig'],
    ['invalid_instance, nothing typed', error('invalid_instance'), 'instanceRequired'],
    ['invalid_instance, something typed', error('invalid_instance', { cause: 'x/y' }), 'instanceInvalid'],
    ['disconnect_failed', error('disconnect_failed', { status: 403 }), 'errorDisconnect'],
    ['state_mismatch', error('state_mismatch'), 'errorGeneric'],
    ['redirect_mismatch', error('redirect_mismatch'), 'errorGeneric'],
    ['hook_failed', error('hook_failed'), 'errorGeneric'],
  ])('%s', (_, given, key) => {
    expect(errorKey(given)).toBe(key);
  });

  test('an exchange refused with 419: the user is told the session expired, the event keeps the detail', async () => {
    const { element } = await mountWidget({ respond: () => Response.json({ message: 'CSRF' }, { status: 419 }) });
    const failed = nextEvent(element, 'oauth-connect-error');
    await userEvent.click(button(element));
    expect((await failed).detail).toMatchObject({
      code: 'exchange_failed',
      status: 419,
      message: 'The exchange endpoint answered HTTP 419',
    });
    await expect.element(page.getByRole('status')).toHaveTextContent(en.errorSession);
  });
});
