import ts from 'typescript';
import { referencedSymbol } from './referenced-symbol';

/** The initializer of the `const` (or `readonly` property) a reference names. */
export function constInitializer(checker: ts.TypeChecker, node: ts.Expression): ts.Expression | undefined {
  const declaration = referencedSymbol(checker, node)?.valueDeclaration;
  if (!declaration) return undefined;
  if (ts.isVariableDeclaration(declaration) && ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) {
    return declaration.initializer;
  }
  if (ts.isPropertyDeclaration(declaration) && ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly) {
    return declaration.initializer;
  }
  return undefined;
}
