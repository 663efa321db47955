import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures';

describe('generated files', () => {
  it('the README rule table and the settings schema match the rule metadata', () => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'generate.js'), '--check'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });
});
