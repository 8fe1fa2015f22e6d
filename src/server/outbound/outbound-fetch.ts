import { hostAllowList } from './allow-hosts.js';
import { checkedDestination } from './destination.js';
import { sendWithFetch } from './fetch-transport.js';
import { abortable, readCappedBody, startDeadline } from './limits.js';
import { loadNodeNetworking } from './node-networking.js';
import type { Resolver } from './node-networking.js';
import { sendWithNode } from './node-transport.js';
import { OutboundRequestError, unreachable } from './outbound-error.js';
import { normaliseRequest } from './outgoing-request.js';
import type { OutgoingRequest, RawResponse } from './transport.js';

export interface OutboundOptions {
  /**
   * Exact host names or IP literals, optionally `host:port`, that this deployment trusts: plain http and
   * private or loopback addresses are allowed for them. Matched exactly against the URL's normalised host.
   */
  allowHosts?: readonly string[];
  /** Time for the whole request: connection, answer headers and body. Default 10 000 ms. */
  timeoutMs?: number;
  /** Largest answer body accepted, counted while it streams. Default 1 MiB. */
  maxResponseBytes?: number;
}

export interface OutboundFetchOptions extends OutboundOptions {
  /**
   * `true` for every destination a user can influence: https only, and every address the host resolves
   * to must be public unicast; the connection goes to exactly the checked address.
   */
  guard: boolean;
  /** Resolves a host name to all its addresses. Default: the system resolver (`node:dns` lookup). */
  resolve?: Resolver;
}

type FetchInput = string | URL | Request;

const nullBodyStatuses = new Set([204, 205]);

async function sendGuarded(
  request: OutgoingRequest,
  options: OutboundFetchOptions,
  trusted: boolean,
  signal: AbortSignal,
): Promise<RawResponse> {
  const networking = await loadNodeNetworking();
  if (!networking) {
    const message = 'a guarded outbound request needs node:http, node:https and node:dns, which this runtime lacks';
    throw new OutboundRequestError(500, 'server_error', message);
  }
  const addresses = await checkedDestination(request.url, { trusted, resolve: options.resolve ?? networking.resolve });
  return sendWithNode(networking, request, addresses, signal);
}

/** Turns an answer into a `Response`, refusing redirects and bodies larger than `maxBytes`. */
async function toResponse(raw: RawResponse, maxBytes: number, signal: AbortSignal): Promise<Response> {
  // A redirect is never followed: its target was not checked (RFC 9110 section 15.4).
  if (raw.status >= 300 && raw.status < 400) throw new Error(`the answer is a redirect (HTTP ${raw.status})`);
  const declared = Number(raw.headers.get('content-length'));
  if (declared > maxBytes) throw new Error(`the answer declares ${declared} bytes, more than ${maxBytes}`);
  const body = await abortable(readCappedBody(raw.body, maxBytes), signal);
  return new Response(nullBodyStatuses.has(raw.status) ? null : body, { status: raw.status, headers: raw.headers });
}

/**
 * A `fetch` for requests from this server to others, e.g. oauth4webapi's `customFetch`. Always: one
 * timeout over the whole request, a cap on the answer's size, no redirects, and a message that never
 * repeats what the remote sent. With `guard`, also the destination checks of {@link OutboundFetchOptions}.
 * The caller's `signal` aborts it with the signal's own reason, as `fetch` does.
 */
export function createOutboundFetch(options: OutboundFetchOptions): typeof fetch {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;
  const trusts = hostAllowList(options.allowHosts ?? []);
  const outboundFetch = async (input: FetchInput, init?: RequestInit): Promise<Response> => {
    const request = await normaliseRequest(input, init);
    const caller = request.signal;
    if (caller?.aborted) throw caller.reason;
    const deadline = startDeadline(timeoutMs, caller);
    let raw: RawResponse | undefined;
    try {
      const sending = options.guard
        ? sendGuarded(request, options, trusts(request.url), deadline.signal)
        : sendWithFetch(request, deadline.signal);
      raw = await abortable(sending, deadline.signal);
      return await toResponse(raw, maxBytes, deadline.signal);
    } catch (error) {
      raw?.discard();
      if (caller?.aborted) throw caller.reason;
      if (error instanceof OutboundRequestError) throw error;
      throw unreachable(request.url, deadline.timedOut ? deadline.signal.reason : error);
    } finally {
      deadline.dispose();
    }
  };
  return outboundFetch as typeof fetch;
}
