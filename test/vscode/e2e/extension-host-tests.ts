/**
 * Runs inside the real VS Code extension host (code-server), with the asyncsense .vsix installed the
 * way a user installs it. `run()` throwing fails the run. Progress lines start with `E2E ` so the
 * driver and the mocha test around it can pick them out of the workbench log.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { asyncsenseDiagnostics, codeOf, waitForDiagnostics, waitForDiagnosticsToReturn } from './wait-for-diagnostics';

const EXTENSION_ID = 'asyncsense.asyncsense';
const RULE_ID = 'no-floating-promises';

export async function run(): Promise<void> {
  try {
    await runScenario();
    report('all checks passed');
  } catch (error) {
    report(`FAILED: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    throw error;
  }
}

async function runScenario(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  assertInstalledFromPackage(extension.extensionPath);
  report(`extension installed from the package at ${extension.extensionPath}`);

  const uri = findInvalidFixture();
  const document = await openAndWaitForDiagnostic(uri);
  assert.ok(extension.isActive, 'opening a TypeScript file did not activate the extension');
  await checkRestartAndCrashRecovery(uri);
  await enableTrace();
  await checkQuickFix(document);
  await checkDiskChangeReachesServer(path.dirname(uri.fsPath));
  await checkEditReachesDependent(path.dirname(uri.fsPath));
  await checkDisableForLine(vscode.Uri.file(path.join(path.dirname(uri.fsPath), 'e2e-caller.ts')));
  await checkSettingRelints(vscode.Uri.file(path.join(path.dirname(uri.fsPath), 'e2e-caller.ts')));
  await checkFixAllOnSave(path.dirname(uri.fsPath));
  await checkStatusItem(extension.exports as StatusApi, uri);
  await checkWorkspaceTypescript(vscode.Uri.file(path.join(path.dirname(uri.fsPath), 'e2e-caller.ts')));
}

/**
 * `asyncsense.typescript.useWorkspaceVersion` (the workspace is trusted: trust is off in this run)
 * restarts the server with `--typescript <workspace>/node_modules/typescript`, here a TypeScript
 * 5.9 linked from the repository's dev dependencies, which checks the open file (one with a
 * finding left); off, it restarts without.
 */
async function checkWorkspaceTypescript(uri: vscode.Uri): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const typescript = path.join(folder, 'node_modules', 'typescript');
  fs.mkdirSync(path.dirname(typescript), { recursive: true });
  // The workspace lies in the repository's .e2e/ folder.
  fs.symlinkSync(path.resolve(folder, '..', '..', 'node_modules', 'typescript-5'), typescript, 'dir');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  const configuration = vscode.workspace.getConfiguration('asyncsense');
  await waitForDiagnosticsToReturn(uri, () => configuration.update('typescript.useWorkspaceVersion', true, vscode.ConfigurationTarget.Global));
  await waitForServer((args) => args.includes(`--typescript\0${typescript}\0`), 'a server started with --typescript');
  await waitForDiagnosticsToReturn(uri, () => configuration.update('typescript.useWorkspaceVersion', undefined, vscode.ConfigurationTarget.Global));
  await waitForServer((args) => !args.includes('--typescript'), 'a server started without --typescript');
  report(`asyncsense.typescript.useWorkspaceVersion restarted the server on the workspace's TypeScript (--typescript ${typescript}) and back`);
}

/** The command line of the one server process under this extension host, once `accept` holds for it. */
async function waitForServer(accept: (commandLine: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = serverProcesses().map((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    if (lines.length === 1 && accept(lines[0]!)) return lines[0]!;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; server command lines: ${JSON.stringify(lines)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The part of the extension's exports this scenario reads. */
interface StatusApi {
  status(): { text: string; detail: string; level: string };
}

/**
 * The language status item names the tsconfig that checks the active file, and warns when no
 * tsconfig includes it (`*.snap.ts` is excluded by the workspace's tsconfig).
 */
async function checkStatusItem(api: StatusApi, included: vscode.Uri): Promise<void> {
  assert.equal(typeof api?.status, 'function', 'the extension exports no status()');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(included), { preview: false });
  const inProject = await waitForStatus(api, 'the tsconfig of an included file', (shown) => shown.detail === 'server running, tsconfig.json');
  assert.equal(inProject.level, 'info');
  const loose = vscode.Uri.file(path.join(path.dirname(included.fsPath), 'e2e-loose.snap.ts'));
  fs.writeFileSync(loose.fsPath, 'export const answer = 42;\n');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(loose), { preview: false });
  const outside = await waitForStatus(api, 'the note for a file outside every tsconfig', (shown) => /no tsconfig\.json includes this file/u.test(shown.detail));
  assert.equal(outside.level, 'warning');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(included), { preview: false });
  await waitForStatus(api, 'the tsconfig again when the included file is active', (shown) => shown.detail === 'server running, tsconfig.json');
  report(`status item: "${inProject.detail}" for an included file, "${outside.detail}" (${outside.level}) for a loose one`);
}

/** Polls the status item (it has no change event) until `accept` holds. */
async function waitForStatus(api: StatusApi, what: string, accept: (shown: ReturnType<StatusApi['status']>) => boolean, timeoutMs = 60_000): Promise<ReturnType<StatusApi['status']>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = api.status();
    if (accept(shown)) return shown;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; the status item shows ${JSON.stringify(shown)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * With `source.fixAll.asyncsense` in `editor.codeActionsOnSave`, saving applies the safe fixes: a
 * blocking read in an async function becomes an awaited `readFile` from `node:fs/promises`.
 */
async function checkFixAllOnSave(folder: string): Promise<void> {
  const uri = vscode.Uri.file(path.join(folder, 'e2e-templates.ts'));
  fs.writeFileSync(uri.fsPath, [
    "import { readFileSync } from 'node:fs';",
    '',
    'export async function loadTemplate(name: string): Promise<string> {',
    '  const text = readFileSync(`${name}.html`, \'utf8\');',
    '  return text.trim();',
    '}',
    '',
  ].join('\n'));
  const rule = 'no-blocking-io';
  await vscode.workspace.getConfiguration('asyncsense').update('rules', { [rule]: ['warn', { checkAsyncFunctions: true }] }, vscode.ConfigurationTarget.Global);
  await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', { 'source.fixAll.asyncsense': 'explicit' }, vscode.ConfigurationTarget.Global);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  await waitForDiagnostics(uri, `a ${rule} diagnostic to fix on save`, (d) => d.some((x) => codeOf(x) === rule));
  const cleared = waitForDiagnostics(uri, `the ${rule} diagnostic to go after fix-all on save`, (d) => !d.some((x) => codeOf(x) === rule));
  // Saving through the command is an explicit save, the kind `"explicit"` code actions run on.
  await vscode.commands.executeCommand('workbench.action.files.save');
  await cleared;
  const saved = fs.readFileSync(uri.fsPath, 'utf8');
  assert.match(saved, /^import \{ readFile \} from 'node:fs\/promises';$/mu, `fix-all on save did not import readFile:\n${saved}`);
  assert.match(saved, /const text = await readFile\(`\$\{name\}\.html`, 'utf8'\);/u, `fix-all on save did not await readFile:\n${saved}`);
  assert.equal(saved, document.getText(), 'the fixed text is not what was saved');
  await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global);
  await vscode.workspace.getConfiguration('asyncsense').update('rules', undefined, vscode.ConfigurationTarget.Global);
  report('fix-all on save applied the safe fix: await readFile from node:fs/promises');
}

/**
 * An edit in the editor, not yet saved, to a function another open file calls: the dependent is
 * checked again (the server asks VS Code to pull its diagnostics anew) and gets the finding.
 */
async function checkEditReachesDependent(folder: string): Promise<void> {
  const library = vscode.Uri.file(path.join(folder, 'e2e-library.ts'));
  const user = vscode.Uri.file(path.join(folder, 'e2e-user.ts'));
  fs.writeFileSync(library.fsPath, 'export function load(): number {\n  return 1;\n}\n');
  fs.writeFileSync(user.fsPath, [
    "import { load } from './e2e-library';",
    '',
    'const save = async (): Promise<void> => {};',
    '',
    'export async function start(): Promise<void> {',
    '  load();',
    '  save();',
    '}',
    '',
  ].join('\n'));
  const libraryDocument = await vscode.workspace.openTextDocument(library);
  await vscode.window.showTextDocument(libraryDocument, { preview: false });
  const checked = waitForDiagnostics(user, 'the dependent\'s one diagnostic (save())', (d) => d.length === 1);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(user), { preview: false });
  // One finding proves the server has checked the dependent against the synchronous `load`.
  await checked;
  const appeared = waitForDiagnostics(user, 'a second diagnostic in the open dependent after its dependency was edited', (d) => d.length === 2);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(library, new vscode.Range(0, 0, 3, 0), 'export async function load(): Promise<number> {\n  return 1;\n}\n');
  assert.ok(await vscode.workspace.applyEdit(edit), 'editing the library was rejected');
  assert.ok(libraryDocument.isDirty, 'the library edit is expected to stay unsaved');
  const lines = (await appeared).map((diagnostic) => diagnostic.range.start.line).sort();
  assert.deepEqual(lines, [5, 6]);
  report('an unsaved edit to an open file re-checked the open file that imports it');
}

/** "Disable … for this line" inserts the comment above the line, and the diagnostic goes. */
async function checkDisableForLine(uri: vscode.Uri): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  const diagnostics = await waitForDiagnostics(uri, 'a diagnostic to disable', (d) => d.length > 0);
  const target = diagnostics[0]!;
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value, 20,
  );
  const disable = actions.find((action): action is vscode.CodeAction => 'kind' in action && /disable/iu.test(action.title));
  assert.ok(disable?.edit, 'no "disable for this line" action with an edit');
  const cleared = waitForDiagnostics(uri, 'the disabled diagnostic to go', (d) => d.length === diagnostics.length - 1);
  await applyCodeAction(disable);
  assert.match(document.lineAt(target.range.start.line).text, /disable-next-line/u, 'no disable comment above the line');
  await cleared;
  report(`disable for this line applied: ${disable.title}`);
}

/** Turning the rule off in the settings re-checks the open files; turning it back on brings the findings back. */
async function checkSettingRelints(uri: vscode.Uri): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('asyncsense');
  await waitForDiagnostics(uri, 'a diagnostic before the setting changes', (d) => d.some((x) => codeOf(x) === RULE_ID));
  const gone = waitForDiagnostics(uri, `the ${RULE_ID} diagnostics to go when the rule is turned off`, (d) => !d.some((x) => codeOf(x) === RULE_ID));
  await configuration.update('rules', { [RULE_ID]: 'off' }, vscode.ConfigurationTarget.Global);
  await gone;
  const back = waitForDiagnostics(uri, `the ${RULE_ID} diagnostics to return when the setting is removed`, (d) => d.some((x) => codeOf(x) === RULE_ID));
  await configuration.update('rules', undefined, vscode.ConfigurationTarget.Global);
  await back;
  report('changing asyncsense.rules re-checked the open file, both ways');
}

async function openAndWaitForDiagnostic(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const shown = waitForDiagnostics(uri, `a ${RULE_ID} diagnostic`, (d) => d.some((x) => codeOf(x) === RULE_ID));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const diagnostic = (await shown).find((d) => codeOf(d) === RULE_ID)!;
  assertDiagnosticLinksToDocs(diagnostic);
  report(`diagnostic shown: ${codeOf(diagnostic)} at line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
  return document;
}

async function checkRestartAndCrashRecovery(uri: vscode.Uri): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  for (const id of ['asyncsense.restartServer', 'asyncsense.showOutput']) {
    assert.ok(commands.includes(id), `command ${id} is not registered`);
  }
  await waitForDiagnosticsToReturn(uri, () => vscode.commands.executeCommand('asyncsense.restartServer'));
  report('diagnostics came back after asyncsense.restartServer');
  await waitForDiagnosticsToReturn(uri, async () => killServerProcess());
  report('diagnostics came back after the server process was killed');
  await vscode.commands.executeCommand('asyncsense.showOutput');
  report('asyncsense.showOutput ran');
}

/** Applies the first asyncsense quick fix, saves, and waits for that diagnostic to go. */
async function checkQuickFix(document: vscode.TextDocument): Promise<void> {
  const diagnostics = asyncsenseDiagnostics(vscode.languages.getDiagnostics(document.uri));
  const target = diagnostics.find((d) => codeOf(d) === RULE_ID);
  assert.ok(target, `the ${RULE_ID} diagnostic is gone before the fix`);
  const fix = await findQuickFix(document.uri, target);
  report(`quick fix offered: ${fix.title}`);
  const before = diagnostics.length;
  const cleared = waitForDiagnostics(document.uri, 'the fixed diagnostic to clear', (d) => d.length === before - 1);
  const textBefore = document.getText();
  await applyCodeAction(fix);
  assert.notEqual(document.getText(), textBefore, 'the quick fix changed nothing');
  assert.ok(await document.save(), 'saving the fixed file failed');
  assert.equal(fs.readFileSync(document.uri.fsPath, 'utf8'), document.getText(), 'the fix is not on disk');
  report('quick fix applied and saved');
  await cleared;
  report(`diagnostic cleared after the quick fix (${before} -> ${before - 1})`);
}

/**
 * A change made outside the editor (a branch switch, a code generator) reaches the server through
 * the file watchers: a function in a file that is not open starts returning a promise, and the open
 * file that calls it gets the diagnostic.
 */
async function checkDiskChangeReachesServer(folder: string): Promise<void> {
  const helper = path.join(folder, 'e2e-helper.ts');
  const caller = vscode.Uri.file(path.join(folder, 'e2e-caller.ts'));
  fs.writeFileSync(helper, 'export function refresh(): void {}\n');
  fs.writeFileSync(caller.fsPath, [
    "import { refresh } from './e2e-helper';",
    '',
    'const save = async (): Promise<void> => {};',
    '',
    'export function onClick(): void {',
    '  refresh();',
    '  save();',
    '}',
    '',
  ].join('\n'));
  const checked = waitForDiagnostics(caller, 'the caller\'s one diagnostic (save())', (d) => d.length === 1);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(caller));
  // One finding proves the server has checked the caller against the synchronous helper, so the
  // second can only come from the change on disk.
  await checked;
  const appeared = waitForDiagnostics(caller, 'a second diagnostic in the open caller after its dependency changed on disk',
    (d) => d.length === 2);
  fs.writeFileSync(helper, 'export async function refresh(): Promise<void> {}\n');
  await appeared;
  report('a change on disk to a closed file re-checked the open file that imports it');
}

/**
 * Turns on `asyncsense.trace.server`, so the messages of the quick fix round trip land in the output
 * channel; the runner prints that log and the mocha side looks for them.
 */
async function enableTrace(): Promise<void> {
  await vscode.workspace.getConfiguration('asyncsense').update('trace.server', 'messages', vscode.ConfigurationTarget.Global);
  report('asyncsense.trace.server set to messages');
}

/**
 * Kills the language server the way a crash would (SIGKILL, no shutdown): the server is the child of
 * this extension host that runs the package's dist/server.js.
 */
function killServerProcess(): void {
  const servers = serverProcesses();
  assert.equal(servers.length, 1, `expected one asyncsense server process under the extension host, found ${servers.length}`);
  process.kill(Number(servers[0]), 'SIGKILL');
  report(`killed the server process ${servers[0]}`);
}

/** The processes under this extension host that run the package's dist/server.js. */
function serverProcesses(): string[] {
  return fs.readdirSync('/proc').filter((entry) => /^\d+$/u.test(entry)).filter((pid) => {
    try {
      const parent = /^\d+ \(.*\) \S (\d+)/u.exec(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
      return parent === String(process.pid) && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/server.js');
    } catch {
      return false; // the process ended while we looked
    }
  });
}

/** The packaged extension lives in the extensions folder as publisher.name-version and has no sources. */
function assertInstalledFromPackage(extensionPath: string): void {
  assert.match(path.basename(extensionPath), /^asyncsense\.asyncsense-\d+\.\d+\.\d+$/u, `not an installed extension: ${extensionPath}`);
  assert.ok(fs.existsSync(path.join(extensionPath, 'dist', 'server.js')), 'the package has no dist/server.js');
  assert.ok(!fs.existsSync(path.join(extensionPath, 'client')), 'the package carries the client sources');
}

function findInvalidFixture(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  const name = fs.readdirSync(folder.uri.fsPath).find((file) => /^invalid-.+\.ts$/u.test(file));
  assert.ok(name, `no invalid-*.ts fixture in ${folder.uri.fsPath}`);
  return vscode.Uri.joinPath(folder.uri, name);
}

function assertDiagnosticLinksToDocs(diagnostic: vscode.Diagnostic): void {
  const { code } = diagnostic;
  assert.ok(typeof code === 'object', 'the diagnostic has no code with a documentation link');
  assert.match(code.target.toString(), new RegExp(`${RULE_ID}\\.md$`, 'u'));
}

/**
 * The asyncsense quick fix at the diagnostic, not the "disable for this line" action. The API command
 * drops `diagnostics` from the actions it returns, so the mocha side checks the title against the
 * rule's messages instead.
 */
async function findQuickFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value, 20,
  );
  report(`code actions: ${actions.map(describeAction).join(' | ')}`);
  const fixes = actions.filter((action): action is vscode.CodeAction =>
    'kind' in action && action.kind !== undefined && vscode.CodeActionKind.QuickFix.contains(action.kind)
    && action.edit !== undefined && !/disable/iu.test(action.title));
  assert.ok(fixes.length > 0, 'no quick fix with an edit offered for the diagnostic');
  assert.ok(actions.some((action) => /disable/iu.test(action.title) && action.title.includes(RULE_ID)), 'no "disable for this line" action');
  return fixes[0];
}

function describeAction(action: vscode.CodeAction | vscode.Command): string {
  return 'kind' in action && action.kind !== undefined ? `${action.title} [${action.kind.value}]` : action.title;
}

async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, 'the quick fix has no edit');
  assert.ok(await vscode.workspace.applyEdit(action.edit), 'the quick fix edit was rejected');
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

function report(message: string): void {
  console.log(`E2E ${message}`);
}
