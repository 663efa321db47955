import ts from 'typescript';
import type { ReachContext, RuleReach } from './types';

/** One enabled rule's reach in one file: where in the file's text it can report at all. */
export interface FileReach {
  readonly awaitsOnly: boolean;
  /** Offsets where the rule's `text` matches, ascending; undefined when the rule has no `text`. */
  readonly matches: readonly number[] | undefined;
}

/** Whether the walk must enter a node: some enabled rule may report inside it. */
export type SubtreeFilter = ((node: ts.Node) => boolean) | typeof AWAITS_ONLY;

/** The filter when every rule reaches only code that awaits, which the walk tests inline. */
export const AWAITS_ONLY = 'awaits-only';

/**
 * The rule's reach in this file, or undefined when the file is not among its files or its text does
 * not occur in the file, so that the rule cannot report there.
 */
export function fileReach<Options>(reach: RuleReach<Options> | undefined, sourceFile: ts.SourceFile,
  context: ReachContext<Options>): FileReach | undefined {
  const awaitsOnly = reach?.awaitsOnly === true;
  if (reach?.files && !reach.files(context)?.has(sourceFile)) return undefined;
  const text = sourceFile.text;
  if (!reach?.text) return { awaitsOnly, matches: undefined };
  const pattern = typeof reach.text === 'function' ? reach.text(context) : reach.text;
  if (!pattern) return undefined;
  // Code that awaits is already a narrower reach than any text: the text only says whether the file is in it.
  if (awaitsOnly) return pattern.test(text) ? { awaitsOnly, matches: undefined } : undefined;
  const matches = matchOffsets(pattern, text);
  return matches.length === 0 ? undefined : { awaitsOnly, matches };
}

/**
 * Which subtrees the walk enters: those where at least one rule can report. A rule with no reach
 * can report anywhere, so then the walk is whole (undefined: no filter).
 */
export function subtreeFilter(reaches: readonly FileReach[]): SubtreeFilter | undefined {
  if (reaches.some((reach) => !reach.awaitsOnly && !reach.matches)) return undefined;
  if (reaches.every((reach) => !reach.matches)) return AWAITS_ONLY;
  return (node) => {
    for (const { awaitsOnly, matches } of reaches) {
      if (awaitsOnly && !hasAwaitBelow(node)) continue;
      if (matches && !hasMatchIn(matches, node.pos, node.end)) continue;
      return true;
    }
    return false;
  };
}

/**
 * The parser marks every node whose subtree holds an `await` or an `async` function with this
 * flag (TypeScript's internal `TransformFlags.ContainsES2017`, which, unlike `ContainsAwait`,
 * is not cleared at function boundaries). Where a TypeScript does not expose it, the flag reads
 * as set everywhere, so nothing is skipped for it.
 */
const AWAIT_SUBTREE_FLAG: number = (ts as unknown as { TransformFlags?: Record<string, number> }).TransformFlags?.['ContainsES2017'] ?? 0;

/** Whether an `await` or an async function lies in or below `node`. */
export function hasAwaitBelow(node: ts.Node): boolean {
  return AWAIT_SUBTREE_FLAG === 0 || ((node as unknown as { transformFlags: number }).transformFlags & AWAIT_SUBTREE_FLAG) !== 0;
}

/** The same pattern, searching the whole text; made once per pattern. */
const globalPatterns = new WeakMap<RegExp, RegExp>();

function matchOffsets(pattern: RegExp, text: string): number[] {
  let global = globalPatterns.get(pattern);
  if (!global) {
    global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    globalPatterns.set(pattern, global);
  }
  global.lastIndex = 0;
  const offsets: number[] = [];
  for (let match = global.exec(text); match; match = global.exec(text)) {
    offsets.push(match.index);
    if (match[0].length === 0) global.lastIndex++;
  }
  return offsets;
}

/** Whether some offset lies in [start, end): a binary search for the first offset at or after start. */
function hasMatchIn(offsets: readonly number[], start: number, end: number): boolean {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (offsets[middle]! < start) low = middle + 1;
    else high = middle;
  }
  return low < offsets.length && offsets[low]! < end;
}
