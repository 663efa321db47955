import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import asyncsense from 'eslint-plugin-asyncsense';
import { runRules, type Finding } from 'eslint-plugin-asyncsense/engine';
import type ts from 'typescript';
import { engineFindingToComparable, eslintMessageToComparable, type ComparableFinding } from '../eslint/typed-eslint';
import { REPO_ROOT } from '../helpers/fixtures';
import { FUZZ_RULES, PARSER_LIMIT, type CheckResult, type Problem } from './engine-target';
import { describeError, InputPrograms, STACK_OVERFLOW } from './input-programs';
import type { FuzzInput } from './mutations';

/** The rules of `FUZZ_RULES` under the plugin's prefix, as an ESLint configuration names them. */
const ESLINT_RULES = Object.fromEntries(Object.entries(FUZZ_RULES).map(([id, setting]) => [`asyncsense/${id}`, setting])) as Linter.RulesRecord;

/**
 * Runs fuzz inputs through ESLint's `Linter` with typescript-eslint's parser and the plugin, as
 * `eslint` runs it over a file. ESLint must not throw; every message and suggestion must lie in
 * the text; and when the input parses, ESLint must report what the engine reports on the same
 * program, with the same suggestions.
 */
export class EslintTarget {
  private readonly programs = new InputPrograms();
  private readonly linter = new Linter({ cwd: REPO_ROOT, configType: 'flat' });

  check(input: FuzzInput): CheckResult {
    // ESLint drops a leading BOM before it parses; the program holds the text the parser sees.
    const text = input.text.startsWith('\uFEFF') ? input.text.slice(1) : input.text;
    let built;
    try {
      built = this.programs.build(input, text);
    } catch {
      return PARSER_LIMIT;
    }
    const config: Linter.Config[] = [{
      files: ['**/*.ts', '**/*.tsx'],
      plugins: { asyncsense: asyncsense as unknown as NonNullable<Linter.Config['plugins']>[string] },
      languageOptions: { parser: tsParser, parserOptions: { programs: [built.program], ecmaFeatures: { jsx: input.extension === '.tsx' } } },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules: ESLINT_RULES,
    }];
    let messages: Linter.LintMessage[];
    try {
      messages = this.linter.verify(input.text, config, built.fileName);
    } catch (error) {
      const message = describeError(error);
      if (message.includes(STACK_OVERFLOW) && this.programs.typescriptOverflows()) return { ...PARSER_LIMIT };
      return { problems: [{ where: 'eslint', message }], typescriptLimit: false, findings: 0, fixes: 0 };
    }
    const problems: Problem[] = [];
    // Ours: not ESLint's own word on a directive that names a rule the plugin lacks (`asyncsense/no-such-rule`).
    const ours = messages.filter((message) => message.ruleId !== null && message.ruleId in ESLINT_RULES);
    // A parsing error is ESLint's answer to code that does not parse; no rule ran.
    if (messages.some((message) => message.fatal)) return { problems, typescriptLimit: false, findings: ours.length, fixes: 0 };
    const fixes = this.checkRanges(ours, text.length, problems);
    this.compareWithEngine(built.program, built.fileName, ours, problems);
    return { problems, typescriptLimit: false, findings: ours.length, fixes };
  }

  /** Every message lies in the text, and every fix replaces a range of the text parsed (`parsedLength` long). Returns the fixes checked. */
  private checkRanges(messages: readonly Linter.LintMessage[], parsedLength: number, problems: Problem[]): number {
    const { lines } = this.linter.getSourceCode()!;
    const inText = (line: number | undefined, column: number | undefined): boolean => line !== undefined && column !== undefined
      && line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1]!.length + 1;
    let fixes = 0;
    for (const message of messages) {
      if (!inText(message.line, message.column) || !inText(message.endLine, message.endColumn)) {
        problems.push({ where: message.ruleId!, message: `message at ${message.line}:${message.column}-${message.endLine}:${message.endColumn} outside the text` });
      }
      for (const { fix } of [...(message.suggestions ?? []), ...(message.fix ? [{ fix: message.fix }] : [])]) {
        const [start, end] = fix.range;
        if (start < 0 || end < start || end > parsedLength) problems.push({ where: `fix of ${message.ruleId!}`, message: `fix of ${start}-${end} outside the text (${parsedLength})` });
        else fixes++;
      }
    }
    return fixes;
  }

  /**
   * ESLint's findings against the engine's on the same program, as the parity test compares them
   * but with ranges in TypeScript's offsets: ESLint's lines and columns count in `sourceCode.text`,
   * which lacks a second leading byte order mark that TypeScript's text has, while its fixes apply
   * to the text it parsed, TypeScript's.
   */
  private compareWithEngine(program: ts.Program, fileName: string, messages: readonly Linter.LintMessage[], problems: Problem[]): void {
    const sourceCode = this.linter.getSourceCode()!;
    const sourceFile = program.getSourceFile(fileName)!;
    const skipped = sourceFile.text.length - sourceCode.text.length;
    const fromEslint = messages.map((message): ComparableFinding => {
      const start = skipped + sourceCode.getIndexFromLoc({ line: message.line, column: message.column - 1 });
      const end = skipped + sourceCode.getIndexFromLoc({ line: message.endLine!, column: message.endColumn! - 1 });
      return { ...eslintMessageToComparable(message, sourceFile.text), range: `${start}-${end}` };
    });
    let fromEngine: ComparableFinding[];
    try {
      const { findings } = runRules(sourceFile, program, { rules: FUZZ_RULES, suppressions: 'all' });
      // Where ESLint can show it: not inside the mark its text lacks.
      fromEngine = findings.map((finding: Finding) => ({
        ...engineFindingToComparable(finding, sourceFile),
        range: `${Math.max(skipped, finding.start)}-${Math.max(skipped, finding.end)}`,
      }));
    } catch (error) {
      problems.push({ where: 'engine', message: describeError(error) });
      return;
    }
    const key = (finding: ComparableFinding): string => `${finding.ruleId} ${finding.range} ${finding.messageId}`;
    const order = (a: ComparableFinding, b: ComparableFinding): number => key(a).localeCompare(key(b));
    const eslintSide = JSON.stringify(fromEslint.sort(order));
    const engineSide = JSON.stringify(fromEngine.sort(order));
    if (eslintSide !== engineSide) {
      const keys = (side: ComparableFinding[]): string => side.map(key).join(', ') || 'nothing';
      problems.push({
        where: 'parity',
        message: `ESLint: ${keys(fromEslint)}; engine: ${keys(fromEngine)}${keys(fromEslint) === keys(fromEngine) ? ' (messages or fixes differ)' : ''}`,
      });
    }
  }
}
