import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures';

export interface DocExample {
  readonly ruleId: string;
  /** 1-based position among the doc's examples. */
  readonly index: number;
  readonly kind: 'valid' | 'invalid';
  readonly code: string;
  /** 1-based line of the opening fence, to point at the example from a failure. */
  readonly line: number;
}

export interface RuleDoc {
  readonly ruleId: string;
  readonly file: string;
  /** `undefined` when the doc does not exist. */
  readonly text: string | undefined;
  readonly examples: readonly DocExample[];
}

const EXAMPLE_FENCE = /^```ts[ \t]+(valid|invalid)[ \t]*\r?\n([^]*?)^```[ \t]*$/gmu;

/** `rules/<id>.md` and the examples in its ```` ```ts valid ```` / ```` ```ts invalid ```` blocks. */
export function readRuleDoc(ruleId: string): RuleDoc {
  const file = path.join(REPO_ROOT, 'rules', `${ruleId}.md`);
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  return { ruleId, file, text, examples: text === undefined ? [] : parseDocExamples(ruleId, text) };
}

export function parseDocExamples(ruleId: string, text: string): DocExample[] {
  return [...text.matchAll(EXAMPLE_FENCE)].map((match, i) => ({
    ruleId,
    index: i + 1,
    kind: match[1] as DocExample['kind'],
    code: match[2]!,
    line: text.slice(0, match.index).split('\n').length,
  }));
}

/** Level-2 or level-3 headings of a markdown text, lower-cased. */
export function markdownHeadings(text: string): string[] {
  return [...text.matchAll(/^#{2,3}[ \t]+(.+?)[ \t]*$/gmu)].map((match) => match[1]!.toLowerCase());
}

/** Where an example is written in the temp project, relative to its root. */
export function exampleFileName(example: DocExample): string {
  return `${example.ruleId}/example-${String(example.index).padStart(2, '0')}-${example.kind}.ts`;
}
