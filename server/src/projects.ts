import ts from 'typescript';
import type { TextEdit } from 'eslint-plugin-asyncsense/engine';
import { logToTsserverLogger, type Log } from './log';
import { createWatchingHost, type FileChange, type WatchingHost } from './watching-host';

export interface AnalysedFile {
  readonly program: ts.Program;
  readonly sourceFile: ts.SourceFile;
  /** The tsconfig.json (or jsconfig.json) whose program checks the file; none for a loose file in an inferred project. */
  readonly configFile: string | undefined;
}

export interface ProjectsOptions {
  /** Where TypeScript's `lib.*.d.ts` files are. */
  readonly libDirectory: string;
  /** Called when the project service re-checked projects on its own (after disk changes). */
  readonly onProjectsUpdated: (fileNames: readonly string[]) => void;
}

const NEVER_CANCELLED: ts.HostCancellationToken = { isCancellationRequested: () => false };

/** Options for files outside any tsconfig: permissive, so loose scripts still get types. */
const INFERRED_PROJECT_OPTIONS: ts.server.protocol.InferredProjectCompilerOptions = {
  allowJs: true,
  allowNonTsExtensions: true,
  allowSyntheticDefaultImports: true,
  module: ts.server.protocol.ModuleKind.ESNext,
  moduleResolution: ts.server.protocol.ModuleResolutionKind.Bundler,
  target: ts.server.protocol.ScriptTarget.ES2022,
  jsx: ts.server.protocol.JsxEmit.ReactJSX,
  strict: true,
};

const SCRIPT_KINDS: Readonly<Record<string, ts.ScriptKind>> = {
  typescript: ts.ScriptKind.TS,
  typescriptreact: ts.ScriptKind.TSX,
  javascript: ts.ScriptKind.JS,
  javascriptreact: ts.ScriptKind.JSX,
};

/**
 * The programs behind open documents, from tsserver's own project system: a tsconfig per file,
 * project references, an inferred project for loose files, one document registry for all of them.
 * Open documents live in memory and are edited in place, so a keystroke updates the program
 * incrementally instead of rebuilding it.
 */
export class Projects {
  private readonly service: ts.server.ProjectService;
  private readonly watching: WatchingHost;
  /** The workspace folder each open file was opened under, for opening it again. */
  private readonly workspaceRoots = new Map<string, string | undefined>();

  constructor(private readonly log: Log, options: ProjectsOptions) {
    this.watching = createWatchingHost(options.libDirectory);
    this.service = new ts.server.ProjectService({
      host: this.watching.host,
      logger: logToTsserverLogger(log),
      cancellationToken: NEVER_CANCELLED,
      useSingleInferredProject: false,
      useInferredProjectPerProjectRoot: false,
      globalPlugins: [],
      pluginProbeLocations: [],
      allowLocalPluginLoads: false,
      session: undefined,
      eventHandler: (event) => this.onProjectServiceEvent(event, options),
    });
    this.service.setHostConfiguration({
      preferences: { includePackageJsonAutoImports: 'off', includeCompletionsForModuleExports: false },
    });
    this.service.setCompilerOptionsForInferredProjects(INFERRED_PROJECT_OPTIONS);
  }

  open(fileName: string, text: string, languageId: string, workspaceRoot: string | undefined): void {
    this.workspaceRoots.set(fileName, workspaceRoot);
    this.withinStack(fileName, () => this.service.openClientFile(fileName, text, SCRIPT_KINDS[languageId], workspaceRoot), undefined);
  }

  /** Applies edits, in order, each in offsets of the text the previous one left. */
  edit(fileName: string, edits: readonly TextEdit[]): void {
    const info = this.service.getScriptInfo(fileName);
    if (!info?.isScriptOpen()) throw new Error(`${fileName} is not open`);
    for (const { start, end, newText } of edits) info.editContent(start, end, newText);
  }

  close(fileName: string): void {
    this.workspaceRoots.delete(fileName);
    this.service.closeClientFile(fileName);
  }

  /** Feeds the client's file events to the project service's watchers. */
  notifyFileChanges(changes: readonly FileChange[]): boolean {
    return this.watching.notifyFileChanges(changes);
  }

  /** The up-to-date program of an open file's default project, or `undefined` with a logged reason. */
  analyse(fileName: string): AnalysedFile | undefined {
    try {
      return this.analyseOnce(fileName);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('Debug Failure.')) throw error;
      // TypeScript's incremental parser tripped over an edit of some open file of the project, and
      // keeps refusing the file it left half updated: parse the open files again from their text.
      this.log.once('warn', `${fileName}: TypeScript failed to apply an edit (${error.message}); open files are parsed again from their full text.`);
      this.reopenAll();
      return this.analyseOnce(fileName);
    }
  }

  /** Closes every open file and opens it again with the text it has, so TypeScript parses it afresh. */
  private reopenAll(): void {
    const open = [...this.service.openFiles.keys()].map((path) => this.service.getScriptInfoForPath(path)).filter((info) => info !== undefined);
    const texts = open.map((info) => {
      const snapshot = info.getSnapshot();
      return { fileName: info.fileName, text: snapshot.getText(0, snapshot.getLength()), kind: info.scriptKind };
    });
    for (const { fileName } of texts) this.service.closeClientFile(fileName);
    for (const { fileName, text, kind } of texts) this.service.openClientFile(fileName, text, kind, this.workspaceRoots.get(fileName));
  }

  private analyseOnce(fileName: string): AnalysedFile | undefined {
    const info = this.withinStack(fileName, () => this.service.getScriptInfoEnsuringProjectsUptoDate(fileName), undefined);
    if (!info) return undefined;
    const project = this.service.getDefaultProjectForFile(info.fileName, true);
    if (!project) {
      this.log.once('warn', `${fileName}: no TypeScript project could be made for this file; it is not checked.`);
      return undefined;
    }
    if (!project.languageServiceEnabled) {
      this.log.once('warn', `${fileName}: TypeScript disabled the language service of ${project.getProjectName()}`
        + ' (too many or too large JavaScript files); this file is not checked.');
      return undefined;
    }
    if (project.projectKind === ts.server.ProjectKind.Inferred) {
      this.log.once('info', `${fileName} is not part of any tsconfig.json; it is checked with default compiler options.`);
    }
    const program = project.getLanguageService(true).getProgram();
    const sourceFile = program?.getSourceFile(info.fileName);
    if (!program || !sourceFile) {
      this.log.once('warn', `${fileName}: TypeScript has no program for this file; it is not checked.`);
      return undefined;
    }
    const configFile = project.projectKind === ts.server.ProjectKind.Configured ? project.getProjectName() : undefined;
    return { program, sourceFile, configFile };
  }

  /**
   * TypeScript's parser, binder and checker recurse, and code nested a few thousand deep overflows
   * the stack in them. The project of such a file cannot be built; the file is named and the
   * server goes on, and the next change to the file tries again.
   */
  private withinStack<T>(fileName: string, work: () => T, fallback: T): T {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof RangeError) || !/call stack/u.test(error.message)) throw error;
      this.log.once('warn', `${fileName}: TypeScript ran out of stack building this file's project (${error.message}): `
        + 'a file in it is nested too deeply for its parser. The project is not checked until that file changes.');
      return fallback;
    }
  }

  /** The other open files that share a project with `fileName`, and so may depend on it. */
  openDependents(fileName: string): string[] {
    const projects = this.service.getScriptInfo(fileName)?.containingProjects ?? [];
    const dependents: string[] = [];
    for (const path of this.service.openFiles.keys()) {
      const info = this.service.getScriptInfoForPath(path);
      if (!info || info.fileName === fileName) continue;
      if (info.containingProjects.some((project) => projects.includes(project))) dependents.push(info.fileName);
    }
    return dependents;
  }

  private onProjectServiceEvent(event: ts.server.ProjectServiceEvent, options: ProjectsOptions): void {
    if (event.eventName === ts.server.ConfigFileDiagEvent) {
      const { configFileName, diagnostics } = event.data;
      if (diagnostics.length === 0) return;
      const problems = diagnostics.map((diagnostic) => diagnosticToText(diagnostic, configFileName));
      this.log.once('warn', `Problem in ${configFileName}: ${problems.join('; ')}. Its files are checked with the settings that could be read.`);
    } else if (event.eventName === ts.server.ProjectsUpdatedInBackgroundEvent) {
      options.onProjectsUpdated(event.data.openFiles);
    }
  }
}

/** `(line,column) message`, with the file named when it is not the tsconfig itself (an extended one). */
function diagnosticToText(diagnostic: ts.Diagnostic, configFileName: string): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/\.$/u, '');
  if (!diagnostic.file || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const file = diagnostic.file.fileName === configFileName ? '' : diagnostic.file.fileName;
  return `${file}(${line + 1},${character + 1}) ${message}`;
}
