import ts from 'typescript';

/**
 * Whether `node` lies in a function, method or class that its maintainers mark `@deprecated`:
 * code kept for old callers until it goes, which no one will rework to run faster.
 */
export function isInDeprecatedCode(node: ts.Node): boolean {
  for (let current = node.parent; current !== undefined && !ts.isSourceFile(current); current = current.parent) {
    if ((ts.isFunctionLike(current) || ts.isClassLike(current)) && isDeprecated(current)) return true;
  }
  return false;
}

function isDeprecated(declaration: ts.Node): boolean {
  let answer = answers.get(declaration);
  if (answer === undefined) answers.set(declaration, answer = ts.getJSDocDeprecatedTag(declaration) !== undefined);
  return answer;
}

/** Answers per function and class: every loop, call and block inside one asks again. */
const answers = new WeakMap<ts.Node, boolean>();
