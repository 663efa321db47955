import type { TSESLint } from '@typescript-eslint/utils';
import type ts from 'typescript';

/** What the engine needs from ESLint for one file: the program and that file in it. */
export interface TypeInformation {
  readonly program: ts.Program;
  readonly sourceFile: ts.SourceFile;
}

type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const HOW_TO_ENABLE = 'Enable typed linting in eslint.config.mjs: `languageOptions: { parser: tseslint.parser, '
  + 'parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } }` (tseslint from '
  + "'typescript-eslint'), and make sure the file belongs to a tsconfig.json.";

/**
 * The program and source file typescript-eslint built for the file being linted. Without them no
 * rule can run, so this throws: ESLint stops with that one error instead of a report per file.
 */
export function typeInformationFor(context: AnyRuleContext, ruleName: string): TypeInformation {
  const services = context.sourceCode.parserServices;
  const program = services?.program;
  if (!services?.esTreeNodeToTSNodeMap) {
    throw new Error(`${ruleName} needs type information, but ${context.filename} was not parsed by the `
      + `typescript-eslint parser. ${HOW_TO_ENABLE}`);
  }
  if (!program) {
    throw new Error(`${ruleName} needs type information, but the typescript-eslint parser was not asked for it `
      + `(parserOptions.projectService is not set). ${HOW_TO_ENABLE}`);
  }
  // The root of the ESTree maps to the very SourceFile it was converted from, so ESTree ranges and
  // engine offsets index the same text.
  const root = services.esTreeNodeToTSNodeMap.get(context.sourceCode.ast) as ts.Node | undefined;
  const sourceFile = root?.getSourceFile() ?? program.getSourceFile(context.filename);
  if (!sourceFile) {
    throw new Error(`${ruleName}: ${context.filename} is not part of the TypeScript program that typescript-eslint `
      + 'built for it, so it cannot be checked.');
  }
  return { program, sourceFile };
}
