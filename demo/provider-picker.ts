export interface ProviderChoice {
  label: string;
  browser: Record<string, string>;
  server: Record<string, string>;
}

/** Every attribute the picker sets; each switch removes them all first, so no setting leaks into the next provider. */
const MANAGED = [
  'provider',
  'authorize-url',
  'client-id',
  'redirect-uri',
  'scope',
  'issuer',
  'response-mode',
  'display',
  'popup-width',
  'popup-height',
  'params',
  'start-url',
  'ask-instance',
  'instance',
];

export function readProviderChoices(json: string): Record<string, ProviderChoice> {
  return JSON.parse(json) as Record<string, ProviderChoice>;
}

/** Points the widget at one provider, started by the widget itself or by the backend's `/api/start`. */
export function configureWidget(widget: Element, choice: ProviderChoice, mode: 'browser' | 'server'): void {
  for (const name of MANAGED) widget.removeAttribute(name);
  const attributes = mode === 'server' ? { ...choice.server, 'start-url': '/api/start' } : choice.browser;
  for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
}
