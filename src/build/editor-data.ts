import type { Attribute, Package } from 'custom-elements-manifest/schema';
import { elementsOf, type ElementClass } from './manifest-classes.js';

/**
 * Editor data generated from the Custom Elements Manifest: VS Code's HTML and CSS custom data (format version
 * 1.1, `html.customData` / `css.customData`) and JetBrains' Web Types (`web-types` in package.json).
 */

/** `'S256' | 'off'` → `['S256', 'off']`; undefined for any other type. */
export function literalValues(type?: string): string[] | undefined {
  if (!type || !/^'[^']*'(\s*\|\s*'[^']*')*$/.test(type)) return undefined;
  return [...type.matchAll(/'([^']*)'/g)].map(([, value]) => value);
}

const isBoolean = (attribute: Attribute) => attribute.type?.text === 'boolean';

const withDefault = (description = '', value?: string) =>
  value === undefined ? description : `${description}\n\nDefault: \`${value}\``.trim();

/** What an HTML editor cannot show elsewhere (events, slots, parts, custom properties), below the description. */
function elementSummary(element: ElementClass): string {
  const list = (
    title: string,
    items: { name: string; description?: string }[] | undefined,
    format: (n: string) => string,
  ) =>
    items?.length
      ? [`**${title}**`, ...items.map(({ name, description }) => `- ${format(name)}: ${description ?? ''}`)]
      : [];
  return [
    element.description ?? '',
    ...list('Events', element.events, (name) => `\`${name}\``),
    ...list('Slots', element.slots, (name) => (name ? `\`${name}\`` : 'default')),
    ...list('CSS parts', element.cssParts, (name) => `\`::part(${name})\``),
    ...list('CSS custom properties', element.cssProperties, (name) => `\`${name}\``),
  ].join('\n\n');
}

const markdown = (value: string) => ({ kind: 'markdown', value });

export function vscodeHtmlData(manifest: Package) {
  return {
    version: 1.1,
    tags: elementsOf(manifest).map((element) => ({
      name: element.tagName,
      description: markdown(elementSummary(element)),
      attributes: (element.attributes ?? []).map((attribute) => ({
        name: attribute.name,
        description: markdown(withDefault(attribute.description, attribute.default)),
        ...(isBoolean(attribute) && { valueSet: 'v' }),
        ...(literalValues(attribute.type?.text) && {
          values: literalValues(attribute.type?.text)!.map((name) => ({ name })),
        }),
      })),
    })),
  };
}

export function vscodeCssData(manifest: Package) {
  const elements = elementsOf(manifest);
  return {
    version: 1.1,
    properties: elements.flatMap((element) =>
      (element.cssProperties ?? []).map(({ name, description, default: value }) => ({
        name,
        description: markdown(withDefault(`${description ?? ''} (\`<${element.tagName}>\`)`, value)),
      })),
    ),
    pseudoElements: elements.flatMap((element) =>
      (element.cssParts ?? []).map(({ name, description }) => ({
        name: `::part(${name})`,
        description: markdown(`${description ?? ''} (\`<${element.tagName}>\`)`),
      })),
    ),
  };
}

export function webTypes(manifest: Package, pkg: { name: string; version: string }) {
  return {
    $schema: 'https://raw.githubusercontent.com/JetBrains/web-types/master/schema/web-types.json',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elementsOf(manifest).map((element) => ({
          name: element.tagName,
          description: element.description,
          attributes: (element.attributes ?? []).map((attribute) => ({
            name: attribute.name,
            description: attribute.description,
            ...(attribute.default !== undefined && { default: attribute.default }),
            value: isBoolean(attribute)
              ? { kind: 'no-value', type: 'boolean' }
              : { kind: 'plain', type: attribute.type?.text ?? 'string' },
          })),
          slots: (element.slots ?? []).map(({ name, description }) => ({ name, description })),
          js: {
            properties: (element.members ?? [])
              .filter((member) => member.kind === 'field' && !member.static)
              .map(({ name, description, ...member }) => ({
                name,
                description,
                ...('type' in member && member.type && { type: member.type.text }),
              })),
            events: (element.events ?? []).map(({ name, description, type }) => ({
              name,
              description,
              ...(type && { type: type.text }),
            })),
          },
          css: {
            properties: (element.cssProperties ?? []).map(({ name, description }) => ({ name, description })),
            parts: (element.cssParts ?? []).map(({ name, description }) => ({ name, description })),
          },
        })),
      },
    },
  };
}
