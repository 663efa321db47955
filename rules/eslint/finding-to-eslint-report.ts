import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { spanningEdit } from '../core/edits';
import type { Finding, ResolvedSuggestion } from '../core/types';

type Report = TSESLint.ReportDescriptor<string>;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** ESLint positions: 1-based line, 0-based column, counted in UTF-16 code units like the engine. */
export function offsetToEslintPosition(sourceCode: SourceCode, offset: number): TSESTree.Position {
  return sourceCode.getLocFromIndex(offset);
}

/** The file as TypeScript parsed it, and how many characters at its start ESLint's text lacks (see `skippedByEslint`). */
export interface ParsedText {
  readonly text: string;
  readonly skipped: number;
}

/**
 * An engine finding as an ESLint report: every suggestion is offered through `suggest`; the first
 * safe one is also the `fix` that `eslint --fix` applies, but only for rules that declare
 * `fixable` (ESLint rejects fixes from any other rule).
 */
export function findingToEslintReport(finding: Finding, sourceCode: SourceCode, fixable: boolean, parsed: ParsedText): Report {
  const safe = fixable ? finding.suggestions.find((suggestion) => suggestion.safe) : undefined;
  return {
    messageId: finding.messageId,
    ...(finding.data ? { data: { ...finding.data } } : {}),
    loc: {
      start: offsetToEslintPosition(sourceCode, Math.max(0, finding.start - parsed.skipped)),
      end: offsetToEslintPosition(sourceCode, Math.max(0, finding.end - parsed.skipped)),
    },
    suggest: finding.suggestions.map((suggestion) => ({
      messageId: suggestion.messageId,
      ...(suggestion.data ? { data: { ...suggestion.data } } : {}),
      fix: suggestionToEslintFix(suggestion, parsed.text),
    })),
    ...(safe ? { fix: suggestionToEslintFix(safe, parsed.text) } : {}),
  };
}

/**
 * How many characters at the start of TypeScript's text ESLint's `sourceCode.text` lacks: ESLint
 * parses a file with a second byte order mark after the first (it strips one), but strips both
 * from `sourceCode.text`, where it turns offsets into lines and columns. Its fixes still apply to
 * the text it parsed. Zero when both texts are the same.
 */
export function skippedByEslint(typescriptText: string, sourceCode: SourceCode): number {
  const skipped = typescriptText.length - sourceCode.text.length;
  return skipped > 0 && typescriptText.endsWith(sourceCode.text) ? skipped : 0;
}

/**
 * One fix that makes all of a suggestion's edits, with the text between them taken from what
 * TypeScript parsed: ESLint would fill those gaps from `sourceCode.text`, which can lack a leading
 * byte order mark that the offsets count.
 */
function suggestionToEslintFix(suggestion: ResolvedSuggestion, text: string): TSESLint.ReportFixFunction {
  // Edits are built only here, when ESLint asks for them, as the engine contract intends.
  return (fixer) => {
    const edit = spanningEdit(text, suggestion.edits());
    return edit ? fixer.replaceTextRange([edit.start, edit.end], edit.newText) : [];
  };
}
