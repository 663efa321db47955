import ts from 'typescript';
import { packageOf } from './is-declared-in-package';
import { locallyExportedNames } from './module-references';
import { skipOuterExpressions } from './skip-outer-expressions';

/**
 * The object literal an argument stands for: written in place, or the initializer of a `const`
 * declared in the same function (or, not exported, in the module) and used there only to read
 * properties, to set properties that `watched` does not match, and as arguments of a package:
 *
 *   const jobOptions = { removeOnComplete: true, delay: 0 };
 *   if (later) jobOptions.delay = 60_000;
 *   await queue.add(name, data, jobOptions);   // the literal, which has no `jobId`
 *
 * Undefined when the value may be built or changed elsewhere: a parameter, a `let`, a property of
 * `watched` set later, or the object also handed to the project's code, which may change it.
 */
export function objectLiteralArgument(checker: ts.TypeChecker, argument: ts.Expression, watched: RegExp): ts.ObjectLiteralExpression | undefined {
  const node = skipOuterExpressions(argument);
  if (ts.isObjectLiteralExpression(node)) return node;
  if (!ts.isIdentifier(node)) return undefined;
  const symbol = checker.getSymbolAtLocation(node);
  const declaration = symbol?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer
    || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) {
    return undefined;
  }
  const literal = skipOuterExpressions(declaration.initializer);
  if (!ts.isObjectLiteralExpression(literal)) return undefined;
  const scope = ts.findAncestor(declaration.parent, (ancestor) => ts.isFunctionLike(ancestor) || ts.isSourceFile(ancestor));
  if (!scope || (ts.isSourceFile(scope) && isExported(declaration, scope))) return undefined;
  return onlyReadHere(scope, symbol, declaration.name, node, checker, watched) ? literal : undefined;
}

function isExported(declaration: ts.VariableDeclaration, sourceFile: ts.SourceFile): boolean {
  const statement = declaration.parent.parent;
  return (ts.isVariableStatement(statement) && (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Export) !== 0)
    || locallyExportedNames(sourceFile).has((declaration.name as ts.Identifier).text);
}

/** Whether every other use of the `const` in `scope` is harmless (`isHarmlessUse`). */
function onlyReadHere(scope: ts.Node, symbol: ts.Symbol, name: ts.Identifier, argument: ts.Identifier, checker: ts.TypeChecker, watched: RegExp): boolean {
  const visit = (node: ts.Node): boolean => {
    if (ts.isIdentifier(node) && node.text === name.text && node !== name && node !== argument && checker.getSymbolAtLocation(node) === symbol
      && !isHarmlessUse(checker, node, watched)) {
      return true;
    }
    return ts.forEachChild(node, visit) ?? false;
  };
  return !ts.forEachChild(scope, visit);
}

/**
 * `options.delay`, read or set (unless `watched` matches the property), or `options` handed to a
 * package's function (`queue.add(other, data, options)` again), which fills in no key of the caller's.
 */
function isHarmlessUse(checker: ts.TypeChecker, node: ts.Identifier, watched: RegExp): boolean {
  const parent = node.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(node)) {
    const declaration = checker.getResolvedSignature(parent)?.declaration;
    return declaration !== undefined && packageOf(declaration) !== undefined;
  }
  if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
    const assignment = parent.parent;
    const written = ts.isBinaryExpression(assignment) && assignment.left === parent
      && assignment.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && assignment.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
    return !written || !watched.test(parent.name.text);
  }
  return false;
}
