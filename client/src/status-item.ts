import * as vscode from 'vscode';
import { DOCUMENT_SELECTOR } from './document-selector';
import { SHOW_OUTPUT_COMMAND } from './commands';

export type ServerStatus = 'starting' | 'running' | 'stopped' | 'crashed';

/** The `{}` in the language status bar of TypeScript and JavaScript files: is asyncsense checking? */
export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('asyncsense.status', DOCUMENT_SELECTOR);
    this.item.name = 'asyncsense';
    this.item.command = { title: 'Show Output', command: SHOW_OUTPUT_COMMAND, tooltip: 'Show the asyncsense server log' };
    this.show('starting');
  }

  show(status: ServerStatus, detail?: string): void {
    const look = STATUS_LOOKS[status];
    this.item.text = look.text;
    this.item.detail = detail ?? look.detail;
    this.item.busy = status === 'starting';
    this.item.severity = status === 'crashed'
      ? vscode.LanguageStatusSeverity.Error
      : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item.dispose();
  }
}

const STATUS_LOOKS: Record<ServerStatus, { text: string; detail: string }> = {
  starting: { text: 'asyncsense', detail: 'server starting' },
  running: { text: 'asyncsense', detail: 'server running' },
  stopped: { text: 'asyncsense: stopped', detail: 'server stopped' },
  crashed: { text: 'asyncsense: crashed', detail: 'server stopped after a crash; see the output' },
};
