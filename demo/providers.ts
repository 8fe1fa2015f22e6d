import { createClientRegistry, type ProviderEntry, type ResolvedProvider, type TokenSet } from '../src/server.js';
import { startGancio } from './emulators/gancio.js';
import { startKitchenMonki } from './emulators/kitchenmonki.js';
import { startPassport } from './emulators/passport.js';
import type { EmulatedClient } from './emulators/oauth-model.js';
import type { OidcServer } from './provider/oidc-server.js';
import { randomBytes } from 'node:crypto';

/** Who connected, as the provider's profile endpoint says. */
export interface Account {
  id: string;
  name: string;
  email?: string;
}

/** One choice of the demo's provider picker: the backend's settings and the element's attributes in each mode. */
export interface DemoProvider {
  label: string;
  /** Backend entries by provider name (the element's `provider`). */
  entries: Record<string, ProviderEntry>;
  /** Element attributes for a flow the widget starts in the browser. */
  browser: Record<string, string>;
  /** Element attributes for a flow the backend starts (`start-url`). */
  server: Record<string, string>;
  profile(tokens: TokenSet, settings: ResolvedProvider): Promise<Account>;
  /** How many token responses the provider has given out: what tests check nothing was redeemed. */
  tokensIssued(): number;
  close(): Promise<void>;
}

const secret = () => randomBytes(20).toString('hex');

async function getJson(url: string, accessToken: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/** A provider's popup size, where its pages want another than the element's 500 × 650. */
interface PopupSize {
  width: number;
  height: number;
}

const popupAttributes = (size?: PopupSize): Record<string, string> =>
  size ? { 'popup-width': String(size.width), 'popup-height': String(size.height) } : {};

/**
 * The attributes a browser-started element needs for `settings`. `display` is the element's as the backend's:
 * both send `popup` unless a provider's settings say otherwise (`''` sends none).
 */
function browserAttributes(name: string, settings: ResolvedProvider, popup?: PopupSize): Record<string, string> {
  const attributes: Record<string, string> = {
    provider: name,
    'authorize-url': settings.authorizeEndpoint,
    'client-id': settings.clientId,
    'redirect-uri': settings.redirectUri,
    ...popupAttributes(popup),
  };
  if (settings.display !== undefined) attributes.display = settings.display;
  if (settings.scope) attributes.scope = settings.scope;
  if (settings.issuer) attributes.issuer = settings.issuer;
  if (settings.responseMode) attributes['response-mode'] = settings.responseMode;
  if (settings.params) attributes.params = new URLSearchParams(settings.params).toString();
  return attributes;
}

export function demoIdProvider(
  oidc: OidcServer,
  client: { clientId: string; clientSecret: string; redirectUri: string },
): DemoProvider {
  const name = 'Demo ID';
  const settings: ResolvedProvider = {
    authorizeEndpoint: oidc.authorizeUrl,
    tokenEndpoint: oidc.tokenEndpoint,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    style: 'client_secret_basic',
    redirectUri: client.redirectUri,
    // offline_access: a refresh token too (with prompt=consent, OpenID Connect Core 1.0 section 11), which
    // Disconnect revokes first, and the grant with it.
    scope: 'openid profile email offline_access',
    issuer: oidc.issuer,
    // The signing keys for the ID Token, and whether responses carry `iss`, come from the provider's metadata.
    discovery: true,
    params: { prompt: 'consent' },
    browserStart: true,
  };
  return {
    label: 'Demo ID (OpenID Connect, oidc-provider)',
    entries: { [name]: settings },
    browser: browserAttributes(name, settings),
    server: { provider: name, issuer: oidc.issuer },
    async profile(tokens) {
      const claims = await getJson(oidc.userinfoEndpoint, tokens.access_token);
      return { id: String(claims.sub), name: String(claims.name), email: claims.email as string | undefined };
    },
    tokensIssued: () => Number.NaN,
    close: async () => {},
  };
}

export async function kankaProvider(redirectUri: string): Promise<DemoProvider> {
  const client: EmulatedClient = {
    id: '9b1c0e4e-demo-kanka',
    secret: secret(),
    name: 'oauth-connect demo',
    redirectUris: [redirectUri],
  };
  const kanka = await startPassport({ brand: 'Kanka', clients: [client] });
  const name = 'Kanka';
  const settings: ResolvedProvider = {
    authorizeEndpoint: `${kanka.origin}/oauth/authorize`,
    tokenEndpoint: `${kanka.origin}/oauth/token`,
    clientId: client.id,
    clientSecret: client.secret,
    style: 'client_secret_post',
    redirectUri,
    browserStart: true,
  };
  return {
    label: 'Kanka (Laravel Passport)',
    entries: { [name]: settings },
    browser: browserAttributes(name, settings),
    server: { provider: name },
    async profile(tokens) {
      const { data } = (await getJson(`${kanka.origin}/api/1.0/profile`, tokens.access_token)) as {
        data: { id: string; name: string };
      };
      return { id: data.id, name: data.name };
    },
    tokensIssued: () => kanka.emulator.issued.length,
    close: () => kanka.close(),
  };
}

export async function gancioProvider(
  redirectUri: string,
  website: string,
): Promise<DemoProvider & { origin: string; outbound: { allowHosts: string[] } }> {
  const gancio = await startGancio();
  // Each instance gets its own redirect URI (RFC 9700 section 4.4.2): a response tells where it came from.
  const redirectUriAt = (instance: string) => `${redirectUri}/gancio/${encodeURIComponent(new URL(instance).host)}`;
  // Any Gancio instance the user names: a client is registered there on first use, and kept. The demo's own
  // instance listens on 127.0.0.1, which the outbound guard refuses unless it is named as trusted.
  const outbound = { allowHosts: [new URL(gancio.origin).host] };
  const registry = createClientRegistry({
    style: 'gancio',
    metadata: { clientName: 'oauth-connect demo', redirectUri: redirectUriAt, scope: 'event:write', website },
    outbound,
  });
  const atInstance = async (instance: string): Promise<ResolvedProvider> => {
    const client = await registry.client(instance);
    return {
      authorizeEndpoint: `${instance}/oauth/authorize`,
      tokenEndpoint: `${instance}/oauth/token`,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      style: 'client_secret_post',
      redirectUri: redirectUriAt(instance),
      scope: 'event:write',
      // Gancio documents four authorize parameters, `display` not among them: send only those.
      display: '',
    };
  };
  // A window of its own size, as a provider whose pages need more room would have.
  const popup = { width: 640, height: 720 };
  // The widget can only start a flow itself with a client it knows: this demo's own instance, registered now.
  const local = { ...(await atInstance(gancio.origin)), browserStart: true };
  return {
    origin: gancio.origin,
    outbound,
    label: 'Gancio (client registered per instance)',
    entries: { Gancio: atInstance, 'Gancio (demo instance)': local },
    browser: browserAttributes('Gancio (demo instance)', local, popup),
    server: { provider: 'Gancio', 'ask-instance': '', instance: gancio.origin, ...popupAttributes(popup) },
    async profile(tokens, settings) {
      const { data } = (await getJson(new URL('/api/user', settings.tokenEndpoint).href, tokens.access_token)) as {
        data: { id: string; name: string };
      };
      return { id: data.id, name: data.name };
    },
    tokensIssued: () => gancio.emulator.issued.length,
    close: () => gancio.close(),
  };
}

export async function kitchenMonkiProvider(redirectUri: string) {
  const client: EmulatedClient = {
    id: 'demo-kitchen-client',
    secret: secret(),
    name: 'oauth-connect demo',
    redirectUris: [redirectUri],
  };
  const monki = await startKitchenMonki({ clients: [client] });
  const name = 'KitchenMonki';
  const settings: ResolvedProvider = {
    authorizeEndpoint: `${monki.web.origin}/authorize`,
    tokenEndpoint: `${monki.api.origin}/v2/token/grant`,
    clientId: client.id,
    clientSecret: client.secret,
    style: 'query',
    redirectUri,
    // With display=popup KitchenMonki posts the code to the opener (its docs, "Using a popup"): said, not defaulted.
    display: 'popup',
    responseMode: 'web_message',
    browserStart: true,
  };
  const provider: DemoProvider = {
    label: 'KitchenMonki (display=popup, GET token grant, rotating refresh tokens)',
    entries: { [name]: settings },
    browser: browserAttributes(name, settings),
    server: { provider: name },
    async profile(tokens) {
      const me = await getJson(`${monki.api.origin}/v2/me`, tokens.access_token);
      return { id: String(me.id), name: String(me.name) };
    },
    tokensIssued: () => monki.web.emulator.issued.length,
    close: () => monki.close(),
  };
  return { ...provider, monki };
}
