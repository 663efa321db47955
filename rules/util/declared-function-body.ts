import ts from 'typescript';
import { constInitializer } from './const-initializer';
import { referencedSymbol } from './referenced-symbol';
import { skipOuterExpressions } from './skip-outer-expressions';

/** Answers per checker (a new program may resolve the same node elsewhere), then per reference. */
const bodies = new WeakMap<ts.TypeChecker, WeakMap<ts.Expression, ts.Node | null>>();

/** The body of the function a reference names, when the project declares it with one. */
export function declaredFunctionBody(checker: ts.TypeChecker, node: ts.Expression): ts.Node | undefined {
  let byNode = bodies.get(checker);
  if (!byNode) bodies.set(checker, byNode = new WeakMap());
  let body = byNode.get(node);
  if (body === undefined) byNode.set(node, body = findBody(checker, node) ?? null);
  return body ?? undefined;
}

function findBody(checker: ts.TypeChecker, node: ts.Expression): ts.Node | undefined {
  const declaration = referencedSymbol(checker, node)?.valueDeclaration;
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) return declaration.body;
  const initializer = constInitializer(checker, node)
    ?? (ts.isPropertyDeclaration(declaration) ? declaration.initializer : undefined);
  const value = initializer && skipOuterExpressions(initializer);
  return value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) ? value.body : undefined;
}
