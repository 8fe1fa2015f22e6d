import type { Plugin } from '@custom-elements-manifest/analyzer';
import type { PropertyDeclarations } from 'lit';
import type { Attribute, ClassMember, JavaScriptModule } from 'custom-elements-manifest/schema';
import { classPlugin, classesOf, elementsOf } from './manifest-classes.js';
import type { SourceTypes } from './source-types.js';

/**
 * Plugins for `@custom-elements-manifest/analyzer` that teach it what it cannot see in one file at a time: the
 * tag given as the default of `static define(tag = …)`, the attributes of a Lit `properties` table declared
 * elsewhere, and the event types of the element's event map. The last one keeps public members only and moves
 * the element to the module a page imports.
 */
export function manifestPlugins(options: {
  properties: PropertyDeclarations;
  /** What a property reads until it is set: the element keeps its defaults off its instances, out of sight. */
  defaults: Readonly<Record<string, unknown>>;
  types: SourceTypes;
  /** `var(--name, default)` text of the element's styles, for the custom properties' defaults. */
  styles: string;
  /** The shipped module that registers the element: `dist/oauth-connect.js`. */
  entry: string;
}): Plugin[] {
  return [
    attributesFromTable(options.properties, options.defaults, options.types.attributeTypes),
    eventTypes(options.types.eventTypes),
    cssPropertyDefaults(options.styles),
    tagFromDefine(),
    publicApiAt(options.entry),
  ];
}

/** `const x = 1` and `'a'` in the source; the attribute value they stand for is `1` and `a`. */
const attributeDefault = (source?: string) => (source?.match(/^'(.*)'$/)?.[1] ?? source) || undefined;

function attributesFromTable(
  properties: PropertyDeclarations,
  defaults: Readonly<Record<string, unknown>>,
  types: Map<string, string>,
): Plugin {
  return classPlugin('oauth-connect: attributes from the element-properties table', (element) => {
    if (!element.customElement) return;
    element.attributes = Object.entries(properties).flatMap(([name, declaration]): Attribute[] => {
      if (declaration.attribute === false) return [];
      const attribute = typeof declaration.attribute === 'string' ? declaration.attribute : name.toLowerCase();
      const field = element.members?.find((member) => member.name === name && member.kind === 'field');
      if (!field || field.kind !== 'field') throw new Error(`properties table names "${name}", not a field`);
      Object.assign(field, { attribute }, declaration.reflect && { reflects: true });
      // As the source would write it: `'popup'`, `500`, `false`.
      const value = defaults[name];
      if (value !== undefined) field.default ??= typeof value === 'string' ? `'${value}'` : String(value);
      const type = types.get(name) ?? field.type?.text;
      const boolean = type === 'boolean';
      return [
        {
          name: attribute,
          fieldName: name,
          ...(type && { type: { text: type } }),
          ...(!boolean && attributeDefault(field.default) && { default: attributeDefault(field.default) }),
          ...(field.description && { description: field.description }),
        },
      ];
    });
  });
}

function eventTypes(types: Map<string, string>): Plugin {
  return classPlugin('oauth-connect: event types from the event map', (element) => {
    for (const event of element.events ?? []) {
      const type = types.get(event.name);
      if (type) event.type = { text: type };
      else console.warn(`custom-elements.json: @event ${event.name} is not in the event map`);
    }
    const documented = new Set(element.events?.map(({ name }) => name));
    for (const name of types.keys()) {
      if (element.customElement && !documented.has(name)) {
        console.warn(`custom-elements.json: ${name} has no @event tag on ${element.name}`);
      }
    }
  });
}

function cssPropertyDefaults(styles: string): Plugin {
  // `var(--name, fallback)`, the fallback possibly holding one level of parentheses: `rgb(0 0 0)`.
  const defaults = new Map(
    [...styles.matchAll(/var\((--[\w-]+)\s*,\s*((?:[^()]|\([^()]*\))+)\)/g)].map(([, name, value]) => [
      name,
      value.trim(),
    ]),
  );
  return classPlugin('oauth-connect: custom property defaults from the styles', (element) => {
    for (const property of element.cssProperties ?? []) property.default ??= defaults.get(property.name);
  });
}

/**
 * `OAuthConnectElement.define()` registers the class under the default of its `define(tag = 'oauth-connect')`
 * parameter, a call the analyzer does not follow (it knows `customElements.define('tag', Class)` only).
 */
function tagFromDefine(): Plugin {
  const calls: { className: string; path: string }[] = [];
  return {
    name: 'oauth-connect: tag from static define()',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || node.arguments.length > 0) return;
      const callee = node.expression;
      if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'define') return;
      if (ts.isIdentifier(callee.expression)) calls.push({ className: callee.expression.text, path: moduleDoc.path! });
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const { className, path } of calls) {
        const element = classesOf(customElementsManifest).find(({ name }) => name === className);
        const define = element?.members?.find((member) => member.name === 'define' && member.static);
        const tag = define?.kind === 'method' ? define.parameters?.[0]?.default?.match(/^'(.+)'$/)?.[1] : undefined;
        if (!element || !tag) continue;
        Object.assign(element, { tagName: tag, customElement: true });
        const module = customElementsManifest.modules.find((candidate) => candidate.path === path)!;
        const declaration = { name: className, module: path };
        module.exports = [...(module.exports ?? []), { kind: 'custom-element-definition', name: tag, declaration }];
      }
    },
  };
}

const isPublic = (member: ClassMember) =>
  !member.name.startsWith('#') && member.privacy !== 'private' && member.privacy !== 'protected';

/**
 * The manifest a page needs: the element with its public members only, in one module at the path a page
 * imports (the sources are bundled, so their paths are not in the package).
 */
function publicApiAt(entry: string): Plugin {
  return {
    name: 'oauth-connect: public API at the package entry',
    packageLinkPhase({ customElementsManifest }) {
      const elements = elementsOf(customElementsManifest);
      for (const element of elements) element.members = element.members?.filter(isPublic);
      const declaration = (name: string) => ({ name, module: entry });
      const module: JavaScriptModule = {
        kind: 'javascript-module',
        path: entry,
        declarations: elements,
        exports: elements.flatMap((element) => [
          { kind: 'js' as const, name: element.name, declaration: declaration(element.name) },
          { kind: 'custom-element-definition' as const, name: element.tagName, declaration: declaration(element.name) },
        ]),
      };
      customElementsManifest.modules = [module];
    },
  };
}
