/**
 * Registers `constructor` as `tag`. Loading the script twice (a bundle and a module, say) must not throw:
 * the same class already there is fine. Another class holding the tag stays, with a warning, since the
 * page then runs that other copy; any other failure (an invalid tag name, say) is thrown. Between the
 * lookup and the definition no other script can run, so no other copy can win a race in between.
 */
export function defineElement(
  tag: string,
  constructor: CustomElementConstructor,
  registry: CustomElementRegistry = customElements,
): void {
  const holder = registry.get(tag);
  if (!holder) registry.define(tag, constructor);
  else if (holder !== constructor) console.warn(`<${tag}> is already defined by another class; this copy is not used`);
}
