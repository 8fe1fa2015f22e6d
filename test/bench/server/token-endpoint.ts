/**
 * A stand-in token endpoint (RFC 6749 section 3.2) for the bench: it answers any code with the same
 * token response, as fast as it can, so the bench measures the app servers and not a provider.
 */
import { readBodyText, serveBenchChild } from './bench-child.js';

const TOKEN_RESPONSE = JSON.stringify({ access_token: 'a', token_type: 'Bearer', expires_in: 3600 });

await serveBenchChild(() => async (req, res) => {
  await readBodyText(req);
  if (req.method !== 'POST' || !req.url?.startsWith('/token')) {
    res.statusCode = 404;
    return void res.end();
  }
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(TOKEN_RESPONSE);
});
