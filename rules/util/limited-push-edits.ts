import ts from 'typescript';
import type { TextEdit } from '../core/types';
import { bindingsReadBy } from './bindings-read-by';
import { bindingsWrittenBy } from './bindings-written-by';

/**
 * Edits that defer a pushed promise into `limit(() => …)`, where running it later reads the same
 * values: no `await` or `yield` in it, and every binding it reads that the filling statement
 * changes is one that each iteration declares afresh.
 */
export function limitedPushEdits(
  checker: ts.TypeChecker,
  sourceFile: ts.SourceFile,
  pushes: readonly ts.CallExpression[],
  filler: ts.Statement,
  limit: string,
): TextEdit[] | undefined {
  const written = bindingsWrittenBy(checker, filler);
  const edits: TextEdit[] = [];
  for (const argument of pushes.flatMap((push) => [...push.arguments])) {
    // Only work started in the pushed expression itself can be deferred; a promise made earlier already runs.
    if (ts.isSpreadElement(argument) || ts.isIdentifier(argument) || suspends(argument)) return undefined;
    for (const binding of bindingsReadBy(checker, argument)) {
      if (written.has(binding) && (typeof binding !== 'object' || !isFreshPerIteration(checker, binding, filler))) return undefined;
    }
    const start = argument.getStart(sourceFile);
    edits.push({ start, end: start, newText: `${limit}(() => ` }, { start: argument.getEnd(), end: argument.getEnd(), newText: ')' });
  }
  return edits;
}

function suspends(root: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) return;
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node)) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/** A `const` or parameter declared inside the filling statement, or a `for` loop's own `let` counter. */
function isFreshPerIteration(checker: ts.TypeChecker, symbol: ts.Symbol, filler: ts.Statement): boolean {
  const declaration = symbol.valueDeclaration;
  if (!declaration || declaration.pos < filler.pos || declaration.end > filler.end) return false;
  if (ts.isParameter(declaration)) return true;
  if (!ts.isVariableDeclaration(declaration)) return false;
  if (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) return true;
  const loop = declaration.parent.parent;
  return ts.isForStatement(loop) && loop.initializer === declaration.parent
    && !bindingsWrittenBy(checker, loop.statement).has(symbol);
}
