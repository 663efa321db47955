import ts from 'typescript';
import { operationName } from './operation-name';

/**
 * What the file system does to a path without reading or writing what a file holds: questions
 * (`exists`, `stat`, `access`) and changes to the tree (`unlink`, `rm`, `mkdir`, `rename`).
 */
const PATH_OPERATIONS = new Set([
  'exists', 'pathExists', 'fileExists', 'dirExists', 'directoryExists', 'stat', 'lstat', 'access',
  'realpath', 'readlink', 'isDirectory', 'isFile', 'isSymbolicLink', 'isSymlink',
  'unlink', 'rm', 'rmdir', 'remove', 'mkdir', 'mkdirp', 'mkdirs', 'ensureDir', 'rename', 'chmod', 'chown',
  'lchown', 'utimes', 'lutimes', 'symlink', 'link',
]);

/** Declarations of a file-system module: Node's `fs` and `fs/promises`, `fs-extra`, a utilities package's `fs`. */
const FILE_SYSTEM_MODULE = /[/\\](?:fs|fs-extra|graceful-fs)(?:[/\\]|\.d\.[cm]?ts$|\.[cm]?[jt]s$)/u;

/**
 * `await exists(path)`, `await fs.stat(path)`, `await unlink(path)`: an operation on a path,
 * declared in a file-system module. It holds no file handle open, so running it on every path at
 * once runs out of nothing, and the kernel answers it from its caches in microseconds, so running
 * it beside other work saves nothing worth a rewrite. An `exists` or a `remove` of anything else
 * (a cache, an object store) is not one.
 */
export function isPathOperation(checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  const name = operationName(call);
  if (name === undefined || !PATH_OPERATIONS.has(name)) return false;
  const declaration = checker.getResolvedSignature(call)?.declaration;
  return declaration !== undefined && FILE_SYSTEM_MODULE.test(declaration.getSourceFile().fileName);
}

/** `paths.map(stat)`, `files.map(fs.unlink)`: a path operation handed on by reference. */
export function namesPathOperation(checker: ts.TypeChecker, reference: ts.Identifier | ts.PropertyAccessExpression): boolean {
  const name = ts.isIdentifier(reference) ? reference.text : reference.name.text;
  if (!PATH_OPERATIONS.has(name)) return false;
  const declarations = checker.getTypeAtLocation(reference).getCallSignatures().map((signature) => signature.declaration);
  return declarations.length > 0
    && declarations.every((declaration) => declaration !== undefined && FILE_SYSTEM_MODULE.test(declaration.getSourceFile().fileName));
}
