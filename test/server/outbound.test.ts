import { afterEach, describe, expect, test } from 'vitest';
import { createOutboundFetch, OutboundRequestError } from '../../src/server/outbound/index.js';
import type { Resolver } from '../../src/server/outbound/index.js';
import { startHttpServer, stopAllServers } from './outbound-servers.js';
import type { TestServer } from './outbound-servers.js';

afterEach(stopAllServers);

/** A resolver that answers from a script, one answer per call, and counts the calls. */
function scriptedResolver(...answers: (string[] | Error)[]): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const answer = answers[Math.min(calls.length, answers.length) - 1] ?? new Error('no scripted answer');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return Object.assign(resolve, { calls });
}

async function okServer(): Promise<TestServer> {
  return startHttpServer((request, response) => response.end(`hello ${request.headers.host}`));
}

async function refusal(promise: Promise<unknown>): Promise<OutboundRequestError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(OutboundRequestError);
  expect(error).toMatchObject({ status: 400, code: 'invalid_request' });
  return error as OutboundRequestError;
}

// Every one of these is 127.0.0.1 or ::1 in some spelling WHATWG URL accepts.
const loopbackSpellings = [
  '127.0.0.1',
  '2130706433',
  '0x7f.1',
  '127.1',
  '017700000001',
  '0x7f000001',
  '127.0.0.1.',
  '[::1]',
  '[::ffff:127.0.0.1]',
  '[::ffff:7f00:1]',
  '[::127.0.0.1]',
  '[0:0:0:0:0:0:0:1]',
];

describe('a guarded request to an address that is not public', () => {
  test.each(loopbackSpellings)('to https://%s is refused before any connection or DNS query', async (host) => {
    const server = await okServer();
    const resolve = scriptedResolver(['93.184.215.14']);
    const outboundFetch = createOutboundFetch({ guard: true, resolve });
    const error = await refusal(outboundFetch(`https://${host}:${server.port}/.well-known/openid-configuration`));
    expect(error.message).toMatch(/^"https:\/\/.+" is refused: it is not a public IP address$/);
    expect(resolve.calls).toEqual([]);
    expect(server.connections).toHaveLength(0);
  });

  test.each([
    '0.0.0.0',
    '0.1.2.3',
    '10.0.0.1',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '198.18.0.1',
    '192.0.2.1',
    '198.51.100.1',
    '203.0.113.1',
    '224.0.0.1',
    '255.255.255.255',
    '240.0.0.1',
    '[::]',
    '[fe80::1]',
    '[fd00::1]',
    '[ff02::1]',
    '[2001:db8::1]',
    '[::ffff:169.254.169.254]',
    '[64:ff9b::a9fe:a9fe]',
    '[2002:a9fe:a9fe::]',
    '[2001::a9fe:a9fe]',
    '[::a9fe:a9fe]',
    '[fec0::1]',
  ])('to https://%s is refused without a DNS query', async (host) => {
    const resolve = scriptedResolver(['93.184.215.14']);
    await refusal(createOutboundFetch({ guard: true, resolve })(`https://${host}/token`, { method: 'POST' }));
    expect(resolve.calls).toEqual([]);
  });

  test('to a host name that resolves to loopback (localhost) is refused, with the system resolver', async () => {
    const server = await okServer();
    const error = await refusal(createOutboundFetch({ guard: true })(`https://localhost:${server.port}/`));
    expect(error.message).toBe(
      `"https://localhost:${server.port}" is refused: its host name resolves to an address that is not public`,
    );
    expect(server.connections).toHaveLength(0);
  });

  test('to a host name with one public and one private address is refused', async () => {
    const resolve = scriptedResolver(['93.184.215.14', '10.0.0.7']);
    await refusal(createOutboundFetch({ guard: true, resolve })('https://split.example/'));
    expect(resolve.calls).toEqual(['split.example']);
  });

  test('over plain http is refused, before DNS is asked', async () => {
    const resolve = scriptedResolver(['93.184.215.14']);
    const error = await refusal(createOutboundFetch({ guard: true, resolve })('http://instance.example/'));
    expect(error.message).toBe('"http://instance.example" is refused: only https URLs may be requested');
    expect(resolve.calls).toEqual([]);
  });

  test('to a non-http scheme or with credentials in the URL is refused', async () => {
    const outboundFetch = createOutboundFetch({ guard: true, resolve: scriptedResolver(['93.184.215.14']) });
    expect((await refusal(outboundFetch('file:///etc/passwd'))).message).toBe(
      'a "file:" URL is refused: only http and https URLs may be requested',
    );
    await refusal(outboundFetch('https://user:secret@instance.example/'));
  });
});

describe('allowHosts', () => {
  test('lets exactly the listed host through, over http, to loopback', async () => {
    const server = await okServer();
    const outboundFetch = createOutboundFetch({ guard: true, allowHosts: ['127.0.0.1'] });
    const response = await outboundFetch(`${server.origin}/`);
    expect(await response.text()).toBe(`hello 127.0.0.1:${server.port}`);
    await refusal(outboundFetch(`http://localhost:${server.port}/`));
    await refusal(outboundFetch(`http://[::ffff:127.0.0.1]:${server.port}/`));
    expect(server.requests).toHaveLength(1);
  });

  test('an entry with a port allows that port only', async () => {
    const [allowed, other] = [await okServer(), await okServer()];
    const outboundFetch = createOutboundFetch({ guard: true, allowHosts: [`127.0.0.1:${allowed.port}`] });
    expect((await outboundFetch(`${allowed.origin}/`)).status).toBe(200);
    await refusal(outboundFetch(`${other.origin}/`));
    expect(other.connections).toHaveLength(0);
  });

  test('a host name entry does not allow the address it resolves to, nor another name', async () => {
    const server = await okServer();
    const outboundFetch = createOutboundFetch({ guard: true, allowHosts: ['localhost'] });
    expect((await outboundFetch(`http://localhost:${server.port}/`)).status).toBe(200);
    await refusal(outboundFetch(`${server.origin}/`));
    await refusal(outboundFetch(`http://localhost.:${server.port}/`));
    await refusal(outboundFetch(`http://sub.localhost:${server.port}/`));
    expect(server.requests).toHaveLength(1);
  });
});

describe('DNS rebinding', () => {
  test('the host name is resolved once: a second, private answer is never used', async () => {
    const server = await okServer();
    // 3ffe::/16 is public unicast by address class but routed nowhere since RFC 3701: the attempt goes nowhere.
    const resolve = scriptedResolver(['3ffe:1::1'], ['127.0.0.1']);
    const outboundFetch = createOutboundFetch({ guard: true, resolve, timeoutMs: 1_000 });
    await expect(outboundFetch(`https://rebind.example:${server.port}/`)).rejects.toMatchObject({
      status: 502,
      message: `"https://rebind.example:${server.port}" could not be reached`,
    });
    expect(resolve.calls).toEqual(['rebind.example']);
    expect(server.connections).toHaveLength(0);
  });

  test('a private first answer is refused, even when a later one would be public', async () => {
    const resolve = scriptedResolver(['127.0.0.1'], ['93.184.215.14']);
    await refusal(createOutboundFetch({ guard: true, resolve })('https://rebind.example/'));
    expect(resolve.calls).toEqual(['rebind.example']);
  });

  test('the socket connects to the resolved address, not to what DNS would answer for the name', async () => {
    const server = await okServer();
    // `.invalid` never resolves (RFC 6761 section 6.4): reaching the server proves the pinned address was used.
    const resolve = scriptedResolver(['127.0.0.1'], new Error('asked twice'));
    const outboundFetch = createOutboundFetch({ guard: true, allowHosts: ['pinned.invalid'], resolve });
    const response = await outboundFetch(`http://pinned.invalid:${server.port}/`);
    expect(await response.text()).toBe(`hello pinned.invalid:${server.port}`);
    expect(resolve.calls).toEqual(['pinned.invalid']);
  });
});
