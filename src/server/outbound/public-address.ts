import ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** An address a connection can be pinned to, in the shape `node:dns` lookup answers. */
export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

// RFC 4291 section 2.4 and the IANA IPv6 address space registry: global unicast is only ever allocated from
// 2000::/3. Anything outside it (the deprecated IPv4-compatible ::/96 included) is never a public destination.
const globalUnicast = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * Parses an IP address in its canonical text forms only (dotted-quad IPv4, or IPv6 without a zone),
 * the forms WHATWG URL and `node:dns` produce. Other spellings (`127.1`, `0x7f.1`) are not accepted.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!text.includes('%') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

/** The IP literal in a URL's normalised `hostname` (IPv6 in brackets), or undefined for a host name. */
export function hostIpLiteral(hostname: string): IpAddress | undefined {
  if (hostname.startsWith('[') && hostname.endsWith(']')) return parseIpAddress(hostname.slice(1, -1));
  return parseIpAddress(hostname);
}

/**
 * Whether `address` is public unicast, the only kind a guarded request may reach: not loopback, private,
 * link-local, CGNAT, unique local, multicast, broadcast, unspecified, documentation, benchmarking or
 * reserved. IPv4-mapped IPv6 is judged by its IPv4 address; NAT64, 6to4 and Teredo forms are refused
 * outright, as they may embed any IPv4 address.
 */
export function isPublicAddress(address: IpAddress): boolean {
  if (address.kind() === 'ipv4') return address.range() === 'unicast';
  const v6 = address as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return isPublicAddress(v6.toIPv4Address());
  return v6.range() === 'unicast' && v6.match(globalUnicast);
}

export function toCheckedAddress(address: IpAddress): CheckedAddress {
  return { address: address.toString(), family: address.kind() === 'ipv4' ? 4 : 6 };
}
