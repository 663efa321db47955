import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workspaceTypescript } from 'asyncsense-vscode-client/dist/workspace-typescript';

describe("the client's choice of the workspace's TypeScript", () => {
  let root: string;
  let withTypescript: string;
  let without: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'asyncsense-client-ts-'));
    withTypescript = path.join(root, 'app');
    without = path.join(root, 'docs');
    fs.mkdirSync(path.join(withTypescript, 'node_modules', 'typescript'), { recursive: true });
    fs.writeFileSync(path.join(withTypescript, 'node_modules', 'typescript', 'package.json'), '{"name":"typescript","version":"5.9.3"}');
    fs.mkdirSync(without);
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('asks for nothing when the setting is off', () => {
    assert.deepEqual(workspaceTypescript(true, false, [withTypescript]), { args: [], note: undefined });
  });

  it('names the first workspace folder with node_modules/typescript in a trusted workspace', () => {
    assert.deepEqual(workspaceTypescript(true, true, [without, withTypescript]),
      { args: ['--typescript', path.join(withTypescript, 'node_modules', 'typescript')], note: undefined });
  });

  it('never asks for it in an untrusted workspace, and says so', () => {
    const choice = workspaceTypescript(false, true, [withTypescript]);
    assert.deepEqual(choice.args, []);
    assert.match(String(choice.note), /ignored in an untrusted workspace/u);
  });

  it('says so when no workspace folder has TypeScript', () => {
    const choice = workspaceTypescript(true, true, [without]);
    assert.deepEqual(choice.args, []);
    assert.match(String(choice.note), /no workspace folder has node_modules\/typescript/u);
  });
});
