import { applyEdits, rules, runRules, type RulesConfig } from 'eslint-plugin-asyncsense/engine';
import type ts from 'typescript';
import { describeError, InputPrograms, STACK_OVERFLOW } from './input-programs';
import type { FuzzInput } from './mutations';

/** Every rule at `error`, with the options that let each reach the most code. */
export const FUZZ_RULES: RulesConfig = Object.fromEntries(rules.map((rule) => {
  if (rule.id === 'no-blocking-io') return [rule.id, ['error', { checkAsyncFunctions: true, checkTestFiles: true }]];
  return [rule.id, 'error'];
}));

/** What went wrong with one input: where (`engine`, a rule id, `fix of <rule>`) and the error. */
export interface Problem {
  readonly where: string;
  readonly message: string;
}

/**
 * What checking an input came to: its problems, or `typescriptLimit` when TypeScript itself cannot
 * take the input (its parser, binder or checker overflows the stack on code nested thousands
 * deep, as `tsc` does): then the front end must still not throw, and its rules' failures are TypeScript's.
 */
export interface CheckResult {
  readonly problems: readonly Problem[];
  readonly typescriptLimit: boolean;
  /** Findings reported and suggestions applied: what the input exercised. */
  readonly findings: number;
  readonly fixes: number;
}

/** What a front end answers for an input TypeScript's parser cannot take. */
export const PARSER_LIMIT: CheckResult = { problems: [], typescriptLimit: true, findings: 0, fixes: 0 };

/**
 * Runs the engine over fuzz inputs. Every finding's offsets must lie in the text, and every
 * suggestion's edits must apply.
 */
export class EngineTarget {
  private readonly programs = new InputPrograms();

  check(input: FuzzInput): CheckResult {
    let built;
    try {
      built = this.programs.build(input);
    } catch {
      return PARSER_LIMIT;
    }
    const { problems, findings, fixes } = this.runEngine(built.program, built.fileName, input);
    if (problems.length > 0 && problems.every((problem) => problem.message.startsWith(STACK_OVERFLOW)) && this.programs.typescriptOverflows()) {
      return { problems: [], typescriptLimit: true, findings, fixes };
    }
    return { problems, typescriptLimit: false, findings, fixes };
  }

  private runEngine(program: ts.Program, fileName: string, input: FuzzInput): { problems: Problem[]; findings: number; fixes: number } {
    const problems: Problem[] = [];
    let findingCount = 0;
    let fixes = 0;
    const sourceFile = program.getSourceFile(fileName);
    if (!sourceFile) return { problems: [{ where: 'engine', message: 'no source file for the input' }], findings: 0, fixes: 0 };
    try {
      const { findings, failures } = runRules(sourceFile, program, { rules: FUZZ_RULES, suppressions: 'all' });
      for (const failure of failures) problems.push({ where: failure.ruleId, message: describeError(failure.error) });
      findingCount = findings.length;
      for (const finding of findings) {
        if (!(finding.start >= 0 && finding.start <= finding.end && finding.end <= input.text.length)) {
          problems.push({ where: finding.ruleId, message: `finding at ${finding.start}-${finding.end} outside the text (${input.text.length})` });
        }
        for (const suggestion of finding.suggestions) {
          try {
            const edits = suggestion.edits();
            if (edits.some((edit) => edit.start < 0 || edit.end < edit.start || edit.end > input.text.length)) throw new Error('edit outside the text');
            applyEdits(input.text, edits);
            fixes++;
          } catch (error) {
            problems.push({ where: `fix of ${finding.ruleId}`, message: describeError(error) });
          }
        }
      }
    } catch (error) {
      problems.push({ where: 'engine', message: describeError(error) });
    }
    return { problems, findings: findingCount, fixes };
  }
}
