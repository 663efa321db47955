import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { IdleCollector } from 'asyncsense-language-server/dist/idle-collector';

describe('server: collecting when idle', () => {
  it('collects once, after the last work has been idle for the delay', async () => {
    let collections = 0;
    const collector = new IdleCollector(() => collections++, 40);
    collector.worked();
    await sleep(20);
    collector.worked();
    await sleep(25);
    assert.equal(collections, 0, 'work within the delay postpones the collection');
    await sleep(40);
    assert.equal(collections, 1);
    await sleep(60);
    assert.equal(collections, 1, 'no work, no further collection');
    collector.dispose();
  });

  it('does nothing without a collector (Node started without --expose-gc), and dispose cancels', async () => {
    new IdleCollector(undefined, 1).worked();
    let collections = 0;
    const collector = new IdleCollector(() => collections++, 10);
    collector.worked();
    collector.dispose();
    await sleep(30);
    assert.equal(collections, 0);
  });
});
