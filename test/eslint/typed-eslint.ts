import path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import asyncsense from 'eslint-plugin-asyncsense';
import { applyEdits, rules, type Finding } from 'eslint-plugin-asyncsense/engine';
import type ts from 'typescript';

/** Our configs are typed with typescript-eslint's flat-config types, which ESLint's own types do not accept as is. */
export function asLinterConfig(config: typeof asyncsense.configs.all): Linter.Config {
  return config as unknown as Linter.Config;
}

/** Every rule at `error`, the engine's counterpart of `asyncsense.configs.all`. */
export const ALL_RULES_AT_ERROR = Object.fromEntries(rules.map((rule) => [rule.id, 'error' as const]));

/**
 * ESLint with typed linting over `cwd`, as a user sets it up. Creating one per configuration and
 * reusing it matters: the first typed lint pays for loading the TypeScript project.
 */
export function createTypedEslint(
  cwd: string,
  config: Linter.Config,
  linterOptions: Linter.LinterOptions = {},
  eslintOptions: Pick<ESLint.Options, 'fix'> = {},
): ESLint {
  return new ESLint({
    ...eslintOptions,
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: cwd } },
        linterOptions,
      },
      { ...config, files: ['**/*.ts'] },
    ],
  });
}

/** A finding reduced to what both front ends must agree on, in a form that diffs readably. */
export interface ComparableFinding {
  readonly ruleId: string;
  /** `line:column-line:column`, 1-based as ESLint prints it. */
  readonly range: string;
  readonly messageId: string;
  readonly message: string;
  readonly suggestions: readonly { readonly title: string; readonly output: string }[];
  /** The file after the fix `eslint --fix` and fix-all apply: the first safe suggestion, if any. */
  readonly fixOutput: string | null;
}

export function engineFindingToComparable(finding: Finding, sourceFile: ts.SourceFile): ComparableFinding {
  const at = (offset: number): string => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(offset);
    return `${line + 1}:${character + 1}`;
  };
  const safe = finding.suggestions.find((suggestion) => suggestion.safe);
  return {
    ruleId: `asyncsense/${finding.ruleId}`,
    range: `${at(finding.start)}-${at(finding.end)}`,
    messageId: finding.messageId,
    message: finding.message,
    suggestions: finding.suggestions.map((suggestion) => ({
      title: suggestion.title,
      output: applyEdits(sourceFile.text, suggestion.edits()),
    })),
    fixOutput: safe ? applyEdits(sourceFile.text, safe.edits()) : null,
  };
}

export function eslintMessageToComparable(message: Linter.LintMessage, text: string): ComparableFinding {
  return {
    ruleId: message.ruleId ?? '(none)',
    range: `${message.line}:${message.column}-${message.endLine}:${message.endColumn}`,
    messageId: message.messageId ?? '(none)',
    message: message.message,
    suggestions: (message.suggestions ?? []).map((suggestion) => ({
      title: suggestion.desc,
      output: text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]),
    })),
    fixOutput: message.fix ? text.slice(0, message.fix.range[0]) + message.fix.text + text.slice(message.fix.range[1]) : null,
  };
}

/** Lints files and indexes the results by absolute path; fatal parse errors fail loudly. */
export async function lintFilesByPath(eslint: ESLint, files: readonly string[]): Promise<Map<string, ESLint.LintResult>> {
  // ESLint reads an empty list as "lint the working directory".
  if (files.length === 0) return new Map();
  const results = await eslint.lintFiles([...files]);
  const byPath = new Map(results.map((result) => [path.resolve(result.filePath), result]));
  for (const file of files) {
    if (!byPath.has(path.resolve(file))) throw new Error(`ESLint did not lint ${file}`);
  }
  return byPath;
}

/** Messages that are not findings of a rule: parse errors and ESLint's own complaints. */
export function describeFatalMessages(result: ESLint.LintResult): string[] {
  return result.messages
    .filter((message) => message.fatal || message.ruleId === null)
    .map((message) => `${result.filePath}:${message.line}:${message.column} ${message.message}`);
}
