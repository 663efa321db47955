import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR, REPO_ROOT } from '../../helpers/fixtures';
import { readSnapshot, type SnapshotFinding } from '../../helpers/snapshots';

export const SERVER_BIN = path.join(REPO_ROOT, 'server', 'bin', 'asyncsense-language-server.js');
const FIXTURE = path.join(FIXTURES_DIR, 'no-floating-promises', 'invalid-call-statement.ts');
/** Under the repository (and git-ignored), so that `types: ["node"]` resolves from its node_modules. */
const E2E_DIR = path.join(REPO_ROOT, '.e2e');

export interface EditorRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A folder with the fixtures' tsconfig and a file with a floating promise, and what the snapshot says of it. */
export interface CheckWorkspace {
  readonly dir: string;
  readonly file: string;
  readonly finding: SnapshotFinding;
  readonly firstFix: { readonly title: string; readonly output: string };
}

/** Fails with how to install the editor when it is missing. */
export function assertInstalled(command: string, install: string): void {
  const found = spawnSync(command, ['--version'], { encoding: 'utf8' });
  assert.ok(!found.error && found.status === 0, `${command} is not installed: ${install} to run the editor end-to-end test`);
  assert.ok(fs.existsSync(path.join(REPO_ROOT, 'server', 'dist', 'main.js')), 'build the server first: npx tsc -b server');
}

export function createCheckWorkspace(prefix: string): CheckWorkspace {
  fs.mkdirSync(E2E_DIR, { recursive: true });
  const dir = fs.mkdtempSync(path.join(E2E_DIR, prefix));
  fs.copyFileSync(path.join(FIXTURES_DIR, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  const file = path.join(dir, path.basename(FIXTURE));
  fs.copyFileSync(FIXTURE, file);
  const [finding] = readSnapshot(FIXTURE);
  assert.ok(finding && finding.suggestions[0], 'the fixture snapshot has a finding with a suggestion');
  return { dir, file, finding, firstFix: finding.suggestions[0] };
}

/** Runs an editor's check script; its environment names the server, the file and the fix to apply. */
export function runEditorCheck(command: string, args: readonly string[], workspace: CheckWorkspace): Promise<EditorRun> {
  const env = { E2E_NODE: process.execPath, E2E_SERVER: SERVER_BIN, E2E_FILE: workspace.file, E2E_ACTION: workspace.firstFix.title };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: workspace.dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * What every editor's run must show: it passed, listed the fix and the disable action, and wrote
 * the fixed text the snapshot has. Answers the report for the editor's own assertions.
 */
export function assertFixedInEditor(run: EditorRun, workspace: CheckWorkspace): string {
  const report = `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
  assert.equal(run.code, 0, report);
  assert.match(run.stdout, /^PASS$/mu, report);
  assert.match(run.stdout, new RegExp(`^ACTION ${escapeRegExp(workspace.firstFix.title)}$`, 'mu'), report);
  assert.match(run.stdout, /^ACTION Disable no-floating-promises for this line$/mu, report);
  assert.equal(fs.readFileSync(workspace.file, 'utf8'), workspace.firstFix.output);
  return report;
}

export function removeCheckWorkspace(workspace: CheckWorkspace | undefined): void {
  if (workspace) fs.rmSync(workspace.dir, { recursive: true, force: true });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
