import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR, REPO_ROOT } from '../helpers/fixtures';
import { readSnapshot } from '../helpers/snapshots';

const SERVER_BIN = path.join(REPO_ROOT, 'server', 'bin', 'asyncsense-language-server.js');
const SCRIPT = path.join(REPO_ROOT, 'test', 'server', 'e2e', 'nvim-lsp-check.lua');
const FIXTURE = path.join(FIXTURES_DIR, 'no-floating-promises', 'invalid-call-statement.ts');
/** Under the repository (and git-ignored), so that `types: ["node"]` resolves from its node_modules. */
const E2E_DIR = path.join(REPO_ROOT, '.e2e');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runNvim(env: Record<string, string>, cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
      cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('server: end to end in headless Neovim', () => {
  let dir: string | undefined;

  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the diagnostic, applies the first quick fix, clears the diagnostic and writes the fix', async () => {
    const found = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.ok(!found.error && found.status === 0,
      'nvim is not installed: install Neovim (Debian: apt-get install -y neovim) to run the editor end-to-end test');
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'server', 'dist', 'main.js')), 'build the server first: npx tsc -b server');

    fs.mkdirSync(E2E_DIR, { recursive: true });
    dir = fs.mkdtempSync(path.join(E2E_DIR, 'nvim-'));
    fs.copyFileSync(path.join(FIXTURES_DIR, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
    const file = path.join(dir, path.basename(FIXTURE));
    fs.copyFileSync(FIXTURE, file);
    const [finding] = readSnapshot(FIXTURE);
    assert.ok(finding && finding.suggestions[0], 'the fixture snapshot has a finding with a suggestion');
    const firstFix = finding.suggestions[0];

    const run = await runNvim({ E2E_NODE: process.execPath, E2E_SERVER: SERVER_BIN, E2E_FILE: file }, dir);
    const report = `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    assert.equal(run.code, 0, report);
    assert.match(run.stdout, /^PASS$/mu, report);
    assert.match(run.stdout, new RegExp(`^DIAG ${finding.line}:${finding.column} asyncsense no-floating-promises: This promise is neither awaited`, 'mu'), report);
    assert.match(run.stdout, new RegExp(`^ACTION ${escapeRegExp(firstFix.title)}$`, 'mu'), report);
    assert.match(run.stdout, /^ACTION Disable no-floating-promises for this line$/mu, report);
    const expected = firstFix.output;
    assert.equal(fs.readFileSync(file, 'utf8'), expected);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
