import ts from 'typescript';
import type { Random } from './random';

/** One fuzz input: what made it, and its text. */
export interface FuzzInput {
  readonly kind: string;
  /** Where it came from: a fixture's name, or `generated`. */
  readonly origin: string;
  readonly text: string;
  /** `.ts` or `.tsx`; JSX in a `.ts` file stays `.ts`. */
  readonly extension: '.ts' | '.tsx';
}

type Mutation = (text: string, random: Random) => string;

/** Characters that break naive offset arithmetic: astral, combining, zero-width, right-to-left, line separators, NUL. */
const AWKWARD = ['\u{1F600}', '\u{10FFFF}', '\u0301', '\u200B', '\u200F', '\u2028', '\u2029', '\uFEFF', '\u0000', '\uD800', 'é', '\t', '\r'];

/** Token spans of a text, as TypeScript's scanner cuts it (comments and whitespace skipped). */
function tokens(text: string): { start: number; end: number }[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const spans: { start: number; end: number }[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken && spans.length < 50_000; kind = scanner.scan()) {
    spans.push({ start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
  }
  return spans;
}

/** Ends of the statements of a file, at every depth: where a half-typed file stops. */
function statementEnds(text: string): number[] {
  const sourceFile = ts.createSourceFile('cut.ts', text, ts.ScriptTarget.Latest, false);
  const ends: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStatement(node) || ts.isClassElement(node)) ends.push(node.getEnd());
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return ends;
}

const MUTATIONS: Readonly<Record<string, Mutation>> = {
  'delete token': (text, random) => {
    const spans = tokens(text);
    if (spans.length === 0) return text;
    const { start, end } = random.pick(spans);
    return text.slice(0, start) + text.slice(end);
  },
  'duplicate token': (text, random) => {
    const spans = tokens(text);
    if (spans.length === 0) return text;
    const { start, end } = random.pick(spans);
    return text.slice(0, end) + text.slice(start, end) + text.slice(end);
  },
  'delete tokens': (text, random) => {
    const spans = tokens(text);
    if (spans.length < 2) return text;
    const first = random.below(spans.length - 1);
    const last = Math.min(spans.length - 1, first + 1 + random.below(8));
    return text.slice(0, spans[first]!.start) + text.slice(spans[last]!.end);
  },
  'truncate after a statement': (text, random) => {
    const ends = statementEnds(text);
    return ends.length === 0 ? text.slice(0, random.below(text.length + 1)) : text.slice(0, random.pick(ends));
  },
  'truncate anywhere': (text, random) => text.slice(0, random.below(text.length + 1)),
  'insert awkward characters': (text, random) => {
    let result = text;
    for (let count = 1 + random.below(4); count > 0; count--) {
      const at = random.below(result.length + 1);
      result = result.slice(0, at) + random.pick(AWKWARD) + result.slice(at);
    }
    return result;
  },
  'BOM and CRLF': (text) => `\uFEFF${text.replace(/\r?\n/gu, '\r\n')}`,
  'CR only': (text) => text.replace(/\r?\n/gu, '\r'),
  'binary bytes': (text, random) => {
    const at = random.below(text.length + 1);
    const bytes = Array.from({ length: 1 + random.below(64) }, () => String.fromCharCode(random.below(256))).join('');
    return text.slice(0, at) + bytes + text.slice(at);
  },
  'swap statements': (text, random) => {
    const ends = statementEnds(text);
    if (ends.length < 2) return text;
    const a = random.below(ends.length - 1);
    const cut = ends[a]!;
    return text.slice(cut) + text.slice(0, cut);
  },
  'JSX in a .ts file': (text, random) => {
    const at = random.pick(statementEnds(text).concat(text.length));
    return `${text.slice(0, at)}\nconst view = <div onClick={async () => { await fetch('/x'); }}>{items.map((x) => <b>{x}</b>)}</div>;\n${text.slice(at)}`;
  },
};

export const MUTATION_KINDS = Object.keys(MUTATIONS);

/** A mutation of `text`, picked at random; mutations are applied once, or stacked two or three deep. */
export function mutate(origin: string, text: string, random: Random): FuzzInput {
  const kinds: string[] = [];
  let result = text;
  for (let depth = random.next() < 0.7 ? 1 : 2 + random.below(2); depth > 0; depth--) {
    const kind = random.pick(MUTATION_KINDS);
    kinds.push(kind);
    result = MUTATIONS[kind]!(result, random);
  }
  return { kind: kinds.join(' + '), origin, text: result, extension: '.ts' };
}

/**
 * Inputs no mutation of a fixture makes: nesting 5,000 deep (parentheses, blocks, arrow
 * functions, awaits), a 1 MB file on one line, a file of random bytes, an empty file, JSX in a
 * `.tsx` file, and a long chain of awaits.
 */
export function generatedInputs(random: Random): FuzzInput[] {
  const deep = 5000;
  const generated = (kind: string, text: string, extension: '.ts' | '.tsx' = '.ts'): FuzzInput => ({ kind, origin: 'generated', text, extension });
  const call = 'fetch("/a")';
  const oneLine = Array.from({ length: 20_000 }, (_, index) => `void Promise.resolve(${index}); async function f${index}() { await ${call}; } `).join('');
  return [
    generated('nested parentheses', `async function f() { await ${'('.repeat(deep)}${call}${')'.repeat(deep)}; }\n`),
    generated('nested blocks', `async function f() { ${'{ '.repeat(deep)}${call}; ${'} '.repeat(deep)}}\n`),
    generated('nested arrow functions', `export const f = ${'async () => '.repeat(deep)}${call};\n`),
    generated('nested awaits', `async function f() { ${'await '.repeat(deep)}${call}; }\n`),
    generated('nested loops', `async function f(xs: string[]) { ${'for (const x of xs) '.repeat(deep)}await ${call}; }\n`),
    generated('nested array literals', `async function f() { await Promise.all(${'['.repeat(deep)}${call}${']'.repeat(deep)}); }\n`),
    generated('nested unclosed blocks', `async function f() { ${'if (x) { '.repeat(deep)}${call};\n`),
    generated('1 MB on one line', oneLine.slice(0, 1_048_576)),
    generated('random bytes', Array.from({ length: 4096 }, () => String.fromCharCode(random.below(256))).join('')),
    generated('empty file', ''),
    generated('JSX in .tsx', 'export const view = <div onClick={async () => { await fetch("/x"); }}>{[1, 2].map((x) => <b key={x}>{x}</b>)}</div>;\n', '.tsx'),
    generated('long await chain', `export async function f() {\n${Array.from({ length: 3000 }, (_, i) => `  const v${i} = await ${call};`).join('\n')}\n}\n`),
  ];
}
