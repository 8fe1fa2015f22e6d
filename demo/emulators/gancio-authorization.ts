import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProviderContext } from './emulated-provider.js';
import { readFields, redirect, sendHtml, sendText } from './http-kit.js';
import { approvalPage } from './pages.js';
import type { EmulatedUser, TokenStore } from './token-store.js';

/** A code as Gancio keeps it: no expiry, never revoked, bound to the redirect URI the request asked for. */
export interface GancioCode {
  clientId: string;
  user: EmulatedUser;
  redirectUri?: string;
}

/** The authorization transaction oauth2orize keeps in the session between `/oauth/authorize` and the decision. */
interface Transaction {
  id: string;
  clientId: string;
  redirectUri?: string;
  state?: string;
}

type Context = ProviderContext<TokenStore>;

/** Gancio's error handler answers every error of these routes with a bare 500. */
const internalError = (res: ServerResponse) => sendText(res, 500, 'Internal Server Error');

/** oauth2orize's query response: the parameters set on the redirect URI's own query. */
function respond(res: ServerResponse, redirectUri: string | undefined, params: Record<string, string | undefined>) {
  if (!redirectUri || !URL.canParse(redirectUri)) return internalError(res);
  const location = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) location.searchParams.set(name, value);
  redirect(res, location.href);
}

/**
 * Gancio 1.21's authorization endpoint, on oauth2orize: `GET /oauth/authorize` checks only that the client
 * exists (any redirect URI is taken, PKCE is not read), approves at once a client the signed-in user already
 * holds a token for, and otherwise keeps a transaction in the session and sends the browser to the consent
 * page `/authorize`, whose form posts the decision to `POST /oauth/authorize`.
 */
export function createGancioAuthorization(codes: Map<string, GancioCode>) {
  const issueCode = (res: ServerResponse, grant: GancioCode, state: string | undefined) => {
    const code = randomBytes(8).toString('hex');
    codes.set(code, grant);
    respond(res, grant.redirectUri, { code, state });
  };

  return {
    start(req: IncomingMessage, res: ServerResponse, url: URL, context: Context): void {
      const query = Object.fromEntries(url.searchParams);
      const client = context.store.clients.get(query.client_id ?? '');
      if (query.response_type !== 'code' || !client) return internalError(res);
      const session = context.sessions.open(req, res);
      const signedIn = session.userId === context.user.id ? context.user : undefined;
      if (signedIn && context.store.validTokenOf(signedIn.id, client.id)) {
        return issueCode(res, { clientId: client.id, user: signedIn, redirectUri: query.redirect_uri }, query.state);
      }
      // Only the newest transaction of a session is kept.
      const transaction: Transaction = {
        id: randomBytes(4).toString('hex'),
        clientId: client.id,
        redirectUri: query.redirect_uri,
        state: query.state,
      };
      session.data.set('transaction', transaction);
      const consent = new URLSearchParams({
        transactionID: transaction.id,
        client: client.name,
        scope: client.scopes ?? '',
        redirect_uri: client.redirectUris.join(' '),
      });
      redirect(res, `/authorize?${consent}`);
    },

    /** The consent page: it shows whatever its query says; Cancel is a link home, so no error reaches the client. */
    consentPage(req: IncomingMessage, res: ServerResponse, url: URL, context: Context): void {
      if (!context.signedIn(req, res, url)) return;
      const query = url.searchParams;
      const page = approvalPage({
        brand: context.brand,
        action: '/oauth/authorize',
        clientName: query.get('client') ?? '',
        scopes: [query.get('scope') ?? ''].filter(Boolean),
        fields: { transaction_id: query.get('transactionID') ?? '' },
        cancel: { href: '/' },
        note: `You will be redirected to ${query.get('redirect_uri') ?? ''}`,
      });
      sendHtml(res, 200, page);
    },

    /** oauth2orize's decision: the session's transaction, answered with a code (or access_denied with `cancel`). */
    async decide(req: IncomingMessage, res: ServerResponse, context: Context): Promise<void> {
      const fields = await readFields(req);
      const session = context.sessions.find(req);
      const transaction = session?.data.get('transaction') as Transaction | undefined;
      if (!fields.transaction_id || transaction?.id !== fields.transaction_id) return internalError(res);
      if (session?.userId !== context.user.id) return internalError(res);
      session.data.delete('transaction');
      const { clientId, redirectUri, state } = transaction;
      if (fields.cancel) return respond(res, redirectUri, { error: 'access_denied', state });
      issueCode(res, { clientId, user: context.user, redirectUri }, state);
    },
  };
}
