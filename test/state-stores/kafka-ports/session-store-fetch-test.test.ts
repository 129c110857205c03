/**
 * Port of Kafka's `SessionStoreFetchTest` (there a session-windowed count through the
 * TopologyTestDriver; here the same store contents written directly): key-range finds, open
 * bounds and sub-ranges agree with a filter of the full scan, forward and backward.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import type { KeyValueIterator } from '../../../state-stores/key-value-store.js'
import type { MeteredSessionStore } from '../../../state-stores/layers/metered/metered-session-store.js'
import { Stores } from '../../../state-stores/stores.js'
import { allStacks, openHarness, type Harness } from '../contract/store-stacks.js'

const RETENTION_MS = 10_000
const MAX = Number.MAX_SAFE_INTEGER
type Row = [string, number, number, number]

async function rows(it: KeyValueIterator<Windowed<string>, number>): Promise<Row[]> {
  return (await toArray(it)).map((e) => [e.key.key, e.key.window.start, e.key.window.end, e.value])
}

describe.each(allStacks())('Kafka SessionStoreFetchTest ($label)', (spec) => {
  let h: Harness<MeteredSessionStore<string, number>>
  afterEach(async () => {
    await h?.dispose()
  })

  for (const forward of [true, false]) {
    it(`testStoreConfig (${forward ? 'forward' : 'backward'})`, async () => {
      h = await openHarness(spec, () =>
        Stores.sessionStoreBuilder(
          spec.engine === 'leveldb' ? Stores.persistentSessionStore('store', RETENTION_MS) : Stores.inMemorySessionStore('store', RETENTION_MS),
          Serdes.String(),
          Serdes.Long(),
        ),
      )
      h.ctx.setRecordContext(0)
      const s = h.store
      const expected: Row[] = [
        ['key-a', 0, 500, 4],
        ['key-aa', 0, 500, 4],
        ['key-b', 1500, 2000, 6],
        ['key-bb', 1500, 2000, 6],
      ]
      for (const [key, start, end, count] of expected) {
        s.put({ key, window: { start, end } }, count - 1)
        s.put({ key, window: { start, end } }, count)
      }
      s.flush()
      const find = (from: string | null, to: string | null) =>
        forward ? s.findSessionsInRange(from, to, 0, MAX) : s.backwardFindSessionsInRange(from, to, 0, MAX)
      const ordered = forward ? expected : [...expected].reverse()
      expect(await rows(find('key-a', 'key-bb'))).toEqual(ordered)
      expect(await rows(find(null, null))).toEqual(ordered)
      const testRange = async (from: string | null, to: string | null) => {
        const all = await rows(find(null, null))
        expect(await rows(find(from, to))).toEqual(all.filter((r) => (from === null || r[0] >= from) && (to === null || r[0] <= to)))
      }
      await testRange('key-a', 'key-b')
      await testRange(null, 'key-b')
      await testRange('key-b', null)
      await testRange(null, 'key-7')
      await testRange('key-1', null)
    })
  }
})
