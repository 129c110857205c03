import { describe, expect, it } from 'vitest'
import { TaskId } from '../../../processor-api/task-id.js'
import type { ChangelogRecord, StateStoreContext } from '../../../processor-api/state-store.js'
import { ProcessorStateManager } from '../../../src/runtime/state/processor-state-manager.js'
import { TaskStateError } from '../../../src/runtime/errors.js'
import { TestKeyValueStore } from '../task/helpers/test-store.js'

function changelog(from: number, entries: [string, string | null][]): ChangelogRecord[] {
  return entries.map(([k, v], i) => ({ key: Buffer.from(k), value: v === null ? null : Buffer.from(v), timestamp: 100 + i, offset: from + i }))
}

function setup(stores: TestKeyValueStore[], topics: Record<string, string | null>) {
  const manager = new ProcessorStateManager({
    taskId: new TaskId(1, 3),
    changelogPartition: 3,
    changelogFor: (name) => ({ topic: topics[name] ?? null, isSourceTopic: false }),
  })
  const context = { register: (s, r) => manager.register(s, r) } as Pick<StateStoreContext, 'register'> as StateStoreContext
  for (const s of stores) void s.init(context, s)
  return manager
}

describe('ProcessorStateManager', () => {
  it('lists logged stores with their changelog partition and checkpoint as the restore start', () => {
    const logged = new TestKeyValueStore('logged', true, true, 42)
    const fresh = new TestKeyValueStore('fresh', true, true, null)
    const unlogged = new TestKeyValueStore('plain', false, false)
    const manager = setup([logged, fresh, unlogged], { logged: 'app-logged-changelog', fresh: 'app-fresh-changelog' })
    expect(manager.changelogs()).toEqual([
      { storeName: 'logged', topic: 'app-logged-changelog', partition: 3, startOffset: 42 },
      { storeName: 'fresh', topic: 'app-fresh-changelog', partition: 3, startOffset: null },
    ])
    expect(manager.stores().map((s) => s.name)).toEqual(['logged', 'fresh', 'plain'])
  })

  it('restores through the store restore callback in whole batches, then checkpoints the next offset', async () => {
    const store = new TestKeyValueStore('kv', true, true, 10)
    const manager = setup([store], { kv: 'app-kv-changelog' })
    await manager.restore('kv', changelog(10, [['a', '1'], ['b', '2'], ['a', '3']]))
    await manager.restore('kv', changelog(13, [['b', null], ['c', '4']]))
    expect(store.restoreBatches.map((b) => b.length)).toEqual([3, 2])
    expect(Object.fromEntries(store.data)).toEqual({ a: '3', c: '4' })
    expect(manager.changelogOffset('kv')).toBe(15)
    await manager.checkpointRestored()
    expect(store.persisted).toEqual([15])
  })

  it('refuses to restore an unlogged or unknown store, and double registration', () => {
    const plain = new TestKeyValueStore('plain', false, false)
    const manager = setup([plain], {})
    expect(() => manager.restore('plain', changelog(0, [['a', '1']]))).toThrow(TaskStateError)
    expect(() => manager.restore('nope', [])).toThrow(TaskStateError)
    expect(() => manager.register(plain, () => undefined)).toThrow(/already been registered/)
  })

  it('persists each store with the next changelog offset after a commit, keeping the last one when nothing was written', async () => {
    const logged = new TestKeyValueStore('logged', true, true, 5)
    const plain = new TestKeyValueStore('plain', false, false)
    const manager = setup([logged, plain], { logged: 'cl' })
    await manager.persist((topic, partition) => (topic === 'cl' && partition === 3 ? 9 : null))
    await manager.persist(() => null)
    expect(logged.persisted).toEqual([9, 9])
    expect(plain.persisted).toEqual([null, null])
    manager.flush()
    expect([logged.flushes, plain.flushes]).toEqual([1, 1])
    await manager.close()
    expect(logged.isOpen || plain.isOpen).toBe(false)
    expect(manager.stores()).toEqual([])
  })
})
