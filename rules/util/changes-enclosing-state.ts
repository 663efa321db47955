import ts from 'typescript';
import { changesAfterAwait } from './changes-binding';
import { declaredFunctionBody } from './declared-function-body';
import { referenceRoot } from './reference-root';

/**
 * Whether `callee` names a function declared inside another function that, once it has awaited,
 * changes that outer function's state: it assigns one of the outer function's variables, or calls
 * one of its functions (`begin()`, `write(row)`, `commit()` of a sync session it was given). Such
 * a closure is a method of the outer function in all but name, like `this.apply(item)` of a class:
 * two calls at once would each read the state before the other changed it. What a closure does
 * before its first await runs at once when it is called, so only what follows an await counts.
 */
export function changesEnclosingState(checker: ts.TypeChecker, callee: ts.Expression): boolean {
  const body = declaredFunctionBody(checker, callee);
  const fn = body?.parent;
  if (!body || !fn || !ts.findAncestor(fn.parent, ts.isFunctionLike)) return false;
  const sourceFile = fn.getSourceFile();
  const isOuterBinding = (node: ts.Expression): boolean => {
    const root = referenceRoot(node);
    const declaration = ts.isIdentifier(root) ? checker.getSymbolAtLocation(root)?.valueDeclaration : undefined;
    if (!declaration || declaration.getSourceFile() !== sourceFile) return false;
    const inside = declaration.pos >= fn.pos && declaration.end <= fn.end;
    return !inside && ts.findAncestor(declaration.parent, ts.isFunctionLike) !== undefined;
  };
  return changesAfterAwait(body, isOuterBinding);
}
