import { afterEach, describe, expect, test } from 'vitest';
import { cdp } from 'vitest/browser';
import { disconnectButton, widgetIn, type ViewState } from './element-helpers.js';

type Rgba = [number, number, number, number];

afterEach(async () => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
  document.querySelector('[data-scheme]')?.remove();
  await cdp().send('Emulation.setEmulatedMedia', { features: [] });
});

function rgba(colour: string): Rgba {
  const [r, g, b, a = 1] = colour.match(/[\d.]+/g)!.map(Number);
  expect(colour, 'an sRGB colour').toMatch(/^rgba?\(/);
  return [r, g, b, a];
}

/** `top` painted over the opaque `bottom`. */
const over = ([r, g, b, a]: Rgba, [R, G, B]: Rgba): Rgba => [
  r * a + R * (1 - a),
  g * a + G * (1 - a),
  b * a + B * (1 - a),
  1,
];

/** WCAG 2.2 relative luminance and contrast ratio. */
function luminance([r, g, b]: Rgba): number {
  const [R, G, B] = [r, g, b].map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * R + 0.7152 * G + 0.0722 * B;
}
const contrast = (a: Rgba, b: Rgba) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};

/** The background behind `node`: its own or the nearest ancestor's, across shadow boundaries, over white. */
function backgroundOf(node: Element): Rgba {
  const layers: Rgba[] = [];
  for (let at: Element | null = node; at; at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host || null)) {
    const colour = rgba(getComputedStyle(at).backgroundColor);
    if (colour[3] > 0) layers.push(colour);
    if (colour[3] === 1) break;
  }
  return layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255, 1] as Rgba);
}

/** Contrast of the text of `node` (or of its `::placeholder`) on what is behind it, opacity included. */
function textContrast(node: Element, pseudo?: string): number {
  const style = getComputedStyle(node, pseudo);
  const background = backgroundOf(node);
  const colour = rgba(style.color);
  colour[3] *= Number(style.opacity);
  return contrast(over(colour, background), background);
}

/** Every text the user sees in the element's shadow tree: its own and the slotted label. */
function visibleTexts(element: HTMLElement): [string, Element, string?][] {
  const root = element.shadowRoot!;
  const texts: [string, Element, string?][] = [];
  for (const node of root.querySelectorAll('button, a, [part=status], [part=label], [part=instance-label]')) {
    if (node.checkVisibility() && node.textContent!.trim()) texts.push([node.getAttribute('part')!, node]);
  }
  const field = root.querySelector('input');
  if (field) texts.push(['instance', field], ['instance placeholder', field, '::placeholder']);
  return texts;
}

/** A piece of page in `scheme`: `light dark` follows the user's preference, as the page's own canvas does. */
function pageIn(scheme: string): HTMLElement {
  const page = document.createElement('div');
  page.dataset.scheme = scheme;
  page.style.cssText = `color-scheme: ${scheme}; background: Canvas; color: CanvasText; padding: 1em`;
  document.body.append(page);
  return page;
}

const prefer = (scheme: 'light' | 'dark') =>
  cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });

const states: ViewState[] = ['idle', 'authorizing', 'exchanging', 'error', 'connected', 'instance-error'];

const pages = [
  { name: 'a light page', scheme: 'light', preference: 'light' },
  { name: 'a dark page', scheme: 'dark', preference: 'light' },
  { name: 'a page that follows the user, who prefers dark', scheme: 'light dark', preference: 'dark' },
  { name: 'a page that follows the user, who prefers light', scheme: 'light dark', preference: 'light' },
  // The element must not turn dark on its own: its texts sit on the page's light background.
  { name: 'a light-only page, for a user who prefers dark', scheme: 'normal', preference: 'dark' },
] as const;

describe.each(pages)('every text has 4.5:1 contrast or more, on $name', ({ scheme, preference }) => {
  test.each(states)('%s', async (state) => {
    await prefer(preference);
    const { element } = await widgetIn(state, { parent: pageIn(scheme), attributes: { provider: 'Kanka' } });
    const texts = visibleTexts(element);
    expect(texts.length).toBeGreaterThan(1);
    for (const [name, node, pseudo] of texts) {
      expect(textContrast(node, pseudo), `${name} in ${state}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

test('the error colour follows the scheme: dark red on light, light red on dark', async () => {
  const light = await widgetIn('error', { parent: pageIn('light') });
  const dark = await widgetIn('error', { parent: pageIn('dark') });
  const status = (element: HTMLElement) => getComputedStyle(element.shadowRoot!.querySelector('[part=status]')!).color;
  expect(status(light.element)).toBe('rgb(180, 35, 24)');
  expect(status(dark.element)).toBe('rgb(255, 138, 128)');
});

test('the measure catches low contrast: grey on white fails', () => {
  const page = pageIn('light');
  page.innerHTML = '<p style="color: #aaa">faint</p>';
  expect(textContrast(page.firstElementChild!)).toBeLessThan(4.5);
});

describe('the status colour custom properties', () => {
  test('--oauth-connect-status-color colours the status line while pending and connected', async () => {
    const pending = await widgetIn('authorizing');
    const connected = await widgetIn('connected');
    for (const { element } of [pending, connected]) {
      element.style.setProperty('--oauth-connect-status-color', 'rgb(10, 20, 30)');
      const status = element.shadowRoot!.querySelector('[part=status]')!;
      expect(getComputedStyle(status).color).toBe('rgb(10, 20, 30)');
    }
  });

  test('--oauth-connect-error-color colours it after an error, in either scheme', async () => {
    for (const scheme of ['light', 'dark']) {
      const { element } = await widgetIn('error', { parent: pageIn(scheme) });
      element.style.setProperty('--oauth-connect-status-color', 'rgb(10, 20, 30)');
      element.style.setProperty('--oauth-connect-error-color', 'rgb(120, 0, 40)');
      const status = element.shadowRoot!.querySelector('[part=status]')!;
      expect(getComputedStyle(status).color).toBe('rgb(120, 0, 40)');
      document.querySelector('[data-scheme]')?.remove();
    }
  });
});

test('the busy button keeps its full colours: no opacity while pending', async () => {
  const { element } = await widgetIn('authorizing');
  const main = element.shadowRoot!.querySelector('[part=button]')!;
  expect(main.getAttribute('aria-busy')).toBe('true');
  expect(getComputedStyle(main).opacity).toBe('1');
});

test('in forced colours every button has a visible boundary', async () => {
  await cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: 'active' }] });
  expect(matchMedia('(forced-colors: active)').matches).toBe(true);
  const pending = await widgetIn('authorizing');
  const connected = await widgetIn('connected');
  const buttons = [...pending.element.shadowRoot!.querySelectorAll('button'), disconnectButton(connected.element)];
  expect(buttons.map((node) => node.getAttribute('part'))).toEqual(['button', 'cancel', 'disconnect']);
  for (const node of buttons) {
    const style = getComputedStyle(node);
    expect(style.borderTopStyle, node.getAttribute('part')!).toBe('solid');
    expect(parseFloat(style.borderTopWidth)).toBeGreaterThanOrEqual(1);
    expect(style.borderTopColor).not.toBe(getComputedStyle(document.body).backgroundColor);
  }
});
