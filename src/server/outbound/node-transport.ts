import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { LookupFunction } from 'node:net';
import type { NodeNetworking } from './node-networking.js';
import type { CheckedAddress } from './public-address.js';
import type { OutgoingRequest, RawResponse } from './transport.js';

// Framing and routing headers are this transport's to set, never the caller's (RFC 9110 section 7.6.1).
const transportHeaders = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'upgrade',
  'content-length',
  'accept-encoding',
]);

/**
 * A `lookup` for `node:net` that answers only the addresses checked before the request, whatever the
 * host name: the socket connects to what was checked, and DNS is never asked a second time.
 */
export function pinnedLookup(addresses: readonly CheckedAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family || 0;
    const usable = family === 0 ? addresses : addresses.filter((entry) => entry.family === family);
    if (usable.length === 0) {
      const error = Object.assign(new Error(`no checked IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' });
      callback(error, '');
    } else if (options.all) {
      callback(
        null,
        usable.map((entry) => ({ ...entry })),
      );
    } else {
      callback(null, usable[0].address, usable[0].family);
    }
  };
}

function outgoingHeaders(request: OutgoingRequest): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of request.headers) if (!transportHeaders.has(name)) headers[name] = value;
  // Compressed answers are not decoded here, so none are asked for (RFC 9110 section 12.5.3).
  headers['accept-encoding'] = 'identity';
  if (request.body) headers['content-length'] = String(request.body.byteLength);
  return headers;
}

function answerHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (let index = 0; index < message.rawHeaders.length; index += 2) {
    headers.append(message.rawHeaders[index], message.rawHeaders[index + 1]);
  }
  return headers;
}

/**
 * Sends `request` over `node:http`/`node:https` to one of `addresses`. The host name still goes in
 * `Host` and in TLS SNI, and the certificate is verified against it. No connection pooling: a pooled
 * socket could have been opened by someone else, to an address nobody checked.
 */
export function sendWithNode(
  networking: NodeNetworking,
  request: OutgoingRequest,
  addresses: readonly CheckedAddress[],
  signal: AbortSignal,
): Promise<RawResponse> {
  const { url } = request;
  const client = url.protocol === 'https:' ? networking.https : networking.http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request({
      protocol: url.protocol,
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers: outgoingHeaders(request),
      agent: false,
      lookup: pinnedLookup(addresses),
      signal,
    });
    outgoing.on('error', reject);
    outgoing.once('response', (message) => {
      const encoding = message.headers['content-encoding'];
      if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
        outgoing.destroy();
        reject(new Error(`the answer has content-encoding ${encoding}, though only identity was accepted`));
        return;
      }
      resolve({
        status: message.statusCode ?? 0,
        headers: answerHeaders(message),
        body: message,
        discard: () => void outgoing.destroy(),
      });
    });
    outgoing.end(request.body);
  });
}
