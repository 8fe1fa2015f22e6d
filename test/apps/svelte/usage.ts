// Type-checked by test/server/framework-types.test.ts: what svelte-check checks `<oauth-connect …>` in a
// Svelte 5 template against, `SvelteHTMLElements['oauth-connect']`.
import type { SvelteHTMLElements } from 'svelte/elements';
import 'oauth-connect/svelte';

type Props = SvelteHTMLElements['oauth-connect'];

export const accepted: Props[] = [
  {
    class: 'connect',
    provider: 'Kanka',
    'authorize-url': 'https://kanka.io/oauth/authorize',
    'client-id': '42',
    'redirect-uri': 'https://app.example/oauth/callback',
    'exchange-url': '/oauth/exchange',
    'popup-width': 520,
    'popup-height': '650',
    'response-mode': 'fragment',
    'ask-instance': true,
    disabled: false,
    connected: true,
    account: 'dana@example.test',
    strings: { connect: 'Verbinden' },
    'onoauth-connect-success': (event) => console.log(event.detail.response, event.detail.status),
    'onoauth-connect-error': (event) => console.warn(event.detail.code, event.detail.source),
    'onoauth-connect-code': (event) => event.preventDefault(),
    'onoauth-connect-disconnect': (event) => console.log(event.detail.account),
  },
  // `null` leaves an attribute out, as everywhere in Svelte.
  { 'ask-instance': null, scope: null },
];

export const refused: Props[] = [
  // @ts-expect-error Svelte would write `ask-instance="false"`, which reads as present: `true` or nothing
  { 'ask-instance': false },
  // @ts-expect-error `pkce` is `S256` or `off`
  { pkce: 'plain' },
  // @ts-expect-error `popup-width` is a number
  { 'popup-width': 'wide' },
  // @ts-expect-error the success detail is a ConnectResult, not a string
  { 'onoauth-connect-success': (event: CustomEvent<string>) => event.detail },
  // @ts-expect-error no such attribute
  { 'authorize-urll': 'https://kanka.io/oauth/authorize' },
];
