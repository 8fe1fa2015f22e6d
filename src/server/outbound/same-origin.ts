import { OutboundRequestError } from './outbound-error.js';

function originOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const { origin } = new URL(url);
  return origin === 'null' ? undefined : origin;
}

/** Whether `url` has the same origin (scheme, host, port) as `origin`; false when either has none. */
export function isSameOrigin(url: string, origin: string): boolean {
  const expected = originOf(origin);
  return expected !== undefined && originOf(url) === expected;
}

/**
 * Refuses a URL taken from remote metadata (e.g. `registration_endpoint`) that is not on the origin of
 * the instance that published it, in the spirit of RFC 8414 section 3.3: an instance may not send this
 * server on to somewhere else. `what` names the metadata member. The URL itself is left out of the message.
 */
export function assertOnOrigin(url: string, origin: string, what: string): void {
  if (isSameOrigin(url, origin)) return;
  const shown = originOf(origin) ?? 'the instance';
  throw new OutboundRequestError(502, 'server_error', `the "${what}" published by ${shown} is not on its origin`, {
    cause: { url, origin },
  });
}
