import type { Attribute, ClassField, Package } from 'custom-elements-manifest/schema';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { literalValues, vscodeCssData, vscodeHtmlData, webTypes } from '../../src/build/editor-data.js';
import { elementManifest } from '../../src/build/element-manifest.js';
import { elementsOf, type ElementClass } from '../../src/build/manifest-classes.js';
import { elementProperties } from '../../src/element/element-properties.js';

/**
 * The manifest `npm run build` writes to dist/custom-elements.json, and the editor data made from it, checked
 * against the sources they describe: the properties table, the event map, the class's doc comments.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The event names `OAuthConnectEventMap` declares, read from its source. */
function eventMapNames(): string[] {
  const file = resolve(root, 'src/element/connect-controller.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const map = source.statements.find(
    (node): node is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(node) && node.name.text === 'OAuthConnectEventMap',
  );
  return map!.members.map((member) => (member.name as ts.StringLiteral).text);
}

let manifest: Package;
let element: ElementClass & { tagName: string };
const attribute = (name: string) => element.attributes?.find((candidate) => candidate.name === name);

beforeAll(async () => {
  manifest = await elementManifest(root);
  [element] = elementsOf(manifest);
}, 60_000);

describe('custom-elements.json', () => {
  test('declares <oauth-connect> as OAuthConnectElement in the module a page imports', () => {
    expect(elementsOf(manifest).map(({ tagName, name }) => [tagName, name])).toEqual([
      ['oauth-connect', 'OAuthConnectElement'],
    ]);
    expect(manifest.modules.map(({ path }) => path)).toEqual(['dist/oauth-connect.js']);
    expect(manifest.modules[0]!.exports).toContainEqual({
      kind: 'custom-element-definition',
      name: 'oauth-connect',
      declaration: { name: 'OAuthConnectElement', module: 'dist/oauth-connect.js' },
    });
  });

  test('has one attribute per attribute of the properties table, named in kebab case after its property', () => {
    const expected = Object.entries(elementProperties)
      .filter(([, declaration]) => declaration.attribute !== false)
      .map(([property]) => [kebab(property), property]);
    expect(expected.length).toBeGreaterThan(20);
    expect(element.attributes?.map(({ name, fieldName }) => [name, fieldName])).toEqual(expected);
    for (const { name, fieldName } of element.attributes!) {
      const field = element.members?.find((member) => member.name === fieldName) as ClassField & { attribute?: string };
      expect(field.attribute, fieldName).toBe(name);
    }
  });

  test('gives attributes their value types and defaults as written in HTML', () => {
    const summary = (found?: Attribute) => found && { type: found.type?.text, default: found.default };
    expect(summary(attribute('pkce'))).toEqual({ type: "'S256' | 'off'", default: 'S256' });
    expect(summary(attribute('response-mode'))).toEqual({
      type: "'query' | 'fragment' | 'web_message'",
      default: 'query',
    });
    expect(summary(attribute('popup-width'))).toEqual({ type: 'number', default: '500' });
    expect(summary(attribute('client-id'))).toEqual({ type: 'string', default: undefined });
    expect(summary(attribute('disabled'))).toEqual({ type: 'boolean', default: undefined });
    expect(element.members?.find(({ name }) => name === 'disabled')).toMatchObject({ reflects: true });
  });

  test('lists public members only, with their doc comments', () => {
    const names = element.members!.map(({ name }) => name);
    expect(names).toEqual(expect.arrayContaining(['connect', 'abort', 'status', 'openPopup', 'fetch', 'define']));
    expect(names.filter((name) => name.startsWith('#'))).toEqual([]);
    expect(element.members!.filter((member) => member.privacy === 'private' || member.privacy === 'protected')).toEqual(
      [],
    );
    expect(names).not.toContain('render');
    expect(element.members!.filter((member) => !member.description).map(({ name }) => name)).toEqual([]);
    expect(element.members!.find(({ name }) => name === 'status')).toMatchObject({ readonly: true });
  });

  test('lists every event of the event map, each with its CustomEvent type and a description', () => {
    const events = element.events ?? [];
    expect(events.map(({ name }) => name).sort()).toEqual(eventMapNames().sort());
    expect(events.find(({ name }) => name === 'oauth-connect-error')?.type).toEqual({
      text: 'CustomEvent<ErrorDetail>',
    });
    for (const event of events) {
      expect(event.type?.text, event.name).toMatch(/^CustomEvent<.+>$/);
      expect(event.description, event.name).toBeTruthy();
    }
  });

  test('lists the slot, the CSS parts and the custom properties with their defaults', () => {
    expect(element.slots?.map(({ name }) => name)).toContain('');
    expect(element.cssParts?.map(({ name }) => name)).toEqual(
      expect.arrayContaining(['button', 'label', 'status', 'cancel']),
    );
    const background = element.cssProperties?.find(({ name }) => name === '--oauth-connect-background');
    expect(background).toMatchObject({ default: '#1f6feb', description: expect.any(String) });
    for (const { name } of element.cssProperties!) expect(name).toMatch(/^--oauth-connect-/);
  });
});

/** The parts and slot names the element's templates render, read from its source files. */
function renderedNames(): { parts: string[]; slots: string[] } {
  const sources = [
    'src/oauth-connect-element.ts',
    ...readdirSync(resolve(root, 'src/element')).map((f) => `src/element/${f}`),
  ];
  const text = sources.map((file) => readFileSync(resolve(root, file), 'utf8')).join('\n');
  const parts = [...text.matchAll(/\bpart="([\w-]+)"/g)].map(([, name]) => name!);
  const slots = [...text.matchAll(/<slot(?:\s+name="([\w-]+)")?[\s>]/g)].map(([, name]) => name ?? '');
  return { parts: [...new Set(parts)].sort(), slots: [...new Set(slots)].sort() };
}

test('documents every part and slot the element renders (the class JSDoc @csspart and @slot tags)', () => {
  const rendered = renderedNames();
  expect(rendered.parts).toContain('button');
  expect(element.cssParts?.map(({ name }) => name).sort()).toEqual(rendered.parts);
  expect(element.slots?.map(({ name }) => name).sort()).toEqual(rendered.slots);
});

describe('editor data', () => {
  test('VS Code HTML data: the tag, every attribute, enumerated values and boolean attributes without one', () => {
    const [tag] = vscodeHtmlData(manifest).tags;
    expect(tag!.name).toBe('oauth-connect');
    expect(tag!.attributes.map(({ name }) => name)).toEqual(element.attributes!.map(({ name }) => name));
    expect(tag!.attributes.find(({ name }) => name === 'pkce')).toMatchObject({
      values: [{ name: 'S256' }, { name: 'off' }],
    });
    expect(tag!.attributes.find(({ name }) => name === 'disabled')).toMatchObject({ valueSet: 'v' });
    expect(tag!.description.value).toContain('`oauth-connect-error`');
  });

  test('VS Code CSS data: the custom properties and the parts', () => {
    const data = vscodeCssData(manifest);
    expect(data.properties.map(({ name }) => name)).toEqual(element.cssProperties!.map(({ name }) => name));
    expect(data.pseudoElements.map(({ name }) => name)).toContain('::part(button)');
  });

  test('Web Types: attributes, properties, events with types, parts', () => {
    const { contributions, name } = webTypes(manifest, { name: 'oauth-connect', version: '1.0.0' });
    const [tag] = contributions.html.elements;
    expect(name).toBe('oauth-connect');
    expect(tag!.attributes.map(({ name }) => name)).toEqual(element.attributes!.map(({ name }) => name));
    expect(tag!.attributes.find(({ name }) => name === 'fallback')?.value.type).toBe(attribute('fallback')?.type?.text);
    expect(tag!.js.events.map(({ name }) => name).sort()).toEqual(eventMapNames().sort());
    expect(tag!.js.properties.map(({ name }) => name)).toContain('status');
    expect(tag!.css.parts.map(({ name }) => name)).toContain('button');
  });

  test('reads enumerations from a union of string literals only', () => {
    expect(literalValues("'a' | 'b-c'")).toEqual(['a', 'b-c']);
    expect(literalValues('string')).toBeUndefined();
    expect(literalValues("'a' | number")).toBeUndefined();
  });
});
