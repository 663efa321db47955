import ts from 'typescript';
import { skipOuterExpressions } from './skip-outer-expressions';

/**
 * The text of a string or template written in the code, as SQL would read it: each `${…}` of a
 * template (tagged or not) becomes a `?` placeholder, so `sql\`… LIMIT ${n}\`` reads `… LIMIT ?`.
 * Anything else has no text.
 */
export function sqlText(node: ts.Expression): string | undefined {
  const value = skipOuterExpressions(node);
  const literal = ts.isTaggedTemplateExpression(value) ? value.template : value;
  if (ts.isStringLiteralLike(literal)) return literal.text;
  if (!ts.isTemplateExpression(literal)) return undefined;
  return literal.head.text + literal.templateSpans.map((span) => `?${span.literal.text}`).join('');
}
