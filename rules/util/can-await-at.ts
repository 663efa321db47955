import ts from 'typescript';
import { isAsyncFunction } from './is-async-function';

const TOP_LEVEL_AWAIT_MODULES = new Set([
  ts.ModuleKind.ES2022, ts.ModuleKind.ESNext, ts.ModuleKind.System, ts.ModuleKind.Preserve,
  ts.ModuleKind.Node16, ts.ModuleKind.Node18, ts.ModuleKind.Node20, ts.ModuleKind.NodeNext,
]);

/**
 * Whether `await` may be written at `node`: inside an async function (not inside a nested plain
 * function, namespace or class member initialiser), or at the top level of a file that is emitted
 * as an ES module with a target that allows top-level await.
 */
export function canAwaitAt(program: ts.Program, node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      return isAsyncFunction(current);
    }
    if (ts.isModuleDeclaration(current) || ts.isClassStaticBlockDeclaration(current) || ts.isPropertyDeclaration(current)) {
      return false;
    }
    if (ts.isSourceFile(current)) return allowsTopLevelAwait(program, current);
  }
  return false;
}

/** The compiler's own effective-option functions, where this TypeScript exposes them. */
const effective = ts as unknown as {
  getEmitScriptTarget?(options: ts.CompilerOptions): ts.ScriptTarget;
  getEmitModuleKind?(options: ts.CompilerOptions): ts.ModuleKind;
};

const NODE_MODULES = new Set([ts.ModuleKind.Node16, ts.ModuleKind.Node18, ts.ModuleKind.Node20, ts.ModuleKind.NodeNext]);

function allowsTopLevelAwait(program: ts.Program, sourceFile: ts.SourceFile): boolean {
  if (!ts.isExternalModule(sourceFile)) return false;
  const options = program.getCompilerOptions();
  const target = effective.getEmitScriptTarget?.(options) ?? options.target ?? ts.ScriptTarget.ES5;
  const module = effective.getEmitModuleKind?.(options) ?? options.module ?? ts.ModuleKind.CommonJS;
  if (target < ts.ScriptTarget.ES2017 || !TOP_LEVEL_AWAIT_MODULES.has(module)) return false;
  return !NODE_MODULES.has(module) || sourceFile.impliedNodeFormat === ts.ModuleKind.ESNext;
}
