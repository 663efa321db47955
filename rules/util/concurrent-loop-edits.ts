import ts from 'typescript';
import type { TextEdit } from '../core/types';
import { indentationAt } from './indentation-at';
import type { LoopIteration } from './loop-iteration';

/**
 * How the fixed loop runs its iterations: through `p-map` limited by a named constant, all at once
 * (only for a tuple or an array literal, whose size is in the source), or in batches of a named
 * constant.
 */
export type ConcurrentStrategy =
  | {
    readonly kind: 'pMap';
    /** The local name of `p-map`'s default export, and the edits that import it if needed. */
    readonly name: string;
    readonly importEdits: readonly TextEdit[];
    /** The named constant that holds the limit. */
    readonly limit: string;
    readonly concurrency: number;
  }
  | { readonly kind: 'all' }
  | { readonly kind: 'batches'; readonly concurrency: number; readonly names: BatchNames };

/** Names the batched loop declares, chosen by the caller so they clash with nothing in the file. */
export interface BatchNames {
  readonly limit: string;
  readonly start: string;
  /** Declared only when the items are computed rather than named. */
  readonly items: string;
}

/**
 * Edits that turn `iteration`'s loop into one that runs each iteration's body as an async callback,
 * concurrently: the body moves into the callback with `bodyEdits` applied, `continue` becomes `return`.
 */
export function concurrentLoopEdits(
  sourceFile: ts.SourceFile,
  iteration: LoopIteration,
  continues: readonly ts.ContinueStatement[],
  strategy: ConcurrentStrategy,
  bodyEdits: readonly TextEdit[] = [],
): TextEdit[] {
  const { loop } = iteration;
  const target = ts.isLabeledStatement(loop.parent) ? loop.parent : loop;
  const indent = indentationAt(sourceFile, target.getStart(sourceFile));
  const items = itemsText(iteration);
  const callback = `async (${iteration.item.name.getText(sourceFile)}) => ${bodyText(sourceFile, iteration, continues, bodyEdits, indent)}`;
  const edits: TextEdit[] = [];
  let text: string;
  if (strategy.kind === 'pMap') {
    text = `const ${strategy.limit} = ${strategy.concurrency};\n${indent}`
      + `await ${strategy.name}(${items}, ${callback}, { concurrency: ${strategy.limit} });`;
    edits.push(...strategy.importEdits);
  } else if (strategy.kind === 'all') {
    text = `await Promise.all(${asOperand(items)}.map(${callback}));`;
  } else {
    const { limit, start, items: itemsName } = strategy.names;
    const list = isReference(iteration) ? asOperand(items) : itemsName;
    text = `const ${limit} = ${strategy.concurrency};\n${indent}`
      + (list === itemsName ? `const ${itemsName} = ${items};\n${indent}` : '')
      + `for (let ${start} = 0; ${start} < ${list}.length; ${start} += ${limit}) `
      + `await Promise.all(${list}.slice(${start}, ${start} + ${limit}).map(${callback}));`;
  }
  edits.push({ start: target.getStart(sourceFile), end: target.getEnd(), newText: text });
  return edits;
}

/** The items as an expression that yields them all once, in loop order. */
function itemsText(iteration: LoopIteration): string {
  const source = iteration.source.getText();
  switch (iteration.kind) {
    case 'for-of': return source;
    case 'for-in': return `Object.keys(${source})`;
    case 'counted': return `Array.from({ length: ${source} }, (_, index) => index)`;
    case 'drain': return `${asOperand(source)}.splice(0)`;
  }
}

/** Whether the items are a name the batched loop may read several times (`ids`, `this.rows`). */
function isReference(iteration: LoopIteration): boolean {
  if (iteration.kind !== 'for-of') return false;
  let node: ts.Expression = iteration.source;
  while (ts.isPropertyAccessExpression(node)) node = node.expression;
  return ts.isIdentifier(node) || node.kind === ts.SyntaxKind.ThisKeyword;
}

function asOperand(text: string): string {
  return /^[\w$.]+$|^\[.*\]$/su.test(text) && !/\bas\b/u.test(text) ? text : `(${text})`;
}

/** The body as a block, with `continue` turned into `return` and a drain's take statement left out. */
function bodyText(
  sourceFile: ts.SourceFile,
  iteration: LoopIteration,
  continues: readonly ts.ContinueStatement[],
  bodyEdits: readonly TextEdit[],
  indent: string,
): string {
  const { body, takeStatement } = iteration;
  const start = ts.isBlock(body) ? body.getStart(sourceFile) : body.getFullStart();
  const replacements: TextEdit[] = [
    ...continues.map((node) => ({ start: node.getStart(sourceFile), end: node.getEnd(), newText: 'return;' })),
    ...bodyEdits,
  ];
  if (takeStatement) replacements.push({ start: takeStatement.pos, end: takeStatement.end, newText: '' });
  let text = sourceFile.text.slice(start, body.getEnd());
  for (const edit of [...replacements].sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start - start) + edit.newText + text.slice(edit.end - start);
  }
  return ts.isBlock(body) ? text : `{\n${indent}  ${text.trim()}\n${indent}}`;
}
