import '../src/oauth-connect.js';
import { describeEvent, showConnection } from './event-log.js';
import { configureWidget, readProviderChoices } from './provider-picker.js';

const EVENTS = [
  'oauth-connect-start',
  'oauth-connect-code',
  'oauth-connect-success',
  'oauth-connect-error',
  'oauth-connect-cancel',
  'oauth-connect-disconnect',
];
const log = document.querySelector('#event-log')!;
const connection = document.querySelector('#connection')!;
const widget = document.querySelector('oauth-connect')!;

for (const type of EVENTS) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.textContent = describeEvent(event as CustomEvent);
    log.append(item);
    if (type === 'oauth-connect-success') showConnection(connection, (event as CustomEvent).detail.response);
  });
}
// The element fires nothing once a disconnect has succeeded: its status going back to idle says so.
new MutationObserver(() => {
  if (widget.getAttribute('status') === 'idle' && connection.textContent !== 'Not connected.') {
    connection.textContent = 'Not connected.';
  }
}).observe(widget, { attributes: true, attributeFilter: ['status'] });

// The picker: ?provider=kanka&mode=server selects a provider and mode, and links to them.
const form = document.querySelector<HTMLFormElement>('#picker')!;
const choices = readProviderChoices(document.querySelector('#demo-providers')!.textContent!);
const select = form.elements.namedItem('provider') as HTMLSelectElement;
for (const [id, choice] of Object.entries(choices)) select.append(new Option(choice.label, id));
const query = new URLSearchParams(location.search);
select.value = query.get('provider') && choices[query.get('provider')!] ? query.get('provider')! : 'demo-id';
(form.elements.namedItem('mode') as RadioNodeList).value = query.get('mode') === 'server' ? 'server' : 'browser';

function apply(): void {
  const mode = (form.elements.namedItem('mode') as RadioNodeList).value as 'browser' | 'server';
  configureWidget(widget, choices[select.value]!, mode);
  const url = new URL(location.href);
  url.searchParams.set('provider', select.value);
  url.searchParams.set('mode', mode);
  history.replaceState(null, '', url);
}
form.addEventListener('change', apply);
if (query.has('provider') || query.has('mode')) apply();
// ?fallback=none (or redirect, auto) replaces the page's own fallback="redirect".
if (query.has('fallback')) widget.setAttribute('fallback', query.get('fallback')!);

const refreshResult = document.querySelector('#refresh-result')!;
document.querySelector('#refresh')!.addEventListener('click', async () => {
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content;
  const response = await fetch('/api/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrf },
    body: JSON.stringify({ provider: widget.getAttribute('provider') }),
  });
  const body = (await response.json()) as { expires_in?: number; error_description?: string };
  refreshResult.textContent = response.ok
    ? `Tokens refreshed at ${new Date().toLocaleTimeString()}; the new access token lasts ${body.expires_in} s.`
    : `Refresh failed: ${body.error_description}`;
});
