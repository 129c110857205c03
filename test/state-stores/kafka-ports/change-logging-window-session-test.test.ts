/**
 * Ports of Kafka's `ChangeLoggingWindowBytesStoreTest`, `ChangeLoggingTimestampedWindowBytesStoreTest`
 * and `ChangeLoggingSessionBytesStoreTest`: changelog keys, values and timestamps of window and
 * session writes, on the logged, uncached stacks of both engines.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { StateStore } from '../../../processor-api/state-store.js'
import { sessionStoreKey, windowStoreKey } from '../../../state-stores/internal/store-keys.js'
import { Stores } from '../../../state-stores/stores.js'
import { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'
import { allStacks, openHarness, type Harness } from '../contract/store-stacks.js'

const stacks = allStacks().filter((s) => s.logging && !s.caching)
const key = Buffer.from('key')

describe.each(stacks)('Kafka ChangeLogging window/session stores ($label)', (spec) => {
  let h: Harness<StateStore>
  const logged = () => h.ctx.logged.map((c) => [c.key.toString('hex'), c.value === null ? null : c.value.toString(), c.timestamp])
  afterEach(async () => {
    await h?.dispose()
  })

  for (const retainDuplicates of [false, true]) {
    it(`window: shouldLogPuts${retainDuplicates ? ' / shouldRetainDuplicatesWhenSet' : ''}`, async () => {
      const supplier =
        spec.engine === 'leveldb'
          ? Stores.persistentWindowStore('w', 1000, 10, retainDuplicates)
          : Stores.inMemoryWindowStore('w', 1000, 10, retainDuplicates)
      const wh = await openHarness(spec, () => Stores.windowStoreBuilder(supplier, Serdes.Bytes(), Serdes.String()))
      h = wh as unknown as Harness<StateStore>
      wh.ctx.setRecordContext(0)
      wh.store.put(key, 'value', 0)
      wh.store.put(key, 'value', 0)
      const seq = retainDuplicates ? [1, 2] : [0, 0]
      expect(logged()).toEqual(seq.map((n) => [windowStoreKey(key, 0, n).toString('hex'), 'value', 0]))
    })
  }

  it('timestamped window: shouldLogPuts (the plain value, with the value timestamp)', async () => {
    const supplier =
      spec.engine === 'leveldb' ? Stores.persistentTimestampedWindowStore('tw', 1000, 10, false) : Stores.inMemoryWindowStore('tw', 1000, 10, false)
    const wh = await openHarness(spec, () => Stores.timestampedWindowStoreBuilder(supplier, Serdes.Bytes(), Serdes.String()))
    h = wh as unknown as Harness<StateStore>
    wh.ctx.setRecordContext(0)
    wh.store.put(key, ValueAndTimestamp.make('value', 42), 0)
    expect(logged()).toEqual([[windowStoreKey(key, 0, 0).toString('hex'), 'value', 42]])
  })

  it('session: shouldLogPuts / shouldLogRemoves (a remove is logged even when nothing is stored)', async () => {
    const supplier = spec.engine === 'leveldb' ? Stores.persistentSessionStore('s', 1000) : Stores.inMemorySessionStore('s', 1000)
    const sh = await openHarness(spec, () => Stores.sessionStoreBuilder(supplier, Serdes.Bytes(), Serdes.String()))
    h = sh as unknown as Harness<StateStore>
    sh.ctx.setRecordContext(0)
    const session = { key, window: { start: 0, end: 0 } }
    sh.store.put(session, 'value1')
    sh.store.remove(session)
    sh.store.remove(session)
    const k = sessionStoreKey(key, 0, 0).toString('hex')
    expect(logged()).toEqual([
      [k, 'value1', 0],
      [k, null, 0],
      [k, null, 0],
    ])
  })
})
