/**
 * The engine's public face for front ends (ESLint plugin, language server, terminal). Nothing here
 * knows ESLint or LSP: front ends convert findings at their edge.
 */
import type ts from 'typescript';
import { runRulesWith } from './core/run-rules';
import type { RunConfig, RunResult } from './core/types';
import { rules } from './index';

export { rules } from './index';
export { applyEdits, joinTouchingEdits } from './core/edits';
export { formatMessage } from './core/format-message';
export { resolveConfig, toRuleId, RULE_PREFIX, type ResolvedConfig, type ResolvedRule } from './core/config';
export { runRulesWith } from './core/run-rules';
export type * from './core/types';

const DOCS_BASE = 'https://github.com/asyncsense/asyncsense/blob/main/rules/';

/** Where a rule's documentation lives, for LSP `codeDescription.href` and ESLint `docs.url`. */
export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

/** Checks one file with every enabled rule of asyncsense in a single walk. */
export function runRules(sourceFile: ts.SourceFile, program: ts.Program, config: RunConfig): RunResult {
  return runRulesWith(rules, sourceFile, program, config);
}
