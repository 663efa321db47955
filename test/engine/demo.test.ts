import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures';

describe('npm run demo', () => {
  it('prints the sample project\'s floating promises, stylish-style, with their fixes', () => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'demo.js')], { encoding: 'utf8', cwd: REPO_ROOT });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const rows = result.stdout.split('\n').filter((line) => /^ {2}\d+:\d+ {2}/u.test(line)).map((line) => line.trim().split(/\s+/u)[0]);
    assert.deepEqual(rows, ['11:5', '17:5', '9:3']);
    assert.match(result.stdout, /^demo\/sample-project\/src\/orders-service\.ts$/mu);
    assert.match(result.stdout, /\+ {5}await sendReceipt\(order\.customerId, order\.id\);/u);
    assert.match(result.stdout, /✖ 3 problems \(0 errors, 3 warnings\)/u);
  });
});
