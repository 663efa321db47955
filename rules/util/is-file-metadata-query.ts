import ts from 'typescript';
import { operationName } from './operation-name';

/** Questions about a path that the file system answers without opening it. */
const METADATA = new Set([
  'exists', 'pathExists', 'fileExists', 'dirExists', 'directoryExists', 'stat', 'lstat', 'access',
  'realpath', 'isDirectory', 'isFile', 'isSymbolicLink', 'isSymlink',
]);

/** Declarations of a file-system module: Node's `fs` and `fs/promises`, `fs-extra`, a utilities package's `fs`. */
const FILE_SYSTEM_MODULE = /[/\\](?:fs|fs-extra|graceful-fs)(?:[/\\]|\.d\.[cm]?ts$|\.[cm]?[jt]s$)/u;

/**
 * `await exists(path)`, `await fs.stat(path)`: a question about a path, declared in a file-system
 * module. It holds no file handle open, so asking it of every path at once runs out of nothing.
 * An `exists` of anything else (a cache, an object store) is not one.
 */
export function isFileMetadataQuery(checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  const name = operationName(call);
  if (name === undefined || !METADATA.has(name)) return false;
  const declaration = checker.getResolvedSignature(call)?.declaration;
  return declaration !== undefined && FILE_SYSTEM_MODULE.test(declaration.getSourceFile().fileName);
}
