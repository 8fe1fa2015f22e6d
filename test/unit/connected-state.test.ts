import { afterEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { button, disconnectButton, mountWidget, nextEvent } from './element-helpers.js';

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
});

describe('connected, as the page says', () => {
  test('shows who is connected and Disconnect instead of Connect', async () => {
    const { element } = await mountWidget({
      attributes: { connected: '', account: 'dana@example.test', provider: 'Kanka' },
    });
    expect(element.connected).toBe(true);
    expect(element.account).toBe('dana@example.test');
    expect(element.status).toBe('connected');
    expect(element.getAttribute('status')).toBe('connected');
    await expect.element(page.getByRole('status')).toHaveTextContent('Connected as dana@example.test');
    await expect.element(page.getByRole('button', { name: 'Disconnect' })).toBeVisible();
    await expect
      .element(page.getByRole('button', { name: 'Disconnect' }))
      .toHaveAccessibleDescription('Connected as dana@example.test');
    expect(button(element).checkVisibility()).toBe(false);
    expect(page.getByRole('button', { name: /Connect with Kanka/ }).query()).toBeNull();
  });

  test('Connect stays hidden while connected, even when the page styles its display', async () => {
    const style = document.createElement('style');
    style.textContent = 'oauth-connect::part(button) { display: inline-flex }';
    document.head.append(style);
    try {
      const { element } = await mountWidget({ attributes: { connected: '' } });
      expect(button(element).checkVisibility()).toBe(false);
      element.connected = false;
      await element.updateComplete;
      expect(button(element).checkVisibility()).toBe(true); // the page's style applies otherwise
    } finally {
      style.remove();
    }
  });

  test('without an account it says Connected', async () => {
    await mountWidget({ attributes: { connected: '' } });
    await expect.element(page.getByRole('status')).toHaveTextContent(/^Connected$/);
  });

  test('the connected slot shows the page’s own view beside Disconnect', async () => {
    const { element } = await mountWidget({
      attributes: { connected: '' },
      content: '<span slot="connected">Dana, 3 calendars</span><b>Link</b>',
    });
    const slot = element.shadowRoot!.querySelector<HTMLSlotElement>('slot[name=connected]')!;
    expect(slot.assignedElements().map((node) => node.textContent)).toEqual(['Dana, 3 calendars']);
    await expect.element(page.getByText('Dana, 3 calendars')).toBeVisible();
    element.connected = false;
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('slot[name=connected]')).toBeNull();
    await expect.element(page.getByText('Dana, 3 calendars')).not.toBeVisible();
  });

  test('the page setting connected to false shows Connect again; nothing new is written on the host', async () => {
    const { element } = await mountWidget({ attributes: { connected: '', account: 'dana' } });
    element.connected = false;
    await element.updateComplete;
    expect(element.status).toBe('idle');
    expect(element.getAttribute('status')).toBe('idle');
    await expect.element(page.getByRole('button', { name: 'Connect' })).toBeVisible();
    expect(disconnectButton(element)).toBeNull();
    // connected, account and disconnect-url never reflect: the attributes are still the author's.
    element.account = 'x';
    element.disconnectUrl = '/d';
    await element.updateComplete;
    expect(element.getAttribute('connected')).toBe('');
    expect(element.getAttribute('account')).toBe('dana');
    expect(element.hasAttribute('disconnect-url')).toBe(false);
  });

  test('the page connecting it clears an error of an earlier attempt', async () => {
    const { element } = await mountWidget({ attributes: { pkce: 'plain' } });
    await userEvent.click(button(element));
    expect(element.status).toBe('error');
    element.connected = true;
    await element.updateComplete;
    expect(element.status).toBe('connected');
    await expect.element(page.getByRole('status')).toHaveTextContent('Connected');
  });
});

describe('connected by a successful exchange', () => {
  test('takes the account from the backend’s JSON answer', async () => {
    const { element } = await mountWidget({ respond: () => Response.json({ account: 'gaia@events.example' }) });
    const success = nextEvent(element, 'oauth-connect-success');
    await userEvent.click(button(element));
    await success;
    expect(element.connected).toBe(true);
    expect(element.account).toBe('gaia@events.example');
    expect(element.status).toBe('connected');
    await expect.element(page.getByRole('status')).toHaveTextContent('Connected as gaia@events.example');
    await expect.element(page.getByRole('button', { name: 'Disconnect' })).toBeVisible();
  });

  test('an account that is not a string is not shown', async () => {
    const { element } = await mountWidget({
      respond: () => Response.json({ account: { name: '<img src=x onerror="window.hacked=1">' } }),
    });
    const success = nextEvent(element, 'oauth-connect-success');
    await userEvent.click(button(element));
    await success;
    expect(element.account).toBeUndefined();
    await expect.element(page.getByRole('status')).toHaveTextContent(/^Connected$/);
  });

  test('an account is shown as text, never as markup', async () => {
    const { element } = await mountWidget({
      respond: () => Response.json({ account: '<img src=x onerror=alert(1)>' }),
    });
    await userEvent.click(button(element));
    await expect.element(page.getByRole('status')).toHaveTextContent('Connected as <img src=x onerror=alert(1)>');
    expect(element.shadowRoot!.querySelector('img')).toBeNull();
  });

  test('without exchange-url the success connects it too', async () => {
    const { element } = await mountWidget();
    element.removeAttribute('exchange-url');
    await element.updateComplete;
    const success = nextEvent(element, 'oauth-connect-success');
    await userEvent.click(button(element));
    expect((await success).detail).toEqual({ response: null, status: null });
    expect(element.status).toBe('connected');
  });
});
