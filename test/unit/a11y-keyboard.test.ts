import { afterEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { button, focusedPart, mountWidget, nextEvent, widgetIn } from './element-helpers.js';

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
});

const cancel = () => page.getByRole('button', { name: 'Cancel' });

describe('focus never falls back to the page when the button that had it goes away', () => {
  test('Cancel pressed from the keyboard: focus returns to Connect', async () => {
    const { element } = await widgetIn('authorizing', { attributes: { provider: 'Kanka' } });
    await cancel().element().focus();
    await userEvent.keyboard('{Enter}');
    expect(element.status).toBe('idle');
    await expect.poll(() => focusedPart(element)).toBe('button');
  });

  test('the attempt failing while Cancel has focus: focus returns to Connect', async () => {
    const { element } = await widgetIn('authorizing', { attributes: { timeout: '1' } });
    const failed = nextEvent(element, 'oauth-connect-error');
    await cancel().element().focus();
    expect((await failed).detail.code).toBe('timeout');
    await expect.poll(() => focusedPart(element)).toBe('button');
  });

  test('the attempt succeeding while Cancel has focus: focus goes to Disconnect, which took its place', async () => {
    let answer = (_: Response) => {};
    const { element } = await mountWidget({ respond: () => new Promise((resolve) => (answer = resolve)) });
    await userEvent.click(button(element));
    await expect.poll(() => element.status).toBe('exchanging');
    await cancel().element().focus();
    answer(Response.json({ account: 'dana' }));
    await expect.poll(() => focusedPart(element)).toBe('disconnect');
  });

  test('focus elsewhere on the page stays where it is', async () => {
    const { element } = await widgetIn('authorizing');
    const other = document.createElement('input');
    document.body.append(other);
    other.focus();
    element.abort();
    await element.updateComplete;
    expect(document.activeElement).toBe(other);
    other.remove();
  });
});

describe('the button says it opens a new window', () => {
  test('as its accessible description, from a text no one sees', async () => {
    const { element } = await mountWidget({ attributes: { provider: 'Kanka' } });
    await expect
      .element(page.getByRole('button', { name: 'Connect with Kanka' }))
      .toHaveAccessibleDescription('Opens in a new window');
    expect(element.shadowRoot!.getElementById('opens')!.checkVisibility()).toBe(false);
  });
});

describe('the server address field (ask-instance)', () => {
  test('Enter in the field connects, as the button does', async () => {
    const { element, popups } = await mountWidget({ outcome: 'wait', attributes: { 'ask-instance': '' } });
    const started = nextEvent(element, 'oauth-connect-start');
    await userEvent.type(page.getByLabelText('Your server'), 'events.example{Enter}');
    await started;
    expect(popups).toHaveLength(1);
    expect(element.instance).toBe('https://events.example');
    element.abort();
  });

  test('an address that is not a server: said on the field, which is invalid and described by it', async () => {
    const { element, popups } = await mountWidget({ attributes: { 'ask-instance': '', provider: 'Gancio' } });
    const field = page.getByLabelText('Your server');
    await userEvent.type(field, 'events.example/some/page{Enter}');
    expect(element.status).toBe('error');
    expect(popups).toHaveLength(0);
    await expect.element(field).toHaveAttribute('aria-invalid', 'true');
    await expect.element(field).toHaveAccessibleDescription('Enter an address like https://events.example.');
    await expect.poll(() => focusedPart(element)).toBe('instance');
    // The button is not what was wrong: its description does not carry the field's error.
    await expect
      .element(page.getByRole('button', { name: 'Connect with Gancio' }))
      .toHaveAccessibleDescription('Opens in a new window');
  });

  test('an empty field: the user is asked for their server’s address', async () => {
    const { element } = await mountWidget({ attributes: { 'ask-instance': '' } });
    await userEvent.click(button(element));
    const field = page.getByLabelText('Your server');
    await expect.element(field).toHaveAccessibleDescription('Enter your server’s address.');
    await expect.poll(() => focusedPart(element)).toBe('instance');
  });

  test('a valid field is not invalid and has no description', async () => {
    await mountWidget({ attributes: { 'ask-instance': '' } });
    const field = page.getByLabelText('Your server');
    await expect.element(field).toHaveAttribute('aria-invalid', 'false');
    await expect.element(field).not.toHaveAttribute('aria-describedby');
  });
});
