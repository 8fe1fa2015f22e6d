import type { Package } from 'custom-elements-manifest/schema';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { elementManifest } from '../../src/build/element-manifest.js';
import { elementsOf } from '../../src/build/manifest-classes.js';

/**
 * The README's reference tables name what the element has, no more and no less: its attributes, events and
 * custom properties, as the manifest built from the source lists them.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(resolve(root, 'README.md'), 'utf8');

/** The backticked names in the first column of the tables under `## <heading>`. */
function firstColumn(heading: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no "## ${heading}"`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map(([, name]) => name!);
}

let manifest: Package;
beforeAll(async () => {
  manifest = await elementManifest(root);
}, 60_000);

const element = () => elementsOf(manifest)[0]!;
const sorted = (names: Iterable<string>) => [...names].sort();

describe('README reference tables', () => {
  test('## Attributes names every attribute, and `status`, which the element writes', () => {
    const documented = firstColumn('Attributes');
    expect(sorted(documented)).toEqual(sorted([...element().attributes!.map(({ name }) => name), 'status']));
  });

  test('## Events names every event', () => {
    expect(sorted(firstColumn('Events'))).toEqual(sorted(element().events!.map(({ name }) => name)));
  });

  test('## Styling names every custom property with its default', () => {
    const start = readme.indexOf('\n## Styling\n');
    const rows = [...readme.slice(start).matchAll(/^\| `(--[\w-]+)` \| `([^`]*)` \|/gm)];
    const documented = Object.fromEntries(rows.map(([, name, value]) => [name, value]));
    const actual = Object.fromEntries(element().cssProperties!.map(({ name, default: value }) => [name, value]));
    expect(documented).toEqual(actual);
  });
});
