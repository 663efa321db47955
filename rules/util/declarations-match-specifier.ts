import path from 'node:path';
import ts from 'typescript';
import { isDeclaredInPackage } from './is-declared-in-package';
import type { TypeOrValueSpecifier } from './specifier';

/**
 * Whether a symbol called `name`, declared by `declarations`, is the one a specifier means: the
 * name matches, and for object specifiers some declaration stands where the specifier says.
 */
export function declarationsMatchSpecifier(
  program: ts.Program,
  name: string,
  declarations: readonly ts.Declaration[],
  specifier: TypeOrValueSpecifier,
): boolean {
  if (typeof specifier === 'string') return specifier === name;
  const wanted: readonly string[] = typeof specifier.name === 'string' ? [specifier.name] : specifier.name;
  if (!wanted.includes(name)) return false;
  return declarations.some((declaration) => {
    const sourceFile = declaration.getSourceFile();
    switch (specifier.from) {
      case 'lib':
        return program.isSourceFileDefaultLibrary(sourceFile);
      case 'package':
        return isDeclaredInPackage(declaration, specifier.package);
      case 'file':
        return !program.isSourceFileDefaultLibrary(sourceFile) && !program.isSourceFileFromExternalLibrary(sourceFile)
          && !/[\\/]node_modules[\\/]/u.test(sourceFile.fileName)
          && (specifier.path === undefined || isAtPath(program, sourceFile, specifier.path));
    }
  });
}

function isAtPath(program: ts.Program, sourceFile: ts.SourceFile, wanted: string): boolean {
  const root = program.getCurrentDirectory();
  return path.resolve(root, wanted) === path.resolve(sourceFile.fileName);
}
