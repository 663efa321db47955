import type ts from 'typescript';
import { ambientModuleName } from './ambient-module-name';

/** Declared inside `declare module "pkg"`, or in the package's own or DefinitelyTyped files. */
export function isDeclaredInPackage(declaration: ts.Node, packageName: string): boolean {
  const bare = packageName.replace(/^node:/u, '');
  // `declare module "hardhat/types/config"`: a module of the package is the package's too.
  const module = ambientModuleName(declaration);
  if (module === bare || module?.startsWith(`${bare}/`)) return true;
  const typesName = bare.startsWith('@') ? bare.slice(1).replace('/', '__') : bare;
  const fileName = declaration.getSourceFile().fileName.replaceAll('\\', '/');
  return fileName.includes(`/node_modules/${bare}/`) || fileName.includes(`/node_modules/@types/${typesName}/`);
}

/** The package whose files declare `node` (`stripe`, `@sendgrid/mail`), or undefined for the project's own code. */
export function packageOf(node: ts.Node): string | undefined {
  return /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//u.exec(node.getSourceFile().fileName.replaceAll('\\', '/'))?.[1];
}
