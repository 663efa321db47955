import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures';
import { assertFixedInEditor, assertInstalled, createCheckWorkspace, removeCheckWorkspace, runEditorCheck, type CheckWorkspace } from './helpers/editor-check';

const SCRIPT = path.join(REPO_ROOT, 'test', 'server', 'e2e', 'nvim-lsp-check.lua');

describe('server: end to end in headless Neovim', () => {
  let workspace: CheckWorkspace | undefined;

  afterEach(() => removeCheckWorkspace(workspace));

  it('shows the diagnostic, applies the first quick fix, clears the diagnostic and writes the fix', async () => {
    assertInstalled('nvim', 'install Neovim (Debian: apt-get install -y neovim)');
    workspace = createCheckWorkspace('nvim-');
    const run = await runEditorCheck('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], workspace);
    const report = assertFixedInEditor(run, workspace);
    const { line, column } = workspace.finding;
    assert.match(run.stdout, new RegExp(`^DIAG ${line}:${column} asyncsense no-floating-promises: This promise is neither awaited`, 'mu'), report);
  });
});
