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
  return `\\b${name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}\\b`;
}
