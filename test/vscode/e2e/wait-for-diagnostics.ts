import * as vscode from 'vscode';

export const SOURCE = 'asyncsense';

/** The asyncsense diagnostics among a file's diagnostics (the built-in TypeScript ones are there too). */
export function asyncsenseDiagnostics(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.source === SOURCE);
}

/**
 * Resolves with the file's diagnostics as soon as `accept` holds for them: checked now, then on every
 * change the editor announces for that file. Rejects after `timeoutMs`, naming what it waited for.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  accept: (asyncsense: vscode.Diagnostic[]) => boolean,
  timeoutMs = 90_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const current = (): vscode.Diagnostic[] => asyncsenseDiagnostics(vscode.languages.getDiagnostics(uri));
    const finish = (): void => {
      subscription.dispose();
      clearTimeout(timer);
    };
    const check = (): void => {
      const diagnostics = current();
      if (!accept(diagnostics)) return;
      finish();
      resolve(diagnostics);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      const seen = current().map((d) => `${codeOf(d)} "${d.message}"`).join('; ') || 'none';
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; asyncsense diagnostics now: ${seen}`));
    }, timeoutMs);
    check();
  });
}

/** Waits for the file's asyncsense diagnostics to go away and then come back (a server restart). */
export async function waitForDiagnosticsToReturn(uri: vscode.Uri, trigger: () => Thenable<unknown>): Promise<vscode.Diagnostic[]> {
  const cleared = waitForDiagnostics(uri, 'the diagnostics to clear when the server stops', (d) => d.length === 0);
  await trigger();
  await cleared;
  return waitForDiagnostics(uri, 'the diagnostics to come back from the restarted server', (d) => d.length > 0);
}

export function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  const { code } = diagnostic;
  return typeof code === 'object' ? code.value : code;
}
