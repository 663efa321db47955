import ts from 'typescript';
import { constInitializer } from './const-initializer';
import { referencedSymbol } from './referenced-symbol';
import { skipOuterExpressions } from './skip-outer-expressions';

/** The body of the function a reference names, when the project declares it with one. */
export function declaredFunctionBody(checker: ts.TypeChecker, node: ts.Expression): ts.Node | undefined {
  const declaration = referencedSymbol(checker, node)?.valueDeclaration;
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) return declaration.body;
  const initializer = constInitializer(checker, node)
    ?? (ts.isPropertyDeclaration(declaration) ? declaration.initializer : undefined);
  const value = initializer && skipOuterExpressions(initializer);
  return value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) ? value.body : undefined;
}
