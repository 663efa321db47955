import ts from 'typescript';

/**
 * `base`, or else `base2`, `base3`, …: the first name that no value or import in scope at any of
 * `locations` already has, so a declaration added there neither clashes with nor shadows one.
 */
export function unusedNameAt(checker: ts.TypeChecker, locations: readonly ts.Node[], base: string): string {
  const taken = new Set<string>();
  for (const location of locations) {
    for (const symbol of checker.getSymbolsInScope(location, ts.SymbolFlags.Value | ts.SymbolFlags.Alias)) {
      taken.add(symbol.getName());
    }
  }
  if (!taken.has(base)) return base;
  let suffix = 2;
  while (taken.has(`${base}${suffix}`)) suffix++;
  return `${base}${suffix}`;
}
