/**
 * Which TypeScript the server runs on, decided before any of it is loaded (so this module imports
 * none of it). The one the server comes with, unless the client names a workspace's with
 * `--typescript <folder of the typescript package>` and that one has the compiler API asyncsense
 * is built on: 5.0 up to 6.0. TypeScript 7 has none. The VS Code extension passes the option only
 * in a trusted workspace with `asyncsense.typescript.useWorkspaceVersion` on.
 */
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

export const TYPESCRIPT_OPTION = '--typescript';

/** The TypeScript versions whose compiler API the rules can use: from 5.0 up to, not including, this. */
const OLDEST = [5, 0] as const;
const NEWEST_EXCLUSIVE = [6, 1] as const;

export interface TypescriptChoice {
  /** The module to load for `typescript`; `undefined` for the one the server comes with. */
  readonly module: string | undefined;
  /** What the output says about the choice, when the client asked for a workspace's TypeScript. */
  readonly note: string | undefined;
  /** Whether the note says that the workspace's TypeScript could not be used. */
  readonly fellBack: boolean;
}

const BUNDLED: TypescriptChoice = { module: undefined, note: undefined, fellBack: false };

/** The choice the command line asks for: the workspace's TypeScript if it can serve, else the bundled one with a note why not. */
export function chooseTypescript(argv: readonly string[]): TypescriptChoice {
  const index = argv.indexOf(TYPESCRIPT_OPTION);
  const folder = index >= 0 ? argv[index + 1] : undefined;
  if (folder === undefined) return BUNDLED;
  const fallBack = (why: string): TypescriptChoice => ({ module: undefined, note: `${why}; asyncsense uses the TypeScript it comes with.`, fellBack: true });
  let manifest: { name?: unknown; version?: unknown; main?: unknown };
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as typeof manifest;
  } catch (error) {
    return fallBack(`Cannot read the workspace's TypeScript at ${folder} (${error instanceof Error ? error.message : String(error)})`);
  }
  const version = typeof manifest.version === 'string' ? manifest.version : '';
  const [major = NaN, minor = NaN] = version.split('.').map(Number);
  if (manifest.name !== 'typescript' || Number.isNaN(major) || Number.isNaN(minor)) {
    return fallBack(`${folder} does not hold a TypeScript package with a version`);
  }
  if (compare([major, minor], NEWEST_EXCLUSIVE) >= 0) {
    return fallBack(`The workspace's TypeScript ${version} (${folder}) has no compiler API that asyncsense can use (it needs 5.0 to 6.0)`);
  }
  if (compare([major, minor], OLDEST) < 0) {
    return fallBack(`The workspace's TypeScript ${version} (${folder}) is older than 5.0, the oldest asyncsense works with`);
  }
  const main = typeof manifest.main === 'string' ? manifest.main : 'lib/typescript.js';
  return { module: path.resolve(folder, main), note: `Using the workspace's TypeScript ${version} from ${folder}.`, fellBack: false };
}

/**
 * Makes every `require('typescript')` from now on load `module`. Call it before the server's own
 * modules load, so that the server and the rules share that one TypeScript.
 */
export function useTypescript(module: string): void {
  const internals = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function (request: string, ...rest: unknown[]): string {
    return request === 'typescript' ? module : resolve.call(this, request, ...rest);
  };
}

function compare(a: readonly number[], b: readonly number[]): number {
  return a[0]! - b[0]! || a[1]! - b[1]!;
}
