import type ts from 'typescript';
import { runRulesWith } from '../core/run-rules';
import type { AnyRule, Finding, RuleFailure, RuleSetting, RunConfig } from '../core/types';

interface Member {
  readonly rule: AnyRule;
  readonly setting: RuleSetting;
}

interface Outcome {
  readonly findings: readonly Finding[];
  readonly failure: RuleFailure | undefined;
}

/**
 * The asyncsense rules ESLint runs on one file, checked together in one walk of the file. ESLint
 * calls every rule's `create` before it visits any node, so each rule joins the batch there; the
 * first to reach the `Program` node runs them all, and each reports its own findings. Walking
 * once, and letting the rules share the checker's answers, is what keeps several rules as cheap
 * as one.
 */
class FileBatch {
  private readonly members = new Map<string, Member>();
  private outcomes: Map<string, Outcome> | undefined;

  constructor(private readonly sourceFile: ts.SourceFile, private readonly program: ts.Program) {}

  get hasRun(): boolean {
    return this.outcomes !== undefined;
  }

  join(rule: AnyRule, setting: RuleSetting): void {
    this.members.set(rule.id, { rule, setting });
  }

  outcomeFor(ruleId: string): Outcome {
    this.outcomes ??= this.run();
    return this.outcomes.get(ruleId) ?? { findings: [], failure: undefined };
  }

  private run(): Map<string, Outcome> {
    const members = [...this.members.values()];
    const { rules, config } = runInputsFor(members);
    const { findings, failures } = runRulesWith(rules, this.sourceFile, this.program, config);
    return new Map(members.map(({ rule }) => [rule.id, {
      findings: findings.filter((finding) => finding.ruleId === rule.id),
      failure: failures.find((failure) => failure.ruleId === rule.id),
    }]));
  }
}

interface RunInputs {
  readonly members: readonly Member[];
  readonly rules: readonly AnyRule[];
  readonly config: RunConfig;
}

/** The inputs of the last batch, which the next file's batch almost always repeats. */
let lastInputs: RunInputs | undefined;

/**
 * The rules and configuration to run the members with; the same objects as last time when the
 * members are the same, so that the engine's per-configuration work is done once, not per file.
 */
function runInputsFor(members: readonly Member[]): RunInputs {
  const same = lastInputs?.members.length === members.length
    && members.every((member, i) => member.rule === lastInputs!.members[i]!.rule && member.setting === lastInputs!.members[i]!.setting);
  if (same) return lastInputs!;
  lastInputs = {
    members,
    rules: members.map((member) => member.rule),
    config: {
      rules: Object.fromEntries(members.map((member) => [member.rule.id, member.setting])),
      // ESLint applies its own eslint-disable comments (and reports unused ones); the engine adds
      // asyncsense-disable on top.
      suppressions: 'asyncsense-only',
    },
  };
  return lastInputs;
}

const batches = new WeakMap<ts.SourceFile, FileBatch>();

/**
 * The batch of the file being linted. A batch that has run belongs to an earlier lint of the same
 * text (typescript-eslint may hand out the same SourceFile again), so a new one starts.
 */
export function joinFileBatch(sourceFile: ts.SourceFile, program: ts.Program, rule: AnyRule, setting: RuleSetting): FileBatch {
  let batch = batches.get(sourceFile);
  if (!batch || batch.hasRun) {
    batch = new FileBatch(sourceFile, program);
    batches.set(sourceFile, batch);
  }
  batch.join(rule, setting);
  return batch;
}
