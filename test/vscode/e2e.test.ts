import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { rules } from 'eslint-plugin-asyncsense/engine';
import { REPO_ROOT } from '../helpers/fixtures';

const SCRIPT = path.join(REPO_ROOT, 'test', 'vscode', 'e2e', 'run-vscode-tests.sh');
/** The first run installs Chromium, Node 24 and code-server: minutes, not seconds. */
const RUN_TIMEOUT_MS = 18 * 60_000;

interface RunResult {
  readonly code: number | null;
  readonly output: string;
}

describe('the .vsix in a real VS Code (code-server extension host)', function () {
  this.timeout(RUN_TIMEOUT_MS + 60_000);

  it('shows the diagnostic, restarts, applies the quick fix, disables for a line, follows edits, disk changes and settings, fixes all on save, shows the project in the status item', async () => {
    // No skip when the editor cannot be installed: the script exits non-zero and the test fails.
    const { code, output } = await runScript();
    assert.equal(code, 0, `run-vscode-tests.sh exited with ${code}:\n${output.split('\n').slice(-80).join('\n')}`);
    const messages = Object.values(rules.find((rule) => rule.id === 'no-floating-promises')?.meta.messages ?? {});
    const title = /E2E quick fix offered: (.*)/u.exec(output)?.[1]?.trim();
    assert.ok(title !== undefined && messages.includes(title), `the applied quick fix "${title}" is not one of the rule's fixes`);
    for (const expected of [
      /E2E extension installed from the package at .*\/asyncsense\.asyncsense-\d/u,
      /E2E diagnostic shown: no-floating-promises at line \d+/u,
      /E2E diagnostics came back after asyncsense\.restartServer/u,
      /E2E diagnostics came back after the server process was killed/u,
      /E2E quick fix offered: /u,
      /E2E diagnostic cleared after the quick fix/u,
      /E2E a change on disk to a closed file re-checked the open file that imports it/u,
      /E2E an unsaved edit to an open file re-checked the open file that imports it/u,
      /E2E disable for this line applied: Disable no-floating-promises for this line/u,
      /E2E changing asyncsense\.rules re-checked the open file, both ways/u,
      /E2E fix-all on save applied the safe fix: await readFile from node:fs\/promises/u,
      /E2E status item: "server running, tsconfig\.json" for an included file, "no tsconfig\.json includes this file[^"]*" \(warning\) for a loose one/u,
      /E2E asyncsense\.typescript\.useWorkspaceVersion restarted the server on the workspace's TypeScript \(.*--typescript .*node_modules\/typescript\) and back/u,
      /E2E all checks passed/u,
      /Server state: crashed\.[^]*Server state: running\./u,
      /\[trace\] Sending request 'textDocument\/codeAction/u,
      /\[trace\] Sending notification 'workspace\/didChangeWatchedFiles'/u,
      /extension tests exit code: 0/u,
    ]) {
      assert.match(output, expected);
    }
  });
});

function runScript(): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout can stop the script and everything it started.
    const child = spawn('bash', [SCRIPT], { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      output += `\n(killed after ${RUN_TIMEOUT_MS} ms)`;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    }, RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
