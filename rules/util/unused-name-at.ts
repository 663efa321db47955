import ts from 'typescript';

const VALUE_OR_IMPORT = ts.SymbolFlags.Value | ts.SymbolFlags.Alias;

/**
 * `base`, or else `base2`, `base3`, …: the first name that no value or import in scope at any of
 * `locations` already has, so a declaration added there neither clashes with nor shadows one.
 * Each candidate is looked up by name (`resolveName` walks the scopes up from the location), which
 * costs a few table lookups; listing every symbol in scope would copy all of the globals each time.
 */
export function unusedNameAt(checker: ts.TypeChecker, locations: readonly ts.Node[], base: string): string {
  const isTaken = (name: string): boolean =>
    locations.some((location) => checker.resolveName(name, location, VALUE_OR_IMPORT, false) !== undefined);
  if (!isTaken(base)) return base;
  let suffix = 2;
  while (isTaken(`${base}${suffix}`)) suffix++;
  return `${base}${suffix}`;
}
