import ts from 'typescript';
import type { Suggestion, TextEdit } from '../core/types';
import { addDefaultImport } from './add-default-import';
import { isPromiseLike } from './is-promise-like';
import { unionParts } from './union-parts';
import { unusedNameAt } from './unused-name-at';
import { batchedLoopEdits } from './batched-loop-edits';
import type { UnboundedMap, UnboundedWork } from './find-unbounded-work';
import { insertionPoint } from './insertion-point';
import { limitedCallbackEdits } from './limited-callback-edits';
import { limitedPushEdits } from './limited-push-edits';

export interface FixContext {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  readonly sourceFile: ts.SourceFile;
  readonly concurrency: number;
  /** Whether `import … from '<name>'` works from this file. */
  canImport(moduleName: string): boolean;
}

/**
 * The one fix for an unbounded fan-out, in order of preference: `pMap(xs, fn, { concurrency })`
 * where `p-map` resolves, `limit = pLimit(n)` around each task where `p-limit` does, otherwise a
 * loop over batches. Each names its limit as a constant the user sees.
 */
export function suggestLimits(context: FixContext, call: ts.CallExpression, method: string, work: UnboundedWork): Suggestion[] {
  const data = { concurrency: context.concurrency };
  if (work.kind === 'map' && work.site === 'argument' && method === 'all' && suitsPMap(context, work) && context.canImport('p-map')) {
    const edits = pMapEdits(context, call, work);
    if (edits) return [{ messageId: 'limitWithPMap', data, edits: () => edits }];
  }
  if (context.canImport('p-limit')) {
    const edits = pLimitEdits(context, call, work);
    return edits ? [{ messageId: 'limitWithPLimit', data, edits: () => edits }] : [];
  }
  if (work.kind === 'map' && work.site === 'argument' && (method === 'all' || method === 'allSettled')) {
    const edits = batchedLoopEdits(context, call, work);
    if (edits) return [{ messageId: 'runInBatches', data, edits: () => edits }];
  }
  return [];
}

/** Declarations the fix adds before `anchor`, indented like it. */
function declarationEdit(context: FixContext, anchor: ts.Node, lines: readonly string[]): TextEdit | undefined {
  const point = insertionPoint(context.sourceFile, anchor);
  if (!point) return undefined;
  const start = point.statement.getStart(context.sourceFile);
  return { start, end: start, newText: lines.map((line) => `${line}\n${point.indent}`).join('') };
}

function constantName(context: FixContext, locations: readonly ts.Node[]): string {
  return unusedNameAt(context.checker, locations, 'CONCURRENCY');
}

/**
 * `pMap` passes an element and its index, and resolves what the mapper returns; only a real
 * `Promise` (or a plain value) comes out typed as `Promise.all` would type it, and a third `array`
 * parameter would receive nothing.
 */
function suitsPMap(context: FixContext, work: UnboundedMap): boolean {
  const { checker } = context;
  if (work.map.arguments.length !== 1) return false;
  const signatures = checker.getTypeAtLocation(work.callback).getCallSignatures();
  if (signatures.length === 0 || signatures.some((signature) => signature.getParameters().length > 2)) return false;
  const [element] = checker.getTypeArguments(checker.getTypeAtLocation(work.map) as ts.TypeReference);
  return element !== undefined && unionParts(element).every((part) => !isPromiseLike(checker, part)
    || (part.getSymbol()?.getName() === 'Promise' && (part.getSymbol()?.getDeclarations() ?? [])
      .some((declaration) => context.program.isSourceFileDefaultLibrary(declaration.getSourceFile()))));
}

function pMapEdits(context: FixContext, call: ts.CallExpression, work: UnboundedMap): TextEdit[] | undefined {
  const { checker, sourceFile } = context;
  const constant = constantName(context, [call]);
  const declaration = declarationEdit(context, call, [`const ${constant} = ${context.concurrency};`]);
  if (!declaration) return undefined;
  const pMap = addDefaultImport(checker, sourceFile, 'p-map', 'pMap', [call]);
  const receiver = work.receiver.getText(sourceFile);
  const callback = work.callback.getText(sourceFile);
  return [
    ...pMap.edits,
    declaration,
    { start: call.getStart(sourceFile), end: call.getEnd(), newText: `${pMap.name}(${receiver}, ${callback}, { concurrency: ${constant} })` },
  ];
}

function pLimitEdits(context: FixContext, call: ts.CallExpression, work: UnboundedWork): TextEdit[] | undefined {
  const { checker, sourceFile } = context;
  if (work.kind === 'map' && work.map.arguments.length !== 1) return undefined;
  // Declared before the statement that starts the work: the map's own statement, or the loop.
  const anchor = work.kind === 'loop' ? work.filler : work.site === 'variable' ? work.map : call;
  const locations = [anchor, call, ...(work.kind === 'loop' ? work.pushes : [work.callback])];
  const constant = constantName(context, locations);
  const limit = unusedNameAt(checker, locations, 'limit');
  const pLimit = addDefaultImport(checker, sourceFile, 'p-limit', 'pLimit', locations);
  const declaration = declarationEdit(context, anchor, [
    `const ${constant} = ${context.concurrency};`,
    `const ${limit} = ${pLimit.name}(${constant});`,
  ]);
  const wrapped = work.kind === 'loop'
    ? limitedPushEdits(checker, sourceFile, work.pushes, work.filler, limit)
    : limitedCallbackEdits(checker, sourceFile, work.callback, work.receiver, limit);
  if (!declaration || !wrapped) return undefined;
  return [...pLimit.edits, declaration, ...wrapped];
}
