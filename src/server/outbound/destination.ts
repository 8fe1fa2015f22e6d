import { refusedDestination, unreachable } from './outbound-error.js';
import { hostIpLiteral, isPublicAddress, parseIpAddress, toCheckedAddress } from './public-address.js';
import type { CheckedAddress, IpAddress } from './public-address.js';
import type { Resolver } from './node-networking.js';

export interface DestinationPolicy {
  /** Whether the deployment trusts this URL's host (allowHosts): plain http and any address allowed. */
  trusted: boolean;
  resolve: Resolver;
}

/**
 * The addresses a guarded request to `url` may connect to, each one checked. The connection must be
 * pinned to exactly these, so a second DNS answer (rebinding) never reaches the socket.
 */
export async function checkedDestination(url: URL, policy: DestinationPolicy): Promise<CheckedAddress[]> {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.trusted)) {
    throw refusedDestination(url, 'only https URLs may be requested');
  }
  const literal = hostIpLiteral(url.hostname);
  if (literal) {
    if (!policy.trusted && !isPublicAddress(literal)) throw refusedDestination(url, 'it is not a public IP address');
    return [toCheckedAddress(literal)];
  }
  let answers: string[];
  try {
    answers = await policy.resolve(url.hostname);
  } catch (error) {
    throw unreachable(url, error);
  }
  const addresses = answers.map(parseIpAddress);
  if (addresses.length === 0 || addresses.includes(undefined)) {
    throw unreachable(url, new Error(`resolving ${url.hostname} gave no usable address: ${answers.join(', ')}`));
  }
  const valid = addresses as IpAddress[];
  if (!policy.trusted && !valid.every(isPublicAddress)) {
    throw refusedDestination(url, 'its host name resolves to an address that is not public', {
      addresses: answers,
    });
  }
  return valid.map(toCheckedAddress);
}
