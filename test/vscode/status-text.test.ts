import assert from 'node:assert/strict';
import { describeStatus } from 'asyncsense-vscode-client/dist/status-text';

const relative = (file: string): string => file.replace('/work/app/', '');

describe('the status item text', () => {
  it('names the tsconfig that checks the active file while the server runs', () => {
    assert.deepEqual(describeStatus('running', '/work/app/packages/api/tsconfig.json', relative),
      { text: 'asyncsense', detail: 'server running, packages/api/tsconfig.json', level: 'info' });
  });

  it('warns that a file outside every tsconfig is checked with default compiler options', () => {
    assert.deepEqual(describeStatus('running', null, relative),
      { text: 'asyncsense', detail: 'no tsconfig.json includes this file: checked with default compiler options', level: 'warning' });
  });

  it('says only the server state before the server has spoken of the file, or when it is not running', () => {
    assert.deepEqual(describeStatus('running', undefined, relative), { text: 'asyncsense', detail: 'server running', level: 'info' });
    assert.deepEqual(describeStatus('starting', null, relative), { text: 'asyncsense', detail: 'server starting', level: 'info' });
    assert.deepEqual(describeStatus('crashed', '/work/app/tsconfig.json', relative, 'server failed to start: boom'),
      { text: 'asyncsense: crashed', detail: 'server failed to start: boom', level: 'error' });
  });
});
