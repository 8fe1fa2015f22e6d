import type { Plugin } from '@custom-elements-manifest/analyzer';
import type { ClassDeclaration, CustomElement, Package } from 'custom-elements-manifest/schema';

/** A class of the manifest, with what it has of a custom element (the analyzer fills these in as it goes). */
export type ElementClass = ClassDeclaration & Partial<CustomElement>;

/** Every class declared in the manifest's modules. */
export const classesOf = (manifest: Package): ElementClass[] =>
  manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration): declaration is ElementClass => declaration.kind === 'class');

/** The custom elements of the manifest that have a tag. */
export const elementsOf = (manifest: Package) =>
  classesOf(manifest).filter((element): element is ElementClass & { tagName: string } =>
    Boolean(element.customElement && element.tagName),
  );

/** A plugin that, once the whole package is analysed, hands `visit` each class of the manifest in turn. */
export const classPlugin = (name: string, visit: (element: ElementClass) => void): Plugin => ({
  name,
  packageLinkPhase({ customElementsManifest }) {
    classesOf(customElementsManifest).forEach(visit);
  },
});
