import ts from 'typescript';
import { toRuleId } from './config';
import type { SuppressionMode } from './types';

/** Answers whether a rule is switched off by a comment on a given 0-based line. */
export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

const NOTHING_SUPPRESSED: Suppressions = { isSuppressed: () => false };
const CANDIDATE = /\b(?:eslint|oxlint|asyncsense)-(?:disable|enable)/u;
const DIRECTIVE =
  /^\s*(eslint|oxlint|asyncsense)-(disable-next-line|disable-line|disable|enable)(?:\s+([^]*?))?\s*(?:--[^]*)?$/u;

/**
 * Our rules' ids by the ids under which other linters report the same thing
 * (`no-await-in-loop` → `no-await-in-loop`): see `RuleMeta.peers`.
 */
export type PeerRules = ReadonlyMap<string, string>;

interface Span {
  readonly line: number;
  /** Rule ids, or `undefined` for every rule. */
  readonly ruleIds: readonly string[] | undefined;
}

interface Toggle extends Span {
  readonly enable: boolean;
}

/**
 * Reads the suppression comments of a file: ESLint's `eslint-disable*` / `eslint-enable` naming
 * `asyncsense/<id>` (or no rule), and asyncsense's own `asyncsense-disable*` naming `<id>`.
 * In `asyncsense-only` mode, ESLint applies its own comments and only ours are read here. A
 * comment of ESLint or oxlint that switches off a peer of one of our rules (the same claim under
 * another linter's id) switches ours off too, in either mode: whoever wrote
 * `// eslint-disable-next-line no-await-in-loop -- stop at the first failure` has said the loop is
 * meant to run one item at a time, and ESLint would not apply that comment to our rule.
 */
export function readSuppressions(sourceFile: ts.SourceFile, mode: SuppressionMode, peers: PeerRules = new Map()): Suppressions {
  const text = sourceFile.text;
  if (!CANDIDATE.test(text)) return NOTHING_SUPPRESSED;
  const lines: Span[] = [];
  const toggles: Toggle[] = [];
  for (const comment of scanComments(sourceFile)) {
    const body = comment.kind === ts.SyntaxKind.SingleLineCommentTrivia
      ? text.slice(comment.pos + 2, comment.end)
      : text.slice(comment.pos + 2, comment.end - 2);
    const match = DIRECTIVE.exec(body);
    if (!match) continue;
    const [, tool, kind, list] = match;
    const ruleIds = parseRuleList(tool!, list, mode, peers);
    if (ruleIds?.length === 0) continue;
    const startLine = sourceFile.getLineAndCharacterOfPosition(comment.pos).line;
    const endLine = sourceFile.getLineAndCharacterOfPosition(comment.end).line;
    if (kind === 'disable-line') lines.push({ line: startLine, ruleIds });
    else if (kind === 'disable-next-line') lines.push({ line: endLine + 1, ruleIds });
    else toggles.push({ line: startLine, ruleIds, enable: kind === 'enable' });
  }
  return {
    isSuppressed(ruleId, line) {
      if (lines.some((span) => span.line === line && names(span, ruleId))) return true;
      let disabled = false;
      for (const toggle of toggles) {
        if (toggle.line > line) break;
        if (names(toggle, ruleId)) disabled = !toggle.enable;
      }
      return disabled;
    },
  };
}

function names(span: Span, ruleId: string): boolean {
  return span.ruleIds === undefined || span.ruleIds.includes(ruleId);
}

/**
 * The rules a comment switches off, `undefined` for all. ESLint comments name our rules
 * `asyncsense/<id>`; other plugins' names never match, except a peer of one of our rules. Our own
 * comments name them bare, and `asyncsense/<id>` is accepted too. Inside ESLint, which applies its
 * own comments, and in oxlint's comments, only the peers count.
 */
function parseRuleList(tool: string, list: string | undefined, mode: SuppressionMode, peers: PeerRules): readonly string[] | undefined {
  const ids = list?.split(',').map((name) => name.trim()).filter(Boolean) ?? [];
  if (tool === 'asyncsense') return ids.length === 0 ? undefined : ids.map(toRuleId);
  const ownComments = tool === 'eslint' && mode === 'all';
  if (ids.length === 0) return ownComments ? undefined : [];
  const peered = ids.flatMap((name) => peers.get(peerId(name)) ?? []);
  return ownComments ? [...ids.filter((name) => name.startsWith('asyncsense/')).map(toRuleId), ...peered] : peered;
}

/** `eslint/no-await-in-loop` and `typescript/no-floating-promises`, oxlint's spellings, as ESLint names them. */
function peerId(name: string): string {
  if (name.startsWith('eslint/')) return name.slice('eslint/'.length);
  if (name.startsWith('typescript/')) return `@typescript-eslint/${name.slice('typescript/'.length)}`;
  return name;
}

/** The comments holding a directive word, found without re-scanning literals as code. */
function* scanComments(sourceFile: ts.SourceFile): Generator<ts.CommentRange> {
  const seen = new Set<number>();
  for (const match of sourceFile.text.matchAll(new RegExp(CANDIDATE.source, 'gu'))) {
    const comment = findCommentAt(sourceFile, match.index);
    if (comment && !seen.has(comment.pos)) {
      seen.add(comment.pos);
      yield comment;
    }
  }
}

/**
 * Descends to the innermost node around `index`, then scans only the gap between that node's
 * children that holds it: a gap has punctuation and trivia but never a regex or template, which a
 * scanner without the parser's context would misread.
 */
function findCommentAt(sourceFile: ts.SourceFile, index: number): ts.CommentRange | undefined {
  let node: ts.Node = sourceFile;
  for (;;) {
    const inner = ts.forEachChild(node, (child) => (child.pos <= index && index < child.end ? child : undefined));
    if (!inner) break;
    node = inner;
  }
  if (hasLiteralText(node)) return undefined;
  let gapStart = node.pos;
  let gapEnd = node.end;
  ts.forEachChild(node, (child) => {
    if (child.end <= index) gapStart = Math.max(gapStart, child.end);
    else if (child.pos > index) gapEnd = Math.min(gapEnd, child.pos);
  });
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, sourceFile.languageVariant, sourceFile.text,
    undefined, gapStart, gapEnd - gapStart);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    const pos = scanner.getTokenStart();
    const end = scanner.getTokenEnd();
    if (pos > index) return undefined;
    if (index < end && (token === ts.SyntaxKind.SingleLineCommentTrivia || token === ts.SyntaxKind.MultiLineCommentTrivia)) {
      return { kind: token, pos, end };
    }
  }
  return undefined;
}

function hasLiteralText(node: ts.Node): boolean {
  return ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isRegularExpressionLiteral(node)
    || node.kind === ts.SyntaxKind.JsxText;
}
