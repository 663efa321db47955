import ts from 'typescript';
import type { TextEdit } from '../core/types';

/**
 * Edits that put a unary keyword (`await`, `void`) before an expression, with parentheses where
 * the keyword would otherwise bind to only part of it (`await a || b`, `void x as T`).
 */
export function prefixExpressionEdits(sourceFile: ts.SourceFile, node: ts.Expression, keyword: string): TextEdit[] {
  const start = node.getStart(sourceFile);
  const end = node.getEnd();
  if (!bindsLooserThanUnary(node)) return [{ start, end: start, newText: `${keyword} ` }];
  return [{ start, end: start, newText: `${keyword} (` }, { start: end, end, newText: ')' }];
}

function bindsLooserThanUnary(node: ts.Expression): boolean {
  return ts.isBinaryExpression(node) || ts.isConditionalExpression(node) || ts.isArrowFunction(node)
    || ts.isYieldExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node);
}
