import * as vscode from 'vscode';
import { DOCUMENT_SELECTOR } from './document-selector';
import { SHOW_OUTPUT_COMMAND } from './commands';
import { describeStatus, type ServerStatus } from './status-text';

export type { ServerStatus } from './status-text';

/** The status item as VS Code shows it: text, detail line and severity. */
export interface ShownStatus {
  readonly text: string;
  readonly detail: string;
  readonly level: 'info' | 'warning' | 'error';
}

const SEVERITIES = {
  info: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
} as const;

/**
 * The `{}` in the language status bar of TypeScript and JavaScript files: is asyncsense checking,
 * and with which tsconfig (or with default options, for a file outside every tsconfig)?
 */
export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly projects = new Map<string, string | null>();
  private readonly editorListener: vscode.Disposable;
  private status: ServerStatus = 'starting';
  private detail: string | undefined;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('asyncsense.status', DOCUMENT_SELECTOR);
    this.item.name = 'asyncsense';
    this.item.command = { title: 'Show Output', command: SHOW_OUTPUT_COMMAND, tooltip: 'Show the asyncsense server log' };
    this.editorListener = vscode.window.onDidChangeActiveTextEditor(() => this.render());
    this.show('starting');
  }

  show(status: ServerStatus, detail?: string): void {
    this.status = status;
    this.detail = detail;
    if (status !== 'running') this.projects.clear();
    this.render();
  }

  /** The server's word on which tsconfig checks a document (`null`: none). */
  setProject(uri: string, configFile: string | null): void {
    this.projects.set(uri, configFile);
    if (vscode.window.activeTextEditor?.document.uri.toString() === uri) this.render();
  }

  /** What the item shows now, for the active editor, read back from the item itself. */
  shown(): ShownStatus {
    const level = (Object.keys(SEVERITIES) as (keyof typeof SEVERITIES)[]).find((key) => SEVERITIES[key] === this.item.severity) ?? 'info';
    return { text: this.item.text, detail: this.item.detail ?? '', level };
  }

  dispose(): void {
    this.editorListener.dispose();
    this.item.dispose();
  }

  private render(): void {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const project = active === undefined ? undefined : this.projects.get(active);
    const look = describeStatus(this.status, project, (file) => vscode.workspace.asRelativePath(file), this.detail);
    this.item.text = look.text;
    this.item.detail = look.detail;
    this.item.busy = this.status === 'starting';
    this.item.severity = SEVERITIES[look.level];
  }
}
