import ts from 'typescript';
import type { TextEdit } from '../core/types';

/**
 * Edits that append a method call (`.catch(...)`) to an expression, with parentheses where the
 * expression is not a member-access target as written (`a || b`, `new Foo`, `await p`).
 */
export function appendCallEdits(sourceFile: ts.SourceFile, node: ts.Expression, callText: string): TextEdit[] {
  const start = node.getStart(sourceFile);
  const end = node.getEnd();
  if (isMemberTarget(node)) return [{ start: end, end, newText: callText }];
  return [{ start, end: start, newText: '(' }, { start: end, end, newText: `)${callText}` }];
}

function isMemberTarget(node: ts.Expression): boolean {
  if (ts.isNewExpression(node)) return node.arguments !== undefined;
  return ts.isCallExpression(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)
    || ts.isIdentifier(node) || ts.isParenthesizedExpression(node) || ts.isTaggedTemplateExpression(node)
    || ts.isNonNullExpression(node) || node.kind === ts.SyntaxKind.ThisKeyword;
}
