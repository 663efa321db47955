import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures';
import { assertFixedInEditor, assertInstalled, createCheckWorkspace, removeCheckWorkspace, runEditorCheck, type CheckWorkspace } from './helpers/editor-check';

const SCRIPT = path.join(REPO_ROOT, 'test', 'server', 'e2e', 'eglot-lsp-check.el');

describe('server: end to end in batch Emacs with eglot', () => {
  let workspace: CheckWorkspace | undefined;

  afterEach(() => removeCheckWorkspace(workspace));

  it('shows the diagnostic, applies the first quick fix, clears the diagnostic and saves the fix', async () => {
    assertInstalled('emacs', 'install Emacs and eglot (Debian: apt-get install -y emacs-nox elpa-eglot)');
    workspace = createCheckWorkspace('emacs-');
    const run = await runEditorCheck('emacs', ['--batch', '-Q', '-l', SCRIPT], workspace);
    const report = assertFixedInEditor(run, workspace);
    const { line, column } = workspace.finding;
    assert.match(run.stdout, new RegExp(`^DIAG ${line}:${column} .*This promise is neither awaited`, 'mu'), report);
  });
});
