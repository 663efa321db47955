import type { TypeOrValueSpecifier } from './specifier';

/** The names specifiers give, for a text search before any type query. */
export function specifierNames(specifiers: readonly TypeOrValueSpecifier[]): string[] {
  return specifiers.flatMap((specifier) => {
    if (typeof specifier === 'string') return [specifier];
    return typeof specifier.name === 'string' ? [specifier.name] : [...specifier.name];
  });
}

/** A pattern source that matches `name` as a whole word. */
export function wordPattern(name: string): string {
  return `\\b${escapePattern(name)}\\b`;
}

/**
 * A pattern source that matches an import of one of the modules (`'bullmq'`, `"@azure/service-bus"`,
 * `'bullmq/dist/esm'`): the name in quotes, as `from` and `require` write it.
 */
export function modulePattern(names: readonly string[]): string {
  return `['"\`](?:${names.map(escapePattern).join('|')})['"\`/]`;
}

function escapePattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
