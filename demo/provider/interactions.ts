import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { findDemoAccount } from './accounts.js';
import { consentPage, loginPage } from './pages.js';

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: ServerResponse, html: string, status = 200): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

/**
 * Serves `/interaction/:uid`: the login form, then the consent form, then hands the result back to
 * oidc-provider, which redirects to the client's redirect_uri (with `error=access_denied` on deny).
 */
export async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const action = `/interaction/${details.uid}`;
  const { prompt, params, session } = details;

  if (req.method === 'GET') {
    if (prompt.name === 'login') return sendHtml(res, loginPage(action));
    const client = await provider.Client.find(String(params.client_id));
    const scopes = String(params.scope ?? '')
      .split(' ')
      .filter(Boolean);
    return sendHtml(res, consentPage(action, client?.clientName ?? String(params.client_id), scopes));
  }

  const form = await readForm(req);
  if (prompt.name === 'login') {
    const account = findDemoAccount(form.get('username') ?? '', form.get('password') ?? '');
    if (!account) return sendHtml(res, loginPage(action, 'Wrong username or password.'), 401);
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.claims.sub } },
      { mergeWithLastSubmission: false },
    );
    return;
  }

  if (form.get('decision') !== 'allow') {
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The user denied the request' },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  const grant = new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
  const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  await provider.interactionFinished(
    req,
    res,
    { consent: { grantId: await grant.save() } },
    { mergeWithLastSubmission: true },
  );
}
