import type ts from 'typescript';
import { projectPath } from './project-path';

/** Directories that hold tests, their mocks and the data they seed, by the usual conventions. */
const TEST_DIRECTORIES = new Set(['test', 'tests', '__tests__', '__mocks__', 'testing', 'mock', 'mocks', 'e2e', 'seed', 'seeds']);

/** `user.test.ts`, `user.spec.tsx`, `app.e2e-spec.ts`, and mocks: `connectors/mock.ts`, `mailer.mock.ts`. */
const TEST_FILE = /(?:\.(?:test|spec|e2e-spec|e2e)|(?:^|\.)mocks?)\.[cm]?[jt]sx?$/u;

/** Helpers for tests, wherever they sit: `specHelper.ts`, `test-utils.ts`, `testHelpers.ts`. */
const TEST_HELPER = /^(?:spec|test)[-_]?(?:helpers?|utils?|support)\.[cm]?[jt]sx?$/iu;

/**
 * Whether a file is test code, seed data or a mock, by its path below the project's directory:
 * there one step after another is what makes a run repeatable, and the time it saves no user waits
 * for.
 */
export function isTestFile(program: ts.Program, sourceFile: ts.SourceFile): boolean {
  const { directories, name } = projectPath(program, sourceFile);
  return TEST_FILE.test(name) || TEST_HELPER.test(name) || directories.some((directory) => TEST_DIRECTORIES.has(directory));
}
