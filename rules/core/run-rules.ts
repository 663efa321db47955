import ts from 'typescript';
import { isLeafKind, isTypeOnly } from './code-nodes';
import { resolveConfig, type ResolvedRule } from './config';
import { isDeadCode } from './dead-code';
import { formatMessage } from './format-message';
import { AWAITS_ONLY, fileReach, hasAwaitBelow, subtreeFilter, type FileReach } from './reach';
import { readSuppressions, type PeerRules, type Suppressions } from './suppressions';
import type {
  AnyRule, Finding, FindingReport, ResolvedSuggestion, RuleFailure, RunConfig, RunResult, Suggestion,
} from './types';

type Visitor = (node: ts.Node) => void;

interface ActiveRule {
  readonly resolved: ResolvedRule;
  failed: boolean;
}

/**
 * Checks one file with every enabled rule in a single walk of its syntax tree. A rule that throws
 * is recorded as a failure and skipped for the rest of the file; the other rules go on.
 */
export function runRulesWith(
  rules: readonly AnyRule[],
  sourceFile: ts.SourceFile,
  program: ts.Program,
  config: RunConfig,
): RunResult {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const { rules: enabled } = resolveConfig(rules, config.rules);
  if (enabled.length === 0) return { findings, failures };

  let suppressions: Suppressions | undefined;
  const isSuppressed = (ruleId: string, start: number): boolean => {
    suppressions ??= readSuppressions(sourceFile, config.suppressions ?? 'all', peerRules(enabled));
    return suppressions.isSuppressed(ruleId, sourceFile.getLineAndCharacterOfPosition(start).line);
  };
  const fail = (active: ActiveRule, error: unknown): void => {
    active.failed = true;
    failures.push({ ruleId: active.resolved.rule.id, fileName: sourceFile.fileName, error });
  };

  // Indexed by SyntaxKind: the walk looks this up for every node of the file.
  const visitors: ({ active: ActiveRule; visit: Visitor }[] | undefined)[] = [];
  let visitorCount = 0;
  let checker: ts.TypeChecker;
  try {
    checker = program.getTypeChecker();
  } catch (error) {
    // TypeScript could not bind the program (a file nested thousands deep overflows its binder):
    // no rule can run, and each says so rather than the whole check throwing.
    for (const resolved of enabled) failures.push({ ruleId: resolved.rule.id, fileName: sourceFile.fileName, error });
    return { findings, failures };
  }
  const reaches: FileReach[] = [];
  for (const resolved of enabled) {
    const active: ActiveRule = { resolved, failed: false };
    const { rule, severity, options } = resolved;
    const reach = fileReach(rule.reach, sourceFile, { program, options });
    if (!reach) continue;
    try {
      const ruleVisitors = rule.create({
        program, checker, sourceFile, options,
        report(report) {
          // Code that can never run is not worth a change; TypeScript already says it is unreachable.
          if (isSuppressed(rule.id, report.start) || isDeadCode(sourceFile, report.start)) return;
          findings.push(toFinding(rule, severity, report));
        },
      });
      for (const [kind, visit] of Object.entries(ruleVisitors)) {
        if (!visit) continue;
        (visitors[Number(kind)] ??= []).push({ active, visit });
        visitorCount++;
      }
      reaches.push(reach);
    } catch (error) {
      fail(active, error);
    }
  }
  if (visitorCount === 0) return { findings, failures };

  // An explicit stack, so that deeply nested code cannot overflow the call stack.
  const stack: ts.Node[] = [sourceFile];
  const inReach = subtreeFilter(reaches);
  const collect = (child: ts.Node): undefined => {
    const kind = child.kind;
    // Tokens and identifiers have no children: they are stacked only for a rule that visits them.
    if (isLeafKind(kind) ? visitors[kind] === undefined : isTypeOnly(kind)) return undefined;
    if (inReach === undefined || (inReach === AWAITS_ONLY ? hasAwaitBelow(child) : inReach(child))) stack.push(child);
    return undefined;
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    const entries = visitors[node.kind];
    if (entries) {
      for (const { active, visit } of entries) {
        if (active.failed) continue;
        try {
          visit(node);
        } catch (error) {
          fail(active, error);
        }
      }
    }
    // Children go on the stack as they come, then that run is reversed so the first is popped first.
    const first = stack.length;
    forEachChild(node, collect);
    for (let i = first, j = stack.length - 1; i < j; i++, j--) {
      const child = stack[i]!;
      stack[i] = stack[j]!;
      stack[j] = child;
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return { findings, failures };
}

// Read once: TypeScript's module exports are getters, too slow for a call on every node.
const { forEachChild } = ts;

/** The enabled rules' ids by the ids of their peers in other linters. */
function peerRules(enabled: readonly ResolvedRule[]): PeerRules {
  return new Map(enabled.flatMap(({ rule }) => (rule.meta.peers ?? []).map((peer) => [peer, rule.id] as const)));
}

function toFinding(rule: AnyRule, severity: Finding['severity'], report: FindingReport): Finding {
  return {
    ...report,
    ruleId: rule.id,
    severity,
    message: messageFor(rule, report.messageId, report.data),
    suggestions: (report.suggestions ?? []).map((suggestion) => resolveSuggestion(rule, suggestion)),
  };
}

function resolveSuggestion(rule: AnyRule, suggestion: Suggestion): ResolvedSuggestion {
  return {
    messageId: suggestion.messageId,
    data: suggestion.data,
    safe: suggestion.safe === true,
    title: messageFor(rule, suggestion.messageId, suggestion.data),
    edits: () => suggestion.edits(),
  };
}

function messageFor(rule: AnyRule, messageId: string, data: FindingReport['data']): string {
  const template = (rule.meta.messages as Record<string, string>)[messageId];
  if (template === undefined) throw new Error(`rule ${rule.id} reported unknown message id "${messageId}"`);
  return formatMessage(template, data);
}
