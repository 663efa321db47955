import ts from 'typescript';
import { declarationsMatchSpecifier } from './declarations-match-specifier';
import type { TypeOrValueSpecifier } from './specifier';

/** Whether a type is named by one of the specifiers (its alias name or its symbol's name). */
export function typeMatchesSpecifier(
  program: ts.Program,
  type: ts.Type,
  specifiers: readonly TypeOrValueSpecifier[],
): boolean {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  if (!symbol) return false;
  const name = symbol.getName();
  const declarations = symbol.getDeclarations() ?? [];
  return specifiers.some((specifier) => declarationsMatchSpecifier(program, name, declarations, specifier));
}
