/**
 * Ports of the behaviour cases of Kafka's `RocksDBVersionedStoreTest` (put/get/delete sequences
 * across segments, tombstones, repeat timestamps, grace period and history retention, restore),
 * run through the typed store (metered → change-logging → engine) on the LevelDB engine and the
 * in-memory one, plus the `Stores` argument checks of `StoresTest`, close/reopen and changelog
 * restore. Kafka's constants: history retention 300 s, segment interval a third of it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { ChangelogRecord } from '../../../processor-api/state-store.js'
import { InvalidStateStoreError, StoreArgumentError } from '../../../state-stores/errors.js'
import { Stores } from '../../../state-stores/stores.js'
import { InMemoryVersionedBytesStoreSupplier } from '../../../state-stores/versioned/in-memory-versioned-store.js'
import type { MeteredVersionedKeyValueStore } from '../../../state-stores/versioned/metered-versioned-key-value-store.js'
import type { VersionedBytesStoreSupplier } from '../../../state-stores/versioned/versioned-bytes-store.js'
import { PUT_RETURN_CODE_NOT_PUT, PUT_RETURN_CODE_VALID_TO_UNDEFINED } from '../../../state-stores/versioned-key-value-store.js'
import { openHarness, type Harness, type StackSpec } from '../contract/store-stacks.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import { Topology } from '../../../processor-api/topology.js'
import type { VersionedKeyValueStore } from '../../../state-stores/versioned-key-value-store.js'
import { TopologyTestDriver } from '../../../src/test-driver/index.js'
import { StoreTypeMismatchError } from '../../../src/test-driver/errors.js'

const NAME = 'myversioned'
const HISTORY_RETENTION = 300_000
const GRACE_PERIOD = HISTORY_RETENTION
const SEGMENT_INTERVAL = HISTORY_RETENTION / 3
const BASE = 10
const UNDEFINED = PUT_RETURN_CODE_VALID_TO_UNDEFINED
const NOT_PUT = PUT_RETURN_CODE_NOT_PUT
const SI = SEGMENT_INTERVAL

type Store = MeteredVersionedKeyValueStore<string, string>

const stacks: StackSpec[] = [
  { label: 'leveldb+logging', engine: 'leveldb', caching: false, logging: true },
  { label: 'leveldb', engine: 'leveldb', caching: false, logging: false },
  { label: 'in-memory+logging', engine: 'in-memory', caching: false, logging: true },
]

function supplier(engine: StackSpec['engine'], historyRetention: number): VersionedBytesStoreSupplier {
  return engine === 'leveldb'
    ? Stores.persistentVersionedKeyValueStore(NAME, historyRetention, SEGMENT_INTERVAL)
    : new InMemoryVersionedBytesStoreSupplier(NAME, historyRetention, SEGMENT_INTERVAL)
}

function changelog(records: ReadonlyArray<[string, string | null, number]>): ChangelogRecord[] {
  return records.map(([k, v, ts], offset) => ({ key: Buffer.from(k), value: v === null ? null : Buffer.from(v), timestamp: ts, offset }))
}

describe.each(stacks)('Kafka RocksDBVersionedStoreTest ($label)', (spec) => {
  let h: Harness<Store>
  let s: Store
  const open = async (historyRetention = HISTORY_RETENTION): Promise<Store> => {
    await h?.dispose()
    h = await openHarness(spec, () => Stores.versionedKeyValueStoreBuilder(supplier(spec.engine, historyRetention), Serdes.String(), Serdes.String()))
    h.ctx.setRecordContext(BASE)
    s = h.store
    return s
  }
  afterEach(async () => {
    await h?.dispose()
  })

  const put = (k: string, v: string | null, ts: number, expectedValidTo: number) => expect(s.put(k, v, ts), `put(${k}, ${v}, ${ts})`).toBe(expectedValidTo)
  const latest = (k: string, v: string, ts: number) => expect(s.get(k)).toEqual({ value: v, timestamp: ts, validTo: null })
  const latestNull = (k: string) => expect(s.get(k)).toBeNull()
  const asOf = (k: string, at: number, v: string, from: number, to: number) =>
    expect(s.get(k, at), `get(${k}, ${at})`).toEqual({ value: v, timestamp: from, validTo: to === UNDEFINED ? null : to })
  const asOfNull = (k: string, at: number) => expect(s.get(k, at), `get(${k}, ${at})`).toBeNull()
  const restore = (records: ReadonlyArray<[string, string | null, number]>) => h.ctx.restore(NAME, changelog(records))

  it('shouldPutLatest', async () => {
    await open()
    put('k', 'v', BASE, UNDEFINED)
    put('k', 'v2', BASE + 1, UNDEFINED)
    latest('k', 'v2', BASE + 1)
    asOf('k', BASE, 'v', BASE, BASE + 1)
    asOf('k', BASE + 1, 'v2', BASE + 1, UNDEFINED)
    asOf('k', BASE + 2, 'v2', BASE + 1, UNDEFINED)
  })

  it('shouldPutNullAsLatest', async () => {
    await open()
    put('k', null, BASE, UNDEFINED)
    put('k', null, BASE + 1, UNDEFINED)
    latestNull('k')
    asOfNull('k', BASE)
    asOfNull('k', BASE + 1)
    asOfNull('k', BASE + 2)
  })

  it('shouldPutOlderWithNonNullLatest', async () => {
    await open()
    put('k', 'v', BASE, UNDEFINED)
    put('k', 'v2', BASE - 2, BASE)
    put('k', 'v1', BASE - 1, BASE)
    put('k', 'v4', BASE - 4, BASE - 2)
    latest('k', 'v', BASE)
    asOf('k', BASE, 'v', BASE, UNDEFINED)
    asOf('k', BASE - 1, 'v1', BASE - 1, BASE)
    asOf('k', BASE - 2, 'v2', BASE - 2, BASE - 1)
    asOf('k', BASE - 3, 'v4', BASE - 4, BASE - 2)
  })

  it('shouldPutOlderWithNullLatest', async () => {
    await open()
    put('k', null, BASE, UNDEFINED)
    put('k', 'v2', BASE - 2, BASE)
    put('k', 'v1', BASE - 1, BASE)
    put('k', 'v4', BASE - 4, BASE - 2)
    latestNull('k')
    asOfNull('k', BASE)
    asOf('k', BASE - 1, 'v1', BASE - 1, BASE)
    asOf('k', BASE - 2, 'v2', BASE - 2, BASE - 1)
    asOf('k', BASE - 3, 'v4', BASE - 4, BASE - 2)
  })

  it('shouldPutOlderNullWithNonNullLatest', async () => {
    await open()
    put('k', 'v', BASE, UNDEFINED)
    put('k', null, BASE - 2, BASE)
    put('k', null, BASE - 1, BASE)
    put('k', null, BASE - 4, BASE - 2)
    put('k', 'v5', BASE - 5, BASE - 4)
    put('k', 'v3', BASE - 3, BASE - 2)
    put('k', null, BASE - 6, BASE - 5)
    latest('k', 'v', BASE)
    asOf('k', BASE, 'v', BASE, UNDEFINED)
    asOfNull('k', BASE - 1)
    asOfNull('k', BASE - 2)
    asOf('k', BASE - 3, 'v3', BASE - 3, BASE - 2)
    asOfNull('k', BASE - 4)
    asOf('k', BASE - 5, 'v5', BASE - 5, BASE - 4)
    asOfNull('k', BASE - 6)
  })

  it('shouldPutOlderNullWithNullLatest', async () => {
    await open()
    put('k', null, BASE, UNDEFINED)
    put('k', null, BASE - 2, BASE)
    put('k', null, BASE - 1, BASE)
    put('k', null, BASE - 4, BASE - 2)
    put('k', 'v3', BASE - 3, BASE - 2)
    put('k', 'v5', BASE - 5, BASE - 4)
    put('k', null, BASE - 6, BASE - 5)
    latestNull('k')
    asOfNull('k', BASE)
    asOfNull('k', BASE - 1)
    asOfNull('k', BASE - 2)
    asOf('k', BASE - 3, 'v3', BASE - 3, BASE - 2)
    asOfNull('k', BASE - 4)
    asOf('k', BASE - 5, 'v5', BASE - 5, BASE - 4)
    asOfNull('k', BASE - 6)
  })

  it('shouldPutRepeatTimestampAsLatest', async () => {
    await open()
    put('k', 'to_be_replaced', BASE, UNDEFINED)
    put('k', 'b', BASE, UNDEFINED)
    latest('k', 'b', BASE)
    asOf('k', BASE, 'b', BASE, UNDEFINED)
    asOfNull('k', BASE - 1)
    put('k', null, BASE, UNDEFINED)
    latestNull('k')
    asOfNull('k', BASE)
    asOfNull('k', BASE - 1)
    put('k', null, BASE, UNDEFINED)
    latestNull('k')
    asOfNull('k', BASE)
    asOfNull('k', BASE - 1)
    put('k', 'b', BASE, UNDEFINED)
    latest('k', 'b', BASE)
    asOf('k', BASE, 'b', BASE, UNDEFINED)
    asOfNull('k', BASE - 1)
  })

  const repeatTimestamps: Array<[string, string | null, number, number]> = [
    ['k', 'to_be_replaced', SI + 20, UNDEFINED],
    ['k', null, SI - 10, SI + 20],
    ['k', 'to_be_replaced', SI - 10, SI + 20],
    ['k', null, SI - 10, SI + 20],
    ['k', 'to_be_replaced', SI - 1, SI + 20],
    ['k', 'to_be_replaced', SI + 1, SI + 20],
    ['k', null, SI - 1, SI + 1],
    ['k', null, SI + 1, SI + 20],
    ['k', null, SI + 10, SI + 20],
    ['k', null, SI + 5, SI + 10],
    ['k', 'vp5', SI + 5, SI + 10],
    ['k', 'to_be_replaced', SI - 5, SI - 1],
    ['k', 'vn5', SI - 5, SI - 1],
    ['k', null, SI + 20, UNDEFINED],
    ['k', null, SI + 20, UNDEFINED],
    ['k', 'vn6', SI - 6, SI - 5],
  ]
  const verifyRepeatTimestamps = () => {
    latestNull('k')
    asOfNull('k', SI + 30)
    asOfNull('k', SI + 15)
    asOf('k', SI + 6, 'vp5', SI + 5, SI + 10)
    asOfNull('k', SI + 2)
    asOfNull('k', SI)
    asOfNull('k', SI - 1)
    asOf('k', SI - 5, 'vn5', SI - 5, SI - 1)
    asOf('k', SI - 6, 'vn6', SI - 6, SI - 5)
    asOfNull('k', SI - 8)
  }

  it('shouldPutRepeatTimestamps', async () => {
    await open()
    for (const [k, v, ts, validTo] of repeatTimestamps) put(k, v, ts, validTo)
    verifyRepeatTimestamps()
  })

  it('shouldPutIntoMultipleSegments', async () => {
    await open()
    put('k', null, SI - 20, UNDEFINED)
    put('k', 'vn10', SI - 10, UNDEFINED)
    put('k', null, SI - 1, UNDEFINED)
    put('k', null, SI + 1, UNDEFINED)
    put('k', 'vp10', SI + 10, UNDEFINED)
    put('k', null, SI + 20, UNDEFINED)
    latestNull('k')
    asOfNull('k', SI + 30)
    asOf('k', SI + 15, 'vp10', SI + 10, SI + 20)
    asOfNull('k', SI + 5)
    asOfNull('k', SI + 2)
    asOfNull('k', SI)
    asOfNull('k', SI - 1)
    asOf('k', SI - 5, 'vn10', SI - 10, SI - 1)
    asOfNull('k', SI - 15)
  })

  const verifyMoveToOlderSegment = () => {
    latest('k', 'vp20', SI + 20)
    asOf('k', SI + 30, 'vp20', SI + 20, UNDEFINED)
    asOf('k', SI + 15, 'vp10', SI + 10, SI + 20)
    asOf('k', SI + 5, 'vp1', SI + 1, SI + 10)
    asOf('k', SI, 'vn1', SI - 1, SI + 1)
    asOf('k', SI - 1, 'vn1', SI - 1, SI + 1)
    asOf('k', SI - 2, 'vn2', SI - 2, SI - 1)
    asOf('k', SI - 5, 'vn10', SI - 10, SI - 2)
  }

  it('shouldMoveRecordToOlderSegmentDuringPut', async () => {
    await open()
    put('k', 'vp20', SI + 20, UNDEFINED)
    put('k', 'vp10', SI + 10, SI + 20)
    put('k', 'vn10', SI - 10, SI + 10)
    put('k', 'vn2', SI - 2, SI + 10)
    put('k', 'vn1', SI - 1, SI + 10)
    put('k', 'vp1', SI + 1, SI + 10)
    verifyMoveToOlderSegment()
  })

  const verifyWithNulls = () => {
    latestNull('k')
    asOfNull('k', SI + 30)
    asOfNull('k', SI + 15)
    asOf('k', SI + 6, 'vp5', SI + 5, SI + 10)
    asOfNull('k', SI + 2)
    asOfNull('k', SI)
    asOfNull('k', SI - 1)
    asOf('k', SI - 5, 'vn5', SI - 5, SI - 1)
    asOf('k', SI - 6, 'vn6', SI - 6, SI - 5)
    asOfNull('k', SI - 8)
  }

  it('shouldMoveRecordToOlderSegmentWithNullsDuringPut', async () => {
    await open()
    put('k', null, SI + 20, UNDEFINED)
    put('k', null, SI - 1, SI + 20)
    put('k', null, SI + 1, SI + 20)
    put('k', null, SI - 10, SI - 1)
    put('k', null, SI + 10, SI + 20)
    put('k', 'vp5', SI + 5, SI + 10)
    put('k', 'vn5', SI - 5, SI - 1)
    put('k', 'vn6', SI - 6, SI - 5)
    verifyWithNulls()
  })

  it('shouldFallThroughToExistingOlderSegmentAsLatestDuringPut', async () => {
    await open()
    put('k', null, SI - 5, UNDEFINED)
    put('k', 'vn6', SI - 6, SI - 5)
    put('k', 'vp20', SI + 20, UNDEFINED)
    put('k', null, SI + 10, SI + 20)
    put('k', null, SI - 1, SI + 10)
    put('k', 'vn2', SI - 2, SI - 1)
    latest('k', 'vp20', SI + 20)
    asOf('k', SI + 30, 'vp20', SI + 20, UNDEFINED)
    asOfNull('k', SI + 12)
    asOfNull('k', SI)
    asOfNull('k', SI - 1)
    asOf('k', SI - 2, 'vn2', SI - 2, SI - 1)
    asOfNull('k', SI - 5)
    asOf('k', SI - 6, 'vn6', SI - 6, SI - 5)
  })

  it('shouldPutNonLatestTombstoneIntoNewSegmentWithValidTo', async () => {
    await open()
    put('k', 'vp30', SI + 30, UNDEFINED)
    put('k', null, SI - 10, SI + 30)
    put('k', 'vn5', SI - 5, SI + 30)
    put('k', 'vn1', SI - 1, SI + 30)
    put('k', null, SI - 2, SI - 1)
    latest('k', 'vp30', SI + 30)
    asOf('k', SI + 10, 'vn1', SI - 1, SI + 30)
    asOf('k', SI - 1, 'vn1', SI - 1, SI + 30)
    asOfNull('k', SI - 2)
    asOf('k', SI - 5, 'vn5', SI - 5, SI - 2)
    asOfNull('k', SI - 10)
  })

  it('shouldDelete', async () => {
    await open()
    put('k', 'vp20', SI + 20, UNDEFINED)
    put('k', 'vp10', SI + 10, SI + 20)
    put('k', 'vn10', SI - 10, SI + 10)
    put('k', 'vn2', SI - 2, SI + 10)
    // Kafka checks value and timestamp; the validTo is the one the version had before the delete.
    expect(s.delete('k', SI - 5)).toEqual({ value: 'vn10', timestamp: SI - 10, validTo: SI - 2 })
    expect(s.delete('k', SI + 10)).toEqual({ value: 'vp10', timestamp: SI + 10, validTo: SI + 20 })
    expect(s.delete('k', SI + 10)).toBeNull()
    expect(s.delete('k', SI + 25)).toEqual({ value: 'vp20', timestamp: SI + 20, validTo: null })
    latestNull('k')
  })

  it('shouldNotPutExpired', async () => {
    await open()
    put('k', 'v', HISTORY_RETENTION + 10, UNDEFINED)
    put('k1', 'v1', HISTORY_RETENTION + 10 - GRACE_PERIOD, UNDEFINED)
    latest('k1', 'v1', HISTORY_RETENTION + 10 - GRACE_PERIOD)
    put('k2', 'v2', HISTORY_RETENTION + 9 - GRACE_PERIOD, NOT_PUT)
    latestNull('k2')
  })

  it('shouldNotDeleteExpired', async () => {
    await open()
    put('k1', 'v1', 1, UNDEFINED)
    put('k2', 'v2', 1, UNDEFINED)
    put('kother', 'vother', HISTORY_RETENTION + 10, UNDEFINED)
    expect(s.delete('k1', HISTORY_RETENTION + 10 - GRACE_PERIOD)).toMatchObject({ value: 'v1', timestamp: 1 })
    latestNull('k1')
    expect(s.delete('k2', HISTORY_RETENTION + 9 - GRACE_PERIOD)).toBeNull()
    latest('k2', 'v2', 1)
  })

  it('shouldGetFromOlderSegments', async () => {
    await open()
    put('ko', null, SI - 10, UNDEFINED)
    put('ko', null, 2 * SI - 10, UNDEFINED)
    put('ko', null, 3 * SI - 10, UNDEFINED)
    asOfNull('k', SI - 20)
    put('k', 'v', SI - 20, UNDEFINED)
    put('k', null, SI - 10, UNDEFINED)
    asOfNull('k', SI - 30)
    asOf('k', SI - 15, 'v', SI - 20, SI - 10)
    asOfNull('k', SI - 5)
    put('k', 'v2', 3 * SI - 20, UNDEFINED)
    put('k', null, 3 * SI - 10, UNDEFINED)
    asOfNull('k', SI - 30)
    asOf('k', SI - 15, 'v', SI - 20, SI - 10)
    asOfNull('k', SI - 5)
  })

  it('shouldNotGetExpired', async () => {
    await open()
    put('k', 'v_old', 0, UNDEFINED)
    put('k', 'v', SI - 10, UNDEFINED)
    asOf('k', SI - 11, 'v_old', 0, SI - 10)
    put('ko', 'vo', HISTORY_RETENTION + SI - 11, UNDEFINED)
    asOf('k', SI - 11, 'v_old', 0, SI - 10)
    put('ko', 'vo2', HISTORY_RETENTION + SI - 10, UNDEFINED)
    asOfNull('k', SI - 11)
  })

  it('shouldGetExpiredIfLatestValue', async () => {
    await open()
    put('k', 'v', 1, UNDEFINED)
    put('ko', 'vo_old', 1, UNDEFINED)
    put('ko', 'vo_new', HISTORY_RETENTION + 12, UNDEFINED)
    asOf('k', 10, 'v', 1, UNDEFINED)
    asOfNull('ko', 10)
  })

  it('shouldDistinguishEmptyAndNull', async () => {
    await open()
    put('k', null, SI + 20, UNDEFINED)
    put('k', null, SI - 10, SI + 20)
    put('k', null, SI - 1, SI + 20)
    put('k', null, SI + 1, SI + 20)
    put('k', null, SI + 10, SI + 20)
    put('k', '', SI + 5, SI + 10)
    put('k', '', SI - 5, SI - 1)
    put('k', '', SI - 6, SI - 5)
    latestNull('k')
    asOfNull('k', SI + 30)
    asOfNull('k', SI + 15)
    asOf('k', SI + 6, '', SI + 5, SI + 10)
    asOfNull('k', SI + 2)
    asOfNull('k', SI)
    asOfNull('k', SI - 1)
    asOf('k', SI - 5, '', SI - 5, SI - 1)
    asOf('k', SI - 6, '', SI - 6, SI - 5)
    asOfNull('k', SI - 8)
  })

  it('shouldRestore', async () => {
    await open()
    await restore([
      ['k', 'vp20', SI + 20],
      ['k', 'vp10', SI + 10],
      ['k', 'vn10', SI - 10],
      ['k', 'vn2', SI - 2],
      ['k', 'vn1', SI - 1],
      ['k', 'vp1', SI + 1],
    ])
    verifyMoveToOlderSegment()
  })

  it('shouldRestoreWithNulls', async () => {
    await open()
    await restore([
      ['k', null, SI + 20],
      ['k', null, SI - 1],
      ['k', null, SI + 1],
      ['k', null, SI - 10],
      ['k', null, SI + 10],
      ['k', 'vp5', SI + 5],
      ['k', 'vn5', SI - 5],
      ['k', 'vn6', SI - 6],
    ])
    verifyWithNulls()
  })

  it('shouldRestoreWithNullsAndRepeatTimestamps', async () => {
    await open()
    await restore(repeatTimestamps.map(([k, v, ts]) => [k, v, ts] as [string, string | null, number]))
    verifyRepeatTimestamps()
  })

  it('shouldRestoreMultipleBatches', async () => {
    await open()
    await restore([
      ['k', null, SI - 20],
      ['k', 'vn10', SI - 10],
      ['k', null, SI - 1],
    ])
    await restore([
      ['k', null, SI + 1],
      ['k', 'vp10', SI + 10],
      ['k', null, SI + 20],
    ])
    latestNull('k')
    asOfNull('k', SI + 30)
    asOf('k', SI + 15, 'vp10', SI + 10, SI + 20)
    asOfNull('k', SI + 5)
    asOfNull('k', SI + 2)
    asOfNull('k', SI)
    asOfNull('k', SI - 1)
    asOf('k', SI - 5, 'vn10', SI - 10, SI - 1)
    asOfNull('k', SI - 15)
  })

  it('shouldNotRestoreExpired', async () => {
    await open()
    await restore([
      ['k', 'v', HISTORY_RETENTION + 10],
      ['k1', 'v1', HISTORY_RETENTION + 10 - GRACE_PERIOD],
      ['k2', 'v2', HISTORY_RETENTION + 9 - GRACE_PERIOD],
    ])
    latest('k', 'v', HISTORY_RETENTION + 10)
    latest('k1', 'v1', HISTORY_RETENTION + 10 - GRACE_PERIOD)
    latestNull('k2')
  })

  it('shouldRestoreEvenIfRecordWouldBeExpiredByEndOfBatch', async () => {
    await open()
    await restore([
      ['k2', 'v2', HISTORY_RETENTION - GRACE_PERIOD],
      ['k', 'v', HISTORY_RETENTION + 10],
    ])
    latest('k2', 'v2', HISTORY_RETENTION - GRACE_PERIOD)
    latest('k', 'v', HISTORY_RETENTION + 10)
  })

  it('shouldAllowZeroHistoryRetention', async () => {
    await open(0)
    put('k', 'v', BASE, UNDEFINED)
    latest('k', 'v', BASE)
    asOf('k', BASE, 'v', BASE, UNDEFINED)
    asOf('k', BASE + 1, 'v', BASE, UNDEFINED)
    put('k', 'updated', BASE, UNDEFINED)
    latest('k', 'updated', BASE)
    asOf('k', BASE, 'updated', BASE, UNDEFINED)
    put('k', 'v2', BASE + 2, UNDEFINED)
    latest('k', 'v2', BASE + 2)
    asOf('k', BASE + 2, 'v2', BASE + 2, UNDEFINED)
    asOfNull('k', BASE + 1)
    s.delete('k', BASE + 3)
    latestNull('k')
    put('k2', 'v', BASE + 2, NOT_PUT)
    latestNull('k2')
  })

  it('rejects a null key (Kafka: "key cannot be null")', async () => {
    await open()
    expect(() => s.put(null as unknown as string, 'v', 1)).toThrow(StoreArgumentError)
    expect(() => s.get(null as unknown as string)).toThrow('key cannot be null')
    expect(() => s.delete(null as unknown as string, 1)).toThrow(StoreArgumentError)
  })

  it('keeps a tombstone that replaced the latest version at its own timestamp, so an older put ends there (Kafka\'s RocksDB store forgets such a tombstone when the key has no older history)', async () => {
    await open()
    put('k', 'v1', BASE, UNDEFINED)
    put('k', null, BASE, UNDEFINED)
    put('k', 'v0', BASE - 5, BASE)
    latestNull('k')
    asOf('k', BASE - 1, 'v0', BASE - 5, BASE)
    asOfNull('k', BASE)
  })

  it('rejects a timestamp that is not a finite number (Java longs cannot be NaN), leaving stream time as it was', async () => {
    await open()
    put('k', 'v', 100, UNDEFINED)
    expect(() => s.put('k', 'v', Number.NaN)).toThrow(StoreArgumentError)
    expect(() => s.delete('k', Number.POSITIVE_INFINITY)).toThrow('timestamp must be a finite number')
    expect(() => s.get('k', Number.NaN)).toThrow('asOfTimestamp must be a finite number')
    put('k', 'v2', 90, 100)
  })

  it('throws KS_ERR_STORE_CLOSED once closed', async () => {
    await open()
    await s.close()
    expect(() => s.get('k')).toThrow(InvalidStateStoreError)
    expect(() => s.put('k', 'v', 1)).toThrow(/closed/)
  })

  // Only where it applies: no skipped variants.
  if (spec.logging) {
    it('logs every put and delete with the version timestamp, and restores the same history from the log', async () => {
      await open()
      for (const [k, v, ts, validTo] of repeatTimestamps) put(k, v, ts, validTo)
      s.delete('k', SI + 10)
      put('k', 'vp10', SI + 10, SI + 20)
      expect(h.ctx.logged.map((c) => [c.key.toString(), c.value?.toString() ?? null, c.timestamp])).toEqual([
        ...repeatTimestamps.map(([k, v, ts]) => [k, v, ts]),
        ['k', null, SI + 10],
        ['k', 'vp10', SI + 10],
      ])
      const log = [...h.ctx.logged]
      const before = [SI - 8, SI - 6, SI - 5, SI - 1, SI, SI + 2, SI + 6, SI + 10, SI + 15, SI + 30].map((t) => s.get('k', t))
      // A fresh store (in-memory; LevelDB after wiping its directory) replays the log.
      await h.dispose()
      await open()
      await h.ctx.restore(NAME, log.map((c, offset) => ({ key: c.key, value: c.value, timestamp: c.timestamp, offset })))
      expect([SI - 8, SI - 6, SI - 5, SI - 1, SI, SI + 2, SI + 6, SI + 10, SI + 15, SI + 30].map((t) => s.get('k', t))).toEqual(before)
      asOf('k', SI + 15, 'vp10', SI + 10, SI + 20)
    })
  }

  // Only where it applies: no skipped variants.
  if (spec.engine === 'leveldb') {
    it('keeps versions and observed stream time across close and reopen after persist', async () => {
      await open()
      put('k', 'vp20', SI + 20, UNDEFINED)
      put('k', 'vp10', SI + 10, SI + 20)
      put('k', 'vn10', SI - 10, SI + 10)
      put('ko', 'x', HISTORY_RETENTION + SI - 11, UNDEFINED)
      s.flush()
      await s.persist(42)
      s = await h.reopen()
      expect(s.committedOffset()).toBe(42)
      latest('k', 'vp20', SI + 20)
      asOf('k', SI + 15, 'vp10', SI + 10, SI + 20)
      asOf('k', SI - 5, 'vn10', SI - 10, SI + 10)
      // Observed stream time survived: this put is past the grace period.
      put('k', 'late', SI - 12, NOT_PUT)
      put('ko', 'y', HISTORY_RETENTION + SI + 11, UNDEFINED)
      // Unpersisted writes are gone after a reopen.
      await h.store.close()
      s = await h.reopen()
      latest('ko', 'x', HISTORY_RETENTION + SI - 11)
    })
  }

  it('drops expired history segments as stream time advances, keeping the latest versions', async () => {
    await open()
    put('k', 'v0', 0, UNDEFINED)
    put('k', 'v1', 1, UNDEFINED)
    put('k2', 'only', 2, UNDEFINED)
    put('kt', 't', 3, UNDEFINED)
    put('kt', null, 4, UNDEFINED)
    put('other', 'x', HISTORY_RETENTION + 2 * SI, UNDEFINED)
    asOfNull('k', 0)
    latest('k', 'v1', 1)
    asOf('k', 5, 'v1', 1, UNDEFINED)
    latest('k2', 'only', 2)
    latestNull('kt')
    // A late write within grace lands in live history only.
    put('k', 'late', HISTORY_RETENTION + 2 * SI - 10, UNDEFINED)
    asOf('k', HISTORY_RETENTION + 2 * SI - 5, 'late', HISTORY_RETENTION + 2 * SI - 10, UNDEFINED)
    asOf('k', 2 * SI, 'v1', 1, HISTORY_RETENTION + 2 * SI - 10)
  })
})

describe('Kafka StoresTest (versioned stores)', () => {
  it('shouldThrowIfPersistentVersionedKeyValueStoreStoreNameIsNull', () => {
    expect(() => Stores.persistentVersionedKeyValueStore(null as unknown as string, 0)).toThrow('name cannot be null')
    expect(() => Stores.persistentVersionedKeyValueStore(null as unknown as string, 0, 1)).toThrow('name cannot be null')
  })

  it('shouldThrowIfPersistentVersionedKeyValueStoreHistoryRetentionIsNegative', () => {
    expect(() => Stores.persistentVersionedKeyValueStore('anyName', -1)).toThrow(StoreArgumentError)
    expect(() => Stores.persistentVersionedKeyValueStore('anyName', -1, 1)).toThrow('historyRetention cannot be negative')
  })

  it('shouldThrowIfPersistentVersionedKeyValueStoreSegmentIntervalIsZeroOrNegative', () => {
    expect(() => Stores.persistentVersionedKeyValueStore('anyName', 0, 0)).toThrow('segmentInterval cannot be zero or negative')
    expect(() => Stores.persistentVersionedKeyValueStore('anyName', 0, -1)).toThrow('segmentInterval cannot be zero or negative')
  })

  it('shouldCreateRocksDbVersionedStore (default segment interval by history retention)', () => {
    const supplier = Stores.persistentVersionedKeyValueStore('store', 60_000)
    expect(supplier.name).toBe('store')
    expect(supplier.historyRetentionMs).toBe(60_000)
    expect(supplier.segmentIntervalMs).toBe(20_000)
    expect(Stores.persistentVersionedKeyValueStore('s', 0).segmentIntervalMs).toBe(2_000)
    expect(Stores.persistentVersionedKeyValueStore('s', 300_000).segmentIntervalMs).toBe(60_000)
    expect(Stores.persistentVersionedKeyValueStore('s', 3_600_000).segmentIntervalMs).toBe(300_000)
    expect(Stores.persistentVersionedKeyValueStore('s', 24 * 3_600_000).segmentIntervalMs).toBe(3_600_000)
    expect(Stores.persistentVersionedKeyValueStore('s', 1000, 7).segmentIntervalMs).toBe(7)
  })

  it('builder: no caching (Kafka: "Versioned stores do not support caching"), logging on with the versioned compaction lag', () => {
    const builder = Stores.versionedKeyValueStoreBuilder(Stores.persistentVersionedKeyValueStore('v', 1000), Serdes.String(), Serdes.String())
    expect(() => builder.withCachingEnabled()).toThrow('Versioned stores do not support caching')
    expect(builder.loggingEnabled).toBe(true)
    expect(builder.historyRetentionMs).toBe(1000)
    expect(builder.logConfig).toEqual({ 'min.compaction.lag.ms': String(1000 + 86_400_000) })
    builder.withLoggingEnabled({ 'min.compaction.lag.ms': '5', 'segment.ms': '10' })
    expect(builder.logConfig).toEqual({ 'min.compaction.lag.ms': '5', 'segment.ms': '10' })
    expect(builder.withLoggingDisabled().loggingEnabled).toBe(false)
    expect(() => Stores.versionedKeyValueStoreBuilder(null as unknown as VersionedBytesStoreSupplier, null, null)).toThrow('supplier cannot be null')
  })
})

/** The semantics of `VersionedKeyValueStore`, written the obvious way: every version of every key in a sorted list. */
class ReferenceVersionedStore {
  private readonly versions = new Map<string, Array<{ ts: number; value: string | null }>>()
  private observed = -1
  constructor(private readonly historyRetention: number) {}

  put(key: string, value: string | null, ts: number): number {
    if (ts < this.observed - this.historyRetention) return NOT_PUT
    this.observed = Math.max(this.observed, ts)
    const list = this.versions.get(key) ?? []
    this.versions.set(key, list)
    const at = list.findIndex((v) => v.ts >= ts)
    if (at >= 0 && list[at]!.ts === ts) list[at]!.value = value
    else if (at < 0) list.push({ ts, value })
    else list.splice(at, 0, { ts, value })
    const i = list.findIndex((v) => v.ts === ts)
    return i + 1 < list.length ? list[i + 1]!.ts : UNDEFINED
  }

  delete(key: string, ts: number): { value: string; timestamp: number; validTo: number | null } | null {
    if (ts < this.observed - this.historyRetention) return null
    const existing = this.get(key, ts)
    this.put(key, null, ts)
    return existing
  }

  get(key: string, asOf?: number): { value: string; timestamp: number; validTo: number | null } | null {
    const list = this.versions.get(key) ?? []
    const last = list[list.length - 1]
    if (asOf === undefined) return last === undefined || last.value === null ? null : { value: last.value, timestamp: last.ts, validTo: null }
    if (last !== undefined && last.value !== null && last.ts <= asOf) return { value: last.value, timestamp: last.ts, validTo: null }
    if (asOf < this.observed - this.historyRetention) return null
    let i = list.length - 1
    while (i >= 0 && list[i]!.ts > asOf) i--
    if (i < 0 || list[i]!.value === null) return null
    return { value: list[i]!.value!, timestamp: list[i]!.ts, validTo: i + 1 < list.length ? list[i + 1]!.ts : null }
  }

  get streamTime(): number {
    return this.observed
  }
}

describe.each(stacks)('versioned store against a reference model ($label)', (spec) => {
  let h: Harness<Store> | undefined
  afterEach(async () => {
    await h?.dispose()
  })

  it.each([12345, 777, 4242])('agrees with the reference on random puts, deletes and reads, live, after reopen and after restore from its changelog (seed %i)', async (initialSeed) => {
    const historyRetention = 50
    const segmentInterval = 10
    const makeSupplier = () =>
      spec.engine === 'leveldb'
        ? Stores.persistentVersionedKeyValueStore(NAME, historyRetention, segmentInterval)
        : new InMemoryVersionedBytesStoreSupplier(NAME, historyRetention, segmentInterval)
    h = await openHarness(spec, () => Stores.versionedKeyValueStoreBuilder(makeSupplier(), Serdes.String(), Serdes.String()))
    let store = h.store
    const ref = new ReferenceVersionedStore(historyRetention)
    let seed = initialSeed
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    const keys = ['a', 'b', 'c']
    const compareAll = (label: string) => {
      for (const k of keys) {
        expect(store.get(k), `${label}: get(${k})`).toEqual(ref.get(k))
        for (let t = ref.streamTime - historyRetention - 3; t <= ref.streamTime + 3; t++) {
          expect(store.get(k, t), `${label}: get(${k}, ${t})`).toEqual(ref.get(k, t))
        }
      }
    }
    for (let step = 0; step < 600; step++) {
      const k = keys[random(keys.length)]!
      const ts = Math.max(0, ref.streamTime + random(80) - 60)
      const op = random(10)
      if (op < 2) expect(store.delete(k, ts), `step ${step}: delete(${k}, ${ts})`).toEqual(ref.delete(k, ts))
      else {
        const value = op < 4 ? null : `v${step}`
        expect(store.put(k, value, ts), `step ${step}: put(${k}, ${value}, ${ts})`).toBe(ref.put(k, value, ts))
      }
      if (step % 50 === 0) compareAll(`step ${step}`)
    }
    compareAll('end')
    const log = [...h.ctx.logged]
    if (spec.engine === 'leveldb') {
      store.flush()
      await store.persist(1)
      store = await h.reopen()
      compareAll('reopened')
    }
    if (spec.logging) {
      expect(log.length).toBe(600)
      await h.dispose()
      h = await openHarness(spec, () => Stores.versionedKeyValueStoreBuilder(makeSupplier(), Serdes.String(), Serdes.String()))
      store = h.store
      // Restored in batches of 100, as the state manager hands them over.
      for (let i = 0; i < log.length; i += 100) {
        await h.ctx.restore(NAME, log.slice(i, i + 100).map((c, j) => ({ key: c.key, value: c.value, timestamp: c.timestamp, offset: i + j })))
      }
      compareAll('restored')
    }
  })
})

describe('versioned store through the Processor API and the TopologyTestDriver', () => {
  let driver: TopologyTestDriver | null = null
  afterEach(async () => {
    await driver?.close()
    driver = null
  })

  /** Puts each record at its timestamp and forwards what the key held just before it ("prev:<value>" or "prev:none"). */
  const topology = () =>
    new Topology()
      .addSource('source', 'prices', { keySerde: Serdes.String(), valueSerde: Serdes.String() })
      .addProcessor(
        'versioner',
        () => {
          let context: ProcessorContext<string, string>
          let store: VersionedKeyValueStore<string, string>
          return {
            init: (ctx: ProcessorContext<string, string>) => {
              context = ctx
              store = ctx.getStateStore<VersionedKeyValueStore<string, string>>('prices-store')
            },
            process: (r: Record<string, string>) => {
              const before = store.get(r.key, r.timestamp - 1)
              const validTo = store.put(r.key, r.value === 'DELETE' ? null : r.value, r.timestamp)
              context.forward(r.withValue(`prev:${before?.value ?? 'none'} validTo:${validTo}`))
            },
          }
        },
        'source',
      )
      .addStateStore(
        Stores.versionedKeyValueStoreBuilder(Stores.persistentVersionedKeyValueStore('prices-store', 1000), Serdes.String(), Serdes.String()),
        'versioner',
      )
      .addSink('sink', 'out', { keySerde: Serdes.String(), valueSerde: Serdes.String() }, 'versioner')

  it('reads versions as of a record time, takes out-of-order puts, logs each version with its timestamp, and is reached by getVersionedKeyValueStore', async () => {
    driver = new TopologyTestDriver(topology(), { applicationId: 'app' })
    const input = driver.createInputTopic('prices', Serdes.String(), Serdes.String())
    await input.pipeInput('apple', '1.00', 2100)
    await input.pipeInput('apple', '1.20', 2300)
    await input.pipeInput('apple', '1.10', 2200)
    await input.pipeInput('apple', 'DELETE', 2400)
    // Within the history retention (1 s) of stream time 2400, then just past it.
    await input.pipeInput('apple', 'late', 2299)
    await input.pipeInput('apple', 'too-late', 1399)
    const out = driver.createOutputTopic('out', Serdes.String(), Serdes.String())
    expect(out.readValuesToList()).toEqual([
      'prev:none validTo:-1',
      'prev:1.00 validTo:-1',
      'prev:1.00 validTo:2300',
      'prev:1.20 validTo:-1',
      'prev:1.10 validTo:2300',
      `prev:none validTo:${PUT_RETURN_CODE_NOT_PUT}`,
    ])
    const store = driver.getVersionedKeyValueStore<string, string>('prices-store')!
    expect(store.get('apple')).toBeNull()
    expect(store.get('apple', 2250)).toEqual({ value: '1.10', timestamp: 2200, validTo: 2299 })
    expect(store.get('apple', 2299)).toEqual({ value: 'late', timestamp: 2299, validTo: 2300 })
    expect(store.get('apple', 2350)).toEqual({ value: '1.20', timestamp: 2300, validTo: 2400 })
    expect(store.get('apple', 1399)).toBeNull()
    const changelog = driver.createOutputTopic('app-prices-store-changelog', Serdes.String(), Serdes.String())
    expect(changelog.readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).toEqual([
      ['apple', '1.00', 2100],
      ['apple', '1.20', 2300],
      ['apple', '1.10', 2200],
      ['apple', null, 2400],
      ['apple', 'late', 2299],
      // Logged although not put, as Kafka does; restore skips it again.
      ['apple', 'too-late', 1399],
    ])
    expect(driver.getKeyValueStore('prices-store')).toBeNull()
    expect(() => driver!.getStateStore('prices-store')).toThrow(StoreTypeMismatchError)
    expect(() => driver!.getStateStore('prices-store')).toThrow('getVersionedKeyValueStore()')
    expect(driver.getVersionedKeyValueStore('missing')).toBeNull()
  })
})
