import type { LookupAddress } from 'node:dns';
import { describe, expect, test } from 'vitest';
import { hostAllowList } from '../../src/server/outbound/allow-hosts.js';
import { assertOnOrigin, isSameOrigin, OutboundRequestError } from '../../src/server/outbound/index.js';
import { pinnedLookup } from '../../src/server/outbound/node-transport.js';
import { isPublicAddress, parseIpAddress } from '../../src/server/outbound/public-address.js';

const isPublic = (text: string) => isPublicAddress(parseIpAddress(text)!);

describe('isPublicAddress', () => {
  test.each(['93.184.215.14', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4001::1', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => expect(isPublic(address)).toBe(true),
  );

  test.each([
    ['loopback', '127.0.0.1'],
    ['loopback', '127.255.255.254'],
    ['loopback', '::1'],
    ['private', '10.1.2.3'],
    ['private', '172.16.0.1'],
    ['private', '172.31.255.255'],
    ['private', '192.168.0.1'],
    ['link-local', '169.254.169.254'],
    ['link-local', 'fe80::1'],
    ['CGNAT', '100.64.0.1'],
    ['CGNAT', '100.127.255.255'],
    ['unique local', 'fc00::1'],
    ['unique local', 'fd12:3456::1'],
    ['multicast', '224.0.0.1'],
    ['multicast', 'ff02::1'],
    ['unspecified', '0.0.0.0'],
    ['unspecified', '::'],
    ['this network 0/8', '0.1.2.3'],
    ['broadcast', '255.255.255.255'],
    ['reserved 240/4', '240.0.0.1'],
    ['documentation', '192.0.2.1'],
    ['documentation', '198.51.100.1'],
    ['documentation', '203.0.113.1'],
    ['documentation', '2001:db8::1'],
    ['benchmarking', '198.18.0.1'],
    ['benchmarking', '198.19.255.255'],
    ['benchmarking', '2001:2::1'],
    ['IETF protocol assignments', '192.0.0.1'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped private', '::ffff:10.0.0.1'],
    ['IPv4-compatible loopback', '::127.0.0.1'],
    ['IPv4-compatible public', '::808:808'],
    ['IPv4-translated', '::ffff:0:7f00:1'],
    ['NAT64 of metadata', '64:ff9b::169.254.169.254'],
    ['local-use NAT64', '64:ff9b:1::a9fe:a9fe'],
    ['6to4 of loopback', '2002:7f00:1::1'],
    ['Teredo', '2001:0:4136:e378::1'],
    ['site-local', 'fec0::1'],
    ['discard-only', '100::1'],
    ['outside 2000::/3', '4000::1'],
  ])('%s %s is not public', (_kind, address) => expect(isPublic(address)).toBe(false));
});

describe('parseIpAddress', () => {
  test.each(['127.1', '0x7f.0.0.1', '2130706433', '017700000001', 'fe80::1%eth0', 'localhost', '[::1]', ''])(
    'does not take %j as an address, so it is never connected to unresolved',
    (text) => expect(parseIpAddress(text)).toBeUndefined(),
  );
});

describe('hostAllowList', () => {
  test('matches the normalised host exactly, with or without a port', () => {
    const allows = hostAllowList(['127.0.0.1', 'Instance.Example', '[::1]:8443', '::2', 'gancio.test:80']);
    const check = (url: string) => allows(new URL(url));
    expect(check('http://127.0.0.1:3000/')).toBe(true);
    expect(check('http://127.1:3000/')).toBe(true); // WHATWG URL normalises 127.1 to 127.0.0.1
    expect(check('http://127.0.0.2/')).toBe(false);
    expect(check('https://instance.example/')).toBe(true);
    expect(check('https://evil.instance.example/')).toBe(false);
    expect(check('https://instance.example.evil.test/')).toBe(false);
    expect(check('https://[::1]:8443/')).toBe(true);
    expect(check('https://[::1]/')).toBe(false);
    expect(check('http://[::2]:1/')).toBe(true);
    expect(check('http://gancio.test/')).toBe(true);
    expect(check('https://gancio.test/')).toBe(false);
  });

  test.each(['', 'a/b', 'user@host', 'host:99999', 'host:', 'host:x', 'exa mple.com'])(
    'refuses the entry %j, naming it',
    (entry) => expect(() => hostAllowList([entry])).toThrow(`allowHosts entry "${entry}" is not a host name`),
  );
});

describe('same origin', () => {
  test('isSameOrigin compares scheme, host and port', () => {
    expect(isSameOrigin('https://id.example/oauth/register', 'https://id.example')).toBe(true);
    expect(isSameOrigin('https://id.example:443/register', 'https://id.example/')).toBe(true);
    expect(isSameOrigin('http://id.example/register', 'https://id.example')).toBe(false);
    expect(isSameOrigin('https://id.example.evil.test/register', 'https://id.example')).toBe(false);
    expect(isSameOrigin('https://id.example:8443/register', 'https://id.example')).toBe(false);
    expect(isSameOrigin('data:text/plain,x', 'data:text/plain,x')).toBe(false);
    expect(isSameOrigin('not a url', 'https://id.example')).toBe(false);
  });

  test('assertOnOrigin refuses a registration_endpoint on another origin, without repeating it', () => {
    const onOrigin = () => assertOnOrigin('https://id.example/register', 'https://id.example', 'registration_endpoint');
    expect(onOrigin).not.toThrow();
    let thrown: unknown;
    try {
      assertOnOrigin('http://169.254.169.254/latest', 'https://id.example', 'registration_endpoint');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutboundRequestError);
    expect(thrown).toMatchObject({
      status: 502,
      message: 'the "registration_endpoint" published by https://id.example is not on its origin',
    });
  });
});

describe('pinnedLookup', () => {
  const pinned = [
    { address: '93.184.215.14', family: 4 as const },
    { address: '2606:4700::1', family: 6 as const },
  ];

  function lookup(hostname: string, options: { family?: number; all?: boolean }) {
    return new Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }>((resolve) => {
      pinnedLookup(pinned)(hostname, options, (error, address, family) => resolve({ error, address, family }));
    });
  }

  test('answers only the checked addresses, whatever name is asked', async () => {
    expect(await lookup('anything.example', { all: true })).toMatchObject({ error: null, address: pinned });
    expect(await lookup('localhost', {})).toMatchObject({ address: '93.184.215.14', family: 4 });
    expect(await lookup('anything.example', { family: 6 })).toMatchObject({ address: '2606:4700::1', family: 6 });
  });

  test('fails rather than resolving when no checked address has the asked family', async () => {
    const only4 = [{ address: '93.184.215.14', family: 4 as const }];
    const result = await new Promise<Error | null>((resolve) => {
      pinnedLookup(only4)('x.example', { family: 6 }, resolve);
    });
    expect(result).toMatchObject({ code: 'ENOTFOUND' });
  });
});
