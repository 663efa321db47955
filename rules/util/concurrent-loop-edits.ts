import ts from 'typescript';
import type { TextEdit } from '../core/types';
import { indentationAt } from './indentation-at';
import type { CollectedPush } from './collected-push';
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

/** A loop that collects into a list (`collectedPush`), and a name free for each collected result. */
export interface Collecting extends CollectedPush {
  readonly resultName: string;
}

/**
 * Edits that turn `iteration`'s loop into one that runs each iteration's body as an async callback,
 * concurrently: the body moves into the callback with `bodyEdits` applied, `continue` becomes `return`.
 * When the loop collects (`collect`), the callback returns the pushed value and the list is
 * filled, in the items' order, from what all the callbacks answered: declared with it when it was
 * declared empty just before the loop, pushed to otherwise.
 */
export function concurrentLoopEdits(
  sourceFile: ts.SourceFile,
  iteration: LoopIteration,
  continues: readonly ts.ContinueStatement[],
  strategy: ConcurrentStrategy,
  bodyEdits: readonly TextEdit[] = [],
  collect?: Collecting,
): TextEdit[] {
  const { loop } = iteration;
  const target = ts.isLabeledStatement(loop.parent) ? loop.parent : loop;
  const indent = indentationAt(sourceFile, target.getStart(sourceFile));
  const items = itemsText(iteration);
  const returned = collect ? [{ start: collect.statement.getStart(sourceFile), end: collect.statement.getEnd(), newText: `return ${collect.value.getText(sourceFile)};` }] : [];
  const callback = `async (${iteration.item.name.getText(sourceFile)}) => ${bodyText(sourceFile, iteration, continues, [...bodyEdits, ...returned], indent)}`;
  const declared = collect?.declaration;
  const edits: TextEdit[] = [];
  let text: string;
  if (strategy.kind === 'pMap') {
    text = `const ${strategy.limit} = ${strategy.concurrency};\n${indent}`
      + collected(`await ${strategy.name}(${items}, ${callback}, { concurrency: ${strategy.limit} })`, 'replay');
    edits.push(...strategy.importEdits);
  } else if (strategy.kind === 'all') {
    text = collected(`await Promise.all(${asOperand(items)}.map(${callback}))`, 'spread');
  } else {
    const { limit, start, items: itemsName } = strategy.names;
    const list = isReference(iteration) ? asOperand(items) : itemsName;
    text = `const ${limit} = ${strategy.concurrency};\n${indent}`
      + (list === itemsName ? `const ${itemsName} = ${items};\n${indent}` : '')
      + `for (let ${start} = 0; ${start} < ${list}.length; ${start} += ${limit}) `
      + (collect ? `${collect.list.text}.push(...(await Promise.all(${list}.slice(${start}, ${start} + ${limit}).map(${callback}))));`
        : `await Promise.all(${list}.slice(${start}, ${start} + ${limit}).map(${callback}));`);
  }
  const replaced = declared && strategy.kind !== 'batches' ? declared : target;
  edits.push({ start: replaced.getStart(sourceFile), end: target.getEnd(), newText: text });
  return edits;

  /**
   * The statement that runs `answer`: as it is, as the declaration of the list, or pushing its
   * values: spread for a list as long as an array literal, one by one (`replay`) for one of any
   * length, which could pass more arguments than a call takes.
   */
  function collected(answer: string, push: 'spread' | 'replay'): string {
    if (!collect) return `${answer};`;
    if (declared && strategy.kind !== 'batches') return `${declarationHead(sourceFile, declared)} = ${answer};`;
    const { list, resultName } = collect;
    return push === 'spread' ? `${list.text}.push(...(${answer}));`
      : `for (const ${resultName} of ${answer}) ${list.text}.push(${resultName});`;
  }
}

/** `const results: Row[]` of `const results: Row[] = [];`. */
function declarationHead(sourceFile: ts.SourceFile, statement: ts.VariableStatement): string {
  const { declarationList } = statement;
  const keyword = declarationList.flags & ts.NodeFlags.Const ? 'const' : declarationList.flags & ts.NodeFlags.Let ? 'let' : 'var';
  const declaration = declarationList.declarations[0]!;
  return `${keyword} ${declaration.name.getText(sourceFile)}${declaration.type ? `: ${declaration.type.getText(sourceFile)}` : ''}`;
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
