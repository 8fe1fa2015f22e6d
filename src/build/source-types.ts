import { resolve } from 'node:path';
import ts from 'typescript';

/** What the compiler knows about the element that the manifest analyzer, reading one file at a time, does not. */
export interface SourceTypes {
  /**
   * Each public property's type as an attribute value: a union of string literals spelled out
   * (`'S256' | 'off'`, where the source says `PkceMethod`), anything else as written, without `undefined`.
   */
  attributeTypes: Map<string, string>;
  /** Each event of the event map with its event type: `oauth-connect-error` → `CustomEvent<ErrorDetail>`. */
  eventTypes: Map<string, string>;
}

export interface SourceLocations {
  /** The file with the element class, relative to `root`. */
  elementFile: string;
  className: string;
  /** The file with the interface that maps event names to event types. */
  eventMapFile: string;
  eventMapName: string;
}

/** Reads the element's property and event types with the project's own compiler options. */
export function readSourceTypes(root: string, where: SourceLocations): SourceTypes {
  const configFile = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json');
  if (!configFile) throw new Error(`no tsconfig.json in ${root}`);
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const files = [where.elementFile, where.eventMapFile].map((file) => resolve(root, file));
  // Browser code: Node's types only slow the compiler down here.
  const program = ts.createProgram(files, { ...options, types: [], noEmit: true });
  const checker = program.getTypeChecker();
  const [elementSource, eventSource] = files.map((file) => program.getSourceFile(file)!);

  const elementClass = find(elementSource, ts.isClassDeclaration, where.className);
  const attributeTypes = new Map<string, string>();
  for (const member of elementClass.members) {
    if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name)) continue;
    const type = checker.getNonNullableType(checker.getTypeAtLocation(member));
    attributeTypes.set(member.name.text, valueType(checker, type));
  }

  const eventMap = find(eventSource, ts.isInterfaceDeclaration, where.eventMapName);
  const eventTypes = new Map<string, string>();
  for (const property of checker.getPropertiesOfType(checker.getTypeAtLocation(eventMap))) {
    const type = checker.getTypeOfSymbolAtLocation(property, eventMap);
    eventTypes.set(property.name, checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation));
  }
  return { attributeTypes, eventTypes };
}

function find<T extends ts.DeclarationStatement>(
  source: ts.SourceFile,
  is: (node: ts.Node) => node is T,
  name: string,
) {
  const found = source.statements.find((node): node is T => is(node) && node.name?.getText() === name);
  if (!found) throw new Error(`${name} is not declared in ${source.fileName}`);
  return found;
}

function valueType(checker: ts.TypeChecker, type: ts.Type): string {
  if (type.isUnion() && type.types.every((member) => member.isStringLiteral())) {
    return type.types.map((member) => `'${(member as ts.StringLiteralType).value}'`).join(' | ');
  }
  return checker.typeToString(type);
}
