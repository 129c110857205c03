import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { Record } from '../../../processor-api/record.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { ChangelogRecord } from '../../../processor-api/state-store.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { TaskId } from '../../../processor-api/task-id.js'
import { ManualClock } from '../../../processor-api/time.js'
import { buildTopologyModel } from '../../../processor-api/internal/build-topology-model.js'
import { Stores } from '../../../state-stores/stores.js'
import type { KeyValueStore } from '../../../state-stores/key-value-store.js'
import { StreamTask } from '../../../src/runtime/task/stream-task.js'
import { processorTopologyOf } from '../../../src/runtime/task/processor-topology.js'
import { taskConfig } from '../../../src/runtime/task/task-config.js'
import { StateDirectory } from '../../../src/runtime/state/state-directory.js'
import { StateDirectoryLockedError } from '../../../src/runtime/errors.js'
import { tempDir } from '../../helpers/temp-dir.js'
import { MemoryCollector } from './helpers/memory-collector.js'
import { raw } from './helpers/task-fixture.js'

let dir: { path: string; cleanup: () => Promise<void> }
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(async () => {
  await dir.cleanup()
})

const strings = { keySerde: Serdes.String(), valueSerde: Serdes.String() }

function lookupTopology(): Topology {
  return new Topology()
    .addSource('source', 'lookups', strings)
    .addProcessor(
      'lookup',
      () => {
        let ctx: ProcessorContext<string, string>
        let store: KeyValueStore<string, string>
        return {
          init: (c: ProcessorContext<string, string>) => {
            ctx = c
            store = c.getStateStore<KeyValueStore<string, string>>('kv')
          },
          process: (r: Record<string, string>) => {
            ctx.forward(r.withValue(store.get(r.key) ?? 'missing'))
            store.put(r.key, r.value)
          },
        }
      },
      'source',
    )
    .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('kv'), Serdes.String(), Serdes.String()), 'lookup')
    .addSink('sink', 'answers', strings, 'lookup')
}

function newTask(stateDirectory: StateDirectory, collector = new MemoryCollector()): StreamTask {
  const model = buildTopologyModel(lookupTopology(), 'app')
  return new StreamTask({
    id: new TaskId(0, 2),
    model,
    topology: processorTopologyOf(model),
    inputPartitions: [{ topic: 'lookups', partition: 2 }],
    collector,
    config: taskConfig({ applicationId: 'app' }),
    clock: new ManualClock(0),
    stateDirectory,
  })
}

function changelog(from: number, entries: [string, string | null][]): ChangelogRecord[] {
  return entries.map(([k, v], i) => ({ key: Buffer.from(k), value: v === null ? null : Buffer.from(v), timestamp: i, offset: from + i }))
}

describe('StreamTask restore with a LevelDB store', () => {
  it('restores changelog batches through the restore callback, checkpoints, and resumes from the checkpoint after a restart', async () => {
    const stateDirectory = new StateDirectory(dir.path, 'app')
    const collector = new MemoryCollector()
    collector.setNextOffset('app-kv-changelog', 2, 4) // the changelog already holds offsets 0-3
    const task = newTask(stateDirectory, collector)
    await task.initializeStateStores()
    expect(task.stateManager.changelogs()).toEqual([{ storeName: 'kv', topic: 'app-kv-changelog', partition: 2, startOffset: null }])
    await task.stateManager.restore('kv', changelog(0, [['a', '1'], ['b', '2']]))
    await task.stateManager.restore('kv', changelog(2, [['b', null], ['c', '3']]))
    await task.stateManager.checkpointRestored()
    await task.completeRestoration()
    task.updateLag('lookups', 2, 0)
    task.addRecords('lookups', 2, [raw('a', 'new-a', 1, 0), raw('b', 'new-b', 2, 1), raw('c', 'new-c', 3, 2)])
    while (await task.process(0));
    expect(collector.strings('answers').map((r) => `${r.key}=${r.value}`)).toEqual(['a=1', 'b=missing', 'c=3'])
    // The change-logging layer wrote three changelog records (offsets 4-6); the commit checkpoints 7...
    await task.prepareCommit()
    const logged = collector.records.filter((r) => r.topic === 'app-kv-changelog')
    expect(logged.map((r) => [r.partition, r.offset])).toEqual([
      [2, 4],
      [2, 5],
      [2, 6],
    ])
    await task.postCommit()
    await task.close()
    expect(stateDirectory.isLocked('0_2')).toBe(false)

    // ...so a new instance restores only from there, and sees the data persisted by the commit.
    const restartedCollector = new MemoryCollector()
    const restarted = newTask(stateDirectory, restartedCollector)
    await restarted.initializeStateStores()
    expect(restarted.stateManager.changelogs()[0]!.startOffset).toBe(7)
    await restarted.completeRestoration()
    restarted.updateLag('lookups', 2, 0)
    restarted.addRecords('lookups', 2, [raw('b', 'again', 4, 3)])
    while (await restarted.process(0));
    expect(restartedCollector.strings('answers').map((r) => r.value)).toEqual(['new-b'])
    await restarted.close()
  })

  it('refuses to open a task whose state directory another task instance holds', async () => {
    const stateDirectory = new StateDirectory(dir.path, 'app')
    const first = newTask(stateDirectory)
    await first.initializeStateStores()
    const second = newTask(new StateDirectory(dir.path, 'app'))
    expect(() => second.initializeStateStores()).toThrow(StateDirectoryLockedError)
    await first.close()
    await second.close()
  })
})
