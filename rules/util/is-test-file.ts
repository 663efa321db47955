import ts from 'typescript';
import { projectPath } from './project-path';

/** Directories that hold tests, their mocks and the data they seed, by the usual conventions. */
const TEST_DIRECTORIES = new Set(['test', 'tests', '__tests__', '__mocks__', 'testing', 'mock', 'mocks', 'e2e', 'seed', 'seeds']);

/** Directories of helpers for tests: `test-helpers`, `test_utils`, `testSupport`. */
const TEST_HELPER_DIRECTORY = /^(?:spec|test)s?[-_]?(?:helpers?|utils?|support|data)$/iu;

/** `user.test.ts`, `user.spec.tsx`, `app.e2e-spec.ts`, and mocks: `connectors/mock.ts`, `mailer.mock.ts`. */
const TEST_FILE = /(?:\.(?:test|spec|e2e-spec|e2e)|(?:^|\.)mocks?)\.[cm]?[jt]sx?$/u;

/** Helpers for tests, wherever they sit: `specHelper.ts`, `test-utils.ts`, `testHelpers.ts`. */
const TEST_HELPER = /^(?:spec|test)[-_]?(?:helpers?|utils?|support)\.[cm]?[jt]sx?$/iu;

/** The calls that declare a test or a group of them in Jest, Mocha, Vitest, `node:test` and the like. */
const TEST_DECLARATIONS = new Set(['describe', 'it', 'test', 'suite']);

/** Where a file may import those from and still be declaring tests. */
const TEST_PACKAGES = /^(?:vitest|@jest\/globals|node:test|mocha|bun:test|tap|ava|uvu)(?:\/|$)/u;

/**
 * Whether a file is test code, seed data or a mock: by its path below the project's directory, or
 * because it declares tests (`it('adds txs', async () => …)`), as a shared suite that other test
 * files run does (`tx_pool_test_suite.ts`). There one step after another is what makes a run
 * repeatable, and the time it saves no user waits for.
 */
export function isTestFile(program: ts.Program, sourceFile: ts.SourceFile): boolean {
  const { directories, name } = projectPath(program, sourceFile);
  return TEST_FILE.test(name) || TEST_HELPER.test(name)
    || directories.some((directory) => TEST_DIRECTORIES.has(directory) || TEST_HELPER_DIRECTORY.test(directory))
    || declaresTests(sourceFile);
}

/**
 * `it('name', () => …)`, `describe('name', …)`: a call of a test framework's global (one the file
 * does not declare itself) or of one imported from a test package, given a name and a function.
 */
function declaresTests(sourceFile: ts.SourceFile): boolean {
  let answer = answers.get(sourceFile);
  if (answer === undefined) {
    answer = /\b(?:describe|it|test|suite)\s*\(/u.test(sourceFile.text) && containsTestDeclaration(sourceFile);
    answers.set(sourceFile, answer);
  }
  return answer;
}

const answers = new WeakMap<ts.SourceFile, boolean>();

function containsTestDeclaration(sourceFile: ts.SourceFile): boolean {
  const calls: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && TEST_DECLARATIONS.has(node.expression.text)) {
      const [label, body] = node.arguments;
      if (label && ts.isStringLiteralLike(label) && body && (ts.isArrowFunction(body) || ts.isFunctionExpression(body))) {
        calls.push(node.expression.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (calls.length === 0) return false;
  const declared = namesDeclaredOutsideTestPackages(sourceFile);
  return calls.some((name) => !declared.has(name));
}

/** The test declarations' names the file imports from elsewhere than a test package, or declares. */
function namesDeclaredOutsideTestPackages(sourceFile: ts.SourceFile): Set<string> {
  const declared = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const from = ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : '';
      if (TEST_PACKAGES.test(from)) return;
    }
    const name = (node as { name?: ts.Node }).name;
    const declares = ts.isFunctionDeclaration(node) || ts.isVariableDeclaration(node) || ts.isParameter(node)
      || ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isBindingElement(node);
    if (declares && name && ts.isIdentifier(name) && TEST_DECLARATIONS.has(name.text)) declared.add(name.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return declared;
}
