import path from 'node:path';
import ts from 'typescript';
import { runRules } from '../engine';
import type { Finding, RuleFailure, RulesConfig } from '../core/types';

export interface FileReport {
  readonly fileName: string;
  readonly sourceFile: ts.SourceFile;
  readonly findings: readonly Finding[];
}

export interface ProjectReport {
  readonly files: readonly FileReport[];
  readonly failures: readonly RuleFailure[];
  /** What stopped a file or the tsconfig from being read, as the compiler says it. */
  readonly problems: readonly string[];
}

/**
 * Checks every file a tsconfig names (declaration files and node_modules excepted) with the
 * rules, as the terminal front end does.
 */
export function checkProject(tsconfigPath: string, rules: RulesConfig = {}): ProjectReport {
  const problems: string[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(path.resolve(tsconfigPath), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => void problems.push(diagnosticToText(diagnostic)),
  });
  if (!parsed) return { files: [], failures: [], problems };
  problems.push(...parsed.errors.map(diagnosticToText));
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
  const files: FileReport[] = [];
  const failures: RuleFailure[] = [];
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile || program.isSourceFileFromExternalLibrary(sourceFile)) continue;
    const result = runRules(sourceFile, program, { rules });
    failures.push(...result.failures);
    if (result.findings.length > 0) files.push({ fileName: sourceFile.fileName, sourceFile, findings: result.findings });
  }
  return { files, failures, problems };
}

function diagnosticToText(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${diagnostic.file.fileName}:${line + 1}:${character + 1}: ${message}`;
}
