import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import type { MeteredKeyValueStore } from '../../../state-stores/layers/metered/metered-key-value-store.js'
import { Stores } from '../../../state-stores/stores.js'
import { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'
import { allStacks, openHarness, type Harness } from './store-stacks.js'

type Store = MeteredKeyValueStore<string, ValueAndTimestamp<string>>

describe.each(allStacks())('TimestampedKeyValueStore contract ($label)', (spec) => {
  let h: Harness<Store>
  const open = async () => {
    h = await openHarness(spec, () =>
      Stores.timestampedKeyValueStoreBuilder(
        spec.engine === 'leveldb' ? Stores.persistentTimestampedKeyValueStore('tkv') : Stores.inMemoryKeyValueStore('tkv'),
        Serdes.String(),
        Serdes.String(),
      ),
    )
    h.ctx.setRecordContext(1000)
    return h.store
  }
  afterEach(async () => {
    await h?.dispose()
  })

  it('returns values with their timestamps', async () => {
    const s = await open()
    s.put('a', ValueAndTimestamp.make('1', 17))
    expect(s.get('a')).toEqual({ value: '1', timestamp: 17 })
    s.flush()
    await s.persist(1)
    expect(await toArray(s.all())).toEqual([{ key: 'a', value: { value: '1', timestamp: 17 } }])
  })

  // Logged or not: a source KTable with logging disabled restores from its source topic.
  it('restores the timestamp from the changelog record timestamp', async () => {
    await open()
    await h.ctx.restore('tkv', [
      { key: Buffer.from('a'), value: Buffer.from('x'), timestamp: 55, offset: 0 },
      { key: Buffer.from('b'), value: Buffer.from('y'), timestamp: 66, offset: 1 },
      { key: Buffer.from('b'), value: null, timestamp: 67, offset: 2 },
    ])
    expect(h.store.get('a')).toEqual({ value: 'x', timestamp: 55 })
    expect(h.store.get('b')).toBeNull()
  })

  if (spec.logging) {
    it('logs the plain value with the value timestamp as the record timestamp', async () => {
      const s = await open()
      s.put('a', ValueAndTimestamp.make('1', 17))
      s.put('b', null)
      s.flush()
      const logged = h.ctx.logged.map((c) => [c.key.toString(), c.value?.toString() ?? null, c.timestamp])
      expect(logged).toEqual([
        ['a', '1', 17],
        ['b', null, 1000],
      ])
    })
  }

  if (spec.caching) {
    it('forwards ValueAndTimestamp changes to the flush listener', async () => {
      const s = await open()
      s.put('a', ValueAndTimestamp.make('old', 5))
      s.flush()
      const seen: Array<Change<ValueAndTimestamp<string>>> = []
      s.setFlushListener((r) => seen.push(r.value), true)
      s.put('a', ValueAndTimestamp.make('new', 9))
      s.flush()
      expect(seen).toEqual([{ newValue: { value: 'new', timestamp: 9 }, oldValue: { value: 'old', timestamp: 5 } }])
    })
  }
})
