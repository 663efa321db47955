import ts from 'typescript';

/** The names a declaration binds: `user`, or each part of `{ id, mutation }` and `[key, [a, b]]`. */
export function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundNames(element.name)));
}
