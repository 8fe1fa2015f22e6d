import { useState } from 'react';
import { OAuthConnect } from 'oauth-connect/react';
import type { ConnectResult } from 'oauth-connect/react-jsx';
import 'oauth-connect/react-jsx';

const env = import.meta.env;

/** The name in the backend's answer: `response` is whatever JSON the backend sent, so it is checked. */
function profileName({ response }: ConnectResult): string {
  const profile = (response as { profile?: { name?: unknown } } | null)?.profile;
  return typeof profile?.name === 'string' ? profile.name : 'someone';
}

/** The plain element, typed by `oauth-connect/react-jsx`, beside the `@lit/react` wrapper. */
export function App() {
  const [elementResult, setElementResult] = useState('');
  const [wrapperResult, setWrapperResult] = useState('');
  return (
    <main>
      <h1>React</h1>
      <section>
        <h2>The element</h2>
        <oauth-connect
          provider="Demo ID"
          authorize-url={env.VITE_AUTHORIZE_URL}
          client-id={env.VITE_CLIENT_ID}
          redirect-uri={env.VITE_REDIRECT_URI}
          issuer={env.VITE_ISSUER}
          scope="openid profile email"
          params="prompt=consent"
          exchange-url="/api/exchange"
          popup-width={520}
          onoauth-connect-success={(event) => setElementResult(`Welcome, ${profileName(event.detail)}.`)}
          onoauth-connect-error={(event) => setElementResult(`Failed: ${event.detail.code}`)}
        />
        <p id="element-result">{elementResult}</p>
      </section>
      <section>
        <h2>The wrapper</h2>
        <OAuthConnect
          provider="Demo ID"
          label="Sign in"
          issuer={env.VITE_ISSUER}
          startUrl="/api/start"
          exchangeUrl="/api/exchange"
          disconnectUrl="/api/disconnect"
          onSuccess={(event) => setWrapperResult(`Welcome, ${profileName(event.detail)}.`)}
          onDisconnect={(event) => setWrapperResult(`Disconnected ${event.detail.account}.`)}
          onError={(event) => setWrapperResult(`Failed: ${event.detail.code}`)}
        />
        <p id="wrapper-result">{wrapperResult}</p>
      </section>
    </main>
  );
}
