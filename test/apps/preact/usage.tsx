// Type-checked by test/server/framework-types.test.ts: `<oauth-connect>` in Preact JSX.
import { useState } from 'preact/hooks';
import type { ConnectResult } from 'oauth-connect/preact';
import 'oauth-connect/preact';

export function Connect({ authorizeUrl }: { authorizeUrl: string }) {
  const [result, setResult] = useState<ConnectResult | null>(null);
  return (
    <oauth-connect
      class="connect"
      provider="Kanka"
      authorize-url={authorizeUrl}
      client-id="42"
      redirect-uri="https://app.example/oauth/callback"
      exchange-url="/oauth/exchange"
      popup-width={520}
      popup-height="650"
      fallback="redirect"
      ask-instance
      disabled={false}
      strings={{ connect: 'Verbinden' }}
      onoauth-connect-success={(event) => setResult(event.detail)}
      onoauth-connect-error={(event) => console.warn(event.detail.code, event.detail.source)}
      onoauth-connect-code={(event) => event.preventDefault()}
      onoauth-connect-disconnect={(event) => console.log(event.detail.account)}
    >
      {result ? `Connected (${result.status})` : 'Connect'}
    </oauth-connect>
  );
}

export const refused = [
  // @ts-expect-error `pkce` is `S256` or `off`
  <oauth-connect pkce="plain" />,
  // @ts-expect-error `popup-width` is a number
  <oauth-connect popup-width="wide" />,
  // @ts-expect-error the success detail is a ConnectResult, not a string
  <oauth-connect onoauth-connect-success={(event: CustomEvent<string>) => event.detail} />,
  // @ts-expect-error the error detail has no `response`
  <oauth-connect onoauth-connect-error={(event) => event.detail.response} />,
  // @ts-expect-error `strings` keys are the element's texts
  <oauth-connect strings={{ connectt: 'Link' }} />,
];
