import ipaddr from 'ipaddr.js';

interface AllowedHost {
  hostname: string;
  port?: string;
}

const defaultPorts: Record<string, string> = { 'http:': '80', 'https:': '443' };

function invalidEntry(entry: string): TypeError {
  return new TypeError(`allowHosts entry "${entry}" is not a host name or IP literal with an optional ":port"`);
}

/** Splits `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 literal into its host and port. */
function splitHostPort(entry: string): { host: string; port?: string } {
  if (ipaddr.IPv6.isValid(entry)) return { host: `[${entry}]` };
  const close = entry.startsWith('[') ? entry.indexOf(']') : -1;
  const colon = entry.indexOf(':', close + 1);
  if (colon === -1) return { host: entry };
  return { host: entry.slice(0, colon), port: entry.slice(colon + 1) };
}

/** An allowHosts entry, its host normalised the way WHATWG URL normalises a request's host. */
function parseEntry(entry: string): AllowedHost {
  const { host, port } = splitHostPort(entry.trim());
  if (host === '' || ['/', '?', '#', '@', '\\'].some((character) => host.includes(character))) {
    throw invalidEntry(entry);
  }
  if (port !== undefined) {
    const number = Number(port);
    if (!/^\d{1,5}$/.test(port) || number < 1 || number > 65_535) throw invalidEntry(entry);
  }
  let hostname: string;
  try {
    hostname = new URL(`http://${host}/`).hostname;
  } catch (error) {
    throw Object.assign(invalidEntry(entry), { cause: error });
  }
  return { hostname, port: port === undefined ? undefined : String(Number(port)) };
}

/**
 * A matcher for the hosts a deployment trusts (exact names or IP literals, optionally with a port).
 * It compares the request URL's normalised host exactly: no suffixes, no wildcards, no resolution.
 */
export function hostAllowList(entries: readonly string[]): (url: URL) => boolean {
  const allowed = entries.map(parseEntry);
  return (url) => {
    const port = url.port || defaultPorts[url.protocol];
    return allowed.some((entry) => entry.hostname === url.hostname && (entry.port ?? port) === port);
  };
}
