import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { OAuthConnectError } from '../../src/core/errors.js';
import { instanceOrigin, normalizeInstance } from '../../src/protocol/urls.js';
import { INSTANCE_CASES } from './protocol-instance-cases.js';

/** The instance the element's configuration reads, or undefined when it refuses it as invalid_config. */
function configInstance(instance: string): string | undefined {
  try {
    return resolveConfig({ startUrl: '/start', provider: 'gancio', instance }, 'https://app.test/').instance;
  } catch (error) {
    expect(error).toBeInstanceOf(OAuthConnectError);
    expect(error).toMatchObject({ code: 'invalid_config', attribute: 'instance' });
    return undefined;
  }
}

describe('the instance rule (RFC 6454 section 4 origins, http(s) only)', () => {
  test.each(INSTANCE_CASES)('reads %j as %j', (input, origin) => {
    expect(instanceOrigin(input)).toBe(origin);
  });

  // The start handler applies `instanceOrigin` to the same table (test/server/protocol-start.test.ts).
  test.each(INSTANCE_CASES.filter(([input]) => input.includes('://')))(
    'the element reads the address %j with a scheme the same way: %j',
    (input, origin) => {
      expect(normalizeInstance(input)).toBe(origin);
      expect(configInstance(input)).toBe(origin);
    },
  );

  test.each([
    ['events.example', 'https://events.example'],
    ['events.example:8443', 'https://events.example:8443'],
    ['localhost:3000', 'https://localhost:3000'],
    ['  https://Events.Example  ', 'https://events.example'],
    ['events.example/path', undefined],
    ['not a host at all', undefined],
    ['   ', undefined],
  ])('a typed address without a scheme means https: %j is %j', (typed, origin) => {
    expect(normalizeInstance(typed)).toBe(origin);
    if (typed.trim()) expect(configInstance(typed)).toBe(origin);
  });

  test('what the element sends for a typed address is an origin the rule accepts unchanged', () => {
    const sent = normalizeInstance('Events.Example:8443')!;
    expect(sent).toBe('https://events.example:8443');
    expect(instanceOrigin(sent)).toBe(sent);
  });
});
