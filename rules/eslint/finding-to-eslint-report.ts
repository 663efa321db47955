import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Finding, ResolvedSuggestion } from '../core/types';

type Report = TSESLint.ReportDescriptor<string>;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** ESLint positions: 1-based line, 0-based column, counted in UTF-16 code units like the engine. */
export function offsetToEslintPosition(sourceCode: SourceCode, offset: number): TSESTree.Position {
  return sourceCode.getLocFromIndex(offset);
}

/**
 * An engine finding as an ESLint report: every suggestion is offered through `suggest`; the first
 * safe one is also the `fix` that `eslint --fix` applies, but only for rules that declare
 * `fixable` (ESLint rejects fixes from any other rule).
 */
export function findingToEslintReport(finding: Finding, sourceCode: SourceCode, fixable: boolean): Report {
  const safe = fixable ? finding.suggestions.find((suggestion) => suggestion.safe) : undefined;
  return {
    messageId: finding.messageId,
    ...(finding.data ? { data: { ...finding.data } } : {}),
    loc: {
      start: offsetToEslintPosition(sourceCode, finding.start),
      end: offsetToEslintPosition(sourceCode, finding.end),
    },
    suggest: finding.suggestions.map((suggestion) => ({
      messageId: suggestion.messageId,
      ...(suggestion.data ? { data: { ...suggestion.data } } : {}),
      fix: suggestionToEslintFix(suggestion),
    })),
    ...(safe ? { fix: suggestionToEslintFix(safe) } : {}),
  };
}

function suggestionToEslintFix(suggestion: ResolvedSuggestion): TSESLint.ReportFixFunction {
  // Edits are built only here, when ESLint asks for them, as the engine contract intends.
  return (fixer) => suggestion.edits().map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.newText));
}
