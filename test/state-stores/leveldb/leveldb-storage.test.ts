import { afterEach, describe, expect, it } from 'vitest'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import { engineCapabilities } from '../../../state-stores/bytes/store-capabilities.js'
import { WindowEngine } from '../../../state-stores/internal/window-engine.js'
import { LevelDbStorage } from '../../../state-stores/leveldb/internal/leveldb-storage.js'
import { LevelDbKeyValueStore } from '../../../state-stores/leveldb/leveldb-key-value-store.js'
import { InvalidStateStoreError } from '../../../state-stores/errors.js'
import { tempDir } from '../../helpers/temp-dir.js'
import { TestStoreContext } from '../helpers/test-store-context.js'

const b = (s: string) => Buffer.from(s)

function contextWith(stateDir: string, appConfigs: { [key: string]: unknown }): TestStoreContext {
  const ctx = new TestStoreContext({ stateDir })
  ctx.appConfigs = appConfigs
  return ctx
}

describe('LevelDB backend', () => {
  let cleanup: (() => Promise<void>) | undefined
  afterEach(async () => {
    await cleanup?.()
    cleanup = undefined
  })
  const dir = async () => {
    const d = await tempDir()
    cleanup = d.cleanup
    return d.path
  }

  it('keeps staged writes readable while a persist is in flight, and persists later writes next time', async () => {
    const path = await dir()
    const store = new LevelDbKeyValueStore('kv')
    await store.init(new TestStoreContext({ stateDir: path }), store)
    store.put(b('a'), b('1'))
    const persisting = store.persist(1)
    // The batch is being written: reads and ranges still see the value, new writes go to a fresh stage.
    expect(store.get(b('a'))?.toString()).toBe('1')
    store.put(b('b'), b('2'))
    store.delete(b('a'))
    expect((await toArray(store.all())).map((e) => e.key.toString())).toEqual(['b'])
    await persisting
    expect(store.get(b('a'))).toBeNull()
    await store.persist(2)
    await store.close()
    const again = new LevelDbKeyValueStore('kv')
    await again.init(new TestStoreContext({ stateDir: path }), again)
    expect((await toArray(again.all())).map((e) => e.key.toString())).toEqual(['b'])
    expect(again.committedOffset()).toBe(2)
    await again.close()
  })

  it('writes staged data down before the commit once it outgrows the write buffer, keeping the checkpoint (at-least-once)', async () => {
    const path = await dir()
    const configs = { 'leveldb.write.buffer.bytes': 2000 }
    const store = new LevelDbKeyValueStore('kv')
    await store.init(contextWith(path, configs), store)
    store.put(b('k0'), b('v'))
    await store.persist(7)
    for (let i = 1; i <= 20; i++) store.put(b(`k${i}`), b('v'.repeat(50)))
    // Past 2,000 staged bytes a write started on its own; close waits for it but drops what is still staged.
    await store.close()
    const again = new LevelDbKeyValueStore('kv')
    await again.init(contextWith(path, configs), again)
    const keys = (await toArray(again.all())).map((e) => e.key.toString())
    expect(keys.length).toBeGreaterThan(1)
    expect(keys).toContain('k1')
    expect(again.committedOffset()).toBe(7)
    await again.close()
  })

  it('never writes ahead of the commit under exactly-once (local state holds committed data only)', async () => {
    const path = await dir()
    const configs = { 'leveldb.write.buffer.bytes': 2000, 'processing.guarantee': 'exactly_once_v2' }
    const store = new LevelDbKeyValueStore('kv')
    await store.init(contextWith(path, configs), store)
    for (let i = 1; i <= 20; i++) store.put(b(`k${i}`), b('v'.repeat(50)))
    await store.close()
    const again = new LevelDbKeyValueStore('kv')
    await again.init(contextWith(path, configs), again)
    expect(await toArray(again.all())).toEqual([])
    expect(again.committedOffset()).toBeNull()
    await again.close()
  })

  it('opens one database per store under <stateDir>/<storeName> and needs a state directory', async () => {
    const path = await dir()
    const one = new LevelDbKeyValueStore('one')
    const two = new LevelDbKeyValueStore('two')
    const ctx = new TestStoreContext({ stateDir: path })
    await one.init(ctx, one)
    await two.init(ctx, two)
    one.put(b('k'), b('1'))
    await one.persist(null)
    expect(two.get(b('k'))).toBeNull()
    expect(one.committedOffset()).toBeNull()
    await one.close()
    await two.close()
    const noDir = new LevelDbKeyValueStore('x')
    await expect(async () => noDir.init(new TestStoreContext({ stateDir: null }), noDir)).rejects.toThrow(InvalidStateStoreError)
  })

  it('clears dropped segments from disk at the next persist', async () => {
    const path = await dir()
    const caps = engineCapabilities({ persistent: true, writeBehind: true, segmented: true })
    const storage = new LevelDbStorage(true)
    const store = new WindowEngine('w', storage, caps, 100, 10, 50, false)
    await store.init(new TestStoreContext({ stateDir: path }), store)
    store.put(b('k'), b('old'), 0)
    store.put(b('k'), b('mid'), 60)
    await store.persist(1)
    store.put(b('k'), b('new'), 160)
    expect(storage.segments()).toEqual([1, 3])
    await store.persist(2)
    await store.close()

    const storage2 = new LevelDbStorage(true)
    const reopened = new WindowEngine('w', storage2, caps, 100, 10, 50, false)
    await reopened.init(new TestStoreContext({ stateDir: path }), reopened)
    expect(storage2.segments()).toEqual([1, 3])
    expect((await toArray(storage2.iterate(0, null, null, false))).length).toBe(0)
    expect((await toArray(storage2.iterate(1, null, null, false))).map((e) => e.value.toString())).toEqual(['mid'])
    await reopened.close()
  })
})
