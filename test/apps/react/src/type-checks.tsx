// Never rendered: `tsc --noEmit` fails when the package's typings stop refusing these.
import { OAuthConnect } from 'oauth-connect/react';
import type { ConnectResult } from 'oauth-connect/react-jsx';

export const refused = [
  // @ts-expect-error `pkce` is `S256` or `off`
  <oauth-connect pkce="plain" />,
  // @ts-expect-error `popup-width` is a number
  <oauth-connect popup-width="wide" />,
  // @ts-expect-error the success detail is a ConnectResult, not a string
  <oauth-connect onoauth-connect-success={(event: CustomEvent<string>) => event.detail} />,
  // @ts-expect-error the error detail has no `response`
  <oauth-connect onoauth-connect-error={(event) => event.detail.response} />,
  // @ts-expect-error the wrapper's onSuccess gets a ConnectResult
  <OAuthConnect onSuccess={(event: CustomEvent<number>) => event.detail} />,
  // @ts-expect-error `strings` keys are the element's texts
  <oauth-connect strings={{ connectt: 'Link' }} />,
];

export const accepted = [
  <oauth-connect ask-instance disabled={false} popup-height="650" strings={{ connect: 'Link' }} />,
  <oauth-connect onoauth-connect-code={(event) => event.preventDefault()} />,
  <OAuthConnect onSuccess={(event) => (event.detail satisfies ConnectResult).status} />,
];
