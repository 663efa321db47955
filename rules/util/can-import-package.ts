import ts from 'typescript';

const ES_MODULES = new Set([ts.ModuleKind.ES2015, ts.ModuleKind.ES2020, ts.ModuleKind.ES2022, ts.ModuleKind.ESNext, ts.ModuleKind.Preserve]);
const NODE_MODULES = new Set([ts.ModuleKind.Node16, ts.ModuleKind.Node18, ts.ModuleKind.Node20, ts.ModuleKind.NodeNext]);

const effective = ts as unknown as { getEmitModuleKind?(options: ts.CompilerOptions): ts.ModuleKind };
interface Resolutions {
  readonly answers: Map<string, boolean>;
  /** TypeScript's own cache of folders and package.json files, so that each folder is searched once. */
  readonly cache: ts.ModuleResolutionCache;
}

const resolutions = new WeakMap<ts.Program, Resolutions>();

/**
 * Whether `import x from '<name>'` would work in `sourceFile`: the package resolves from the
 * file's folder with the program's options, and the file is an ES module (the packages a fix
 * adds, such as `p-map`, ship only as ES modules).
 */
export function canImportPackage(program: ts.Program, sourceFile: ts.SourceFile, name: string): boolean {
  if (!isEsModule(program, sourceFile) || !ts.sys) return false;
  const key = `${sourceFile.fileName.slice(0, sourceFile.fileName.lastIndexOf('/'))}\0${name}`;
  const { answers, cache } = resolutionsOf(program);
  let result = answers.get(key);
  if (result === undefined) {
    const resolution = ts.resolveModuleName(name, sourceFile.fileName, program.getCompilerOptions(), ts.sys, cache, undefined, ts.ModuleKind.ESNext);
    result = resolution.resolvedModule !== undefined;
    answers.set(key, result);
  }
  return result;
}

function resolutionsOf(program: ts.Program): Resolutions {
  let found = resolutions.get(program);
  if (!found) {
    const canonical = ts.sys.useCaseSensitiveFileNames ? (name: string) => name : (name: string) => name.toLowerCase();
    const cache = ts.createModuleResolutionCache(program.getCurrentDirectory(), canonical, program.getCompilerOptions());
    resolutions.set(program, found = { answers: new Map(), cache });
  }
  return found;
}

function isEsModule(program: ts.Program, sourceFile: ts.SourceFile): boolean {
  if (!ts.isExternalModule(sourceFile)) return false;
  const options = program.getCompilerOptions();
  const module = effective.getEmitModuleKind?.(options) ?? options.module ?? ts.ModuleKind.CommonJS;
  if (NODE_MODULES.has(module)) return sourceFile.impliedNodeFormat === ts.ModuleKind.ESNext;
  return ES_MODULES.has(module);
}
