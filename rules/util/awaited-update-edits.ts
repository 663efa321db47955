import ts from 'typescript';
import type { TextEdit } from '../core/types';
import { containsAwait } from './contains-await';
import { indentationAt } from './indentation-at';
import { skipOuterExpressions } from './skip-outer-expressions';
import { unusedNameAt } from './unused-name-at';

/**
 * `total += await price(item)` reads `total` before it awaits and writes it after. One iteration at
 * a time that is a sum; run concurrently, every iteration reads the same old total and all but the
 * last addition are lost. This splits each such statement of a loop body in two, so the body can
 * run concurrently: `const value = await price(item);` then `total += value;`. It returns
 * `undefined` when an update cannot be split that way: a logical assignment (`??=` awaits only
 * sometimes), an update that is not a statement of its own in a block, or `x = f(x, await g())`.
 * `isOuter` tells whether an expression's binding lives outside one iteration.
 */
export function awaitedUpdateEdits(
  checker: ts.TypeChecker,
  sourceFile: ts.SourceFile,
  body: ts.Statement,
  isOuter: (target: ts.Expression) => boolean,
): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const taken = new Set<string>();
  let splittable = true;
  const visit = (node: ts.Node): void => {
    if (!splittable || ts.isFunctionLike(node)) return;
    if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind) && containsAwait(node.right) && isOuter(node.left)) {
      const edit = splitEdit(checker, sourceFile, node, taken);
      if (edit === undefined) splittable = false;
      else if (edit !== 'unchanged') edits.push(edit);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return splittable ? edits : undefined;
}

/** The edit that splits `update`, `'unchanged'` when it needs none, `undefined` when it cannot be split. */
function splitEdit(
  checker: ts.TypeChecker,
  sourceFile: ts.SourceFile,
  update: ts.BinaryExpression,
  taken: Set<string>,
): TextEdit | 'unchanged' | undefined {
  const operator = update.operatorToken.kind;
  // A plain assignment reads its target only if the right side names it.
  if (operator === ts.SyntaxKind.EqualsToken) return readsTarget(update) ? undefined : 'unchanged';
  const statement = update.parent;
  if (LOGICAL_ASSIGNMENTS.has(operator) || !ts.isExpressionStatement(statement) || !ts.isBlock(statement.parent)) return undefined;
  let name = 'value';
  for (let suffix = 2; taken.has(name) || unusedNameAt(checker, [statement], name) !== name; suffix++) name = `value${suffix}`;
  taken.add(name);
  const indent = indentationAt(sourceFile, statement.getStart(sourceFile));
  return {
    start: statement.getStart(sourceFile),
    end: statement.getEnd(),
    newText: `const ${name} = ${update.right.getText(sourceFile)};\n${indent}`
      + `${update.left.getText(sourceFile)} ${update.operatorToken.getText(sourceFile)} ${name};`,
  };
}

const LOGICAL_ASSIGNMENTS = new Set([
  ts.SyntaxKind.AmpersandAmpersandEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** Whether `x = …` mentions `x` (by its text) on the right. */
function readsTarget(update: ts.BinaryExpression): boolean {
  const target = skipOuterExpressions(update.left).getText();
  const visit = (node: ts.Node): boolean =>
    (ts.isExpression(node) && node.getText() === target) || (ts.forEachChild(node, visit) ?? false);
  return visit(update.right);
}
