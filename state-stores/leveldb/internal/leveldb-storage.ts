/**
 * The LevelDB backend: one classic-level database per store at `<stateDir>/<storeName>`.
 *
 * Layout: `0x00 | name` holds metadata (the changelog checkpoint and engine state), outside
 * the data key space; `0x01 | key` holds key-value data; `0x02 | segment (8 bytes) | key`
 * holds segmented (window/session) data, so an expired segment is one range clear.
 *
 * Writes are staged in an ordered in-memory map (reads check it first, ranges merge it with
 * LevelDB, deletions hidden) and written by `persist()` as ONE `db.batch()` together with
 * the checkpoint and state: data and checkpoint are atomic. Point reads use `getSync`.
 */
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import type { StateStoreContext } from '../../../processor-api/state-store.js'
import { InvalidStateStoreError, StoreIoError } from '../../errors.js'
import type { KeyValueIterator } from '../../key-value-store.js'
import { fromKeyString, prefixUpperBound, readLong, toKeyString, writeLong } from '../../internal/bytes.js'
import type { MergeSource } from '../../internal/merged-iterator.js'
import { MergedKeyValueIterator, SortedMapSource } from '../../internal/merged-iterator.js'
import { SortedMap, type KeyBound } from '../../internal/sorted-map.js'
import type { SegmentStorage, StorageBound, StorageState, StorageWrite } from '../../internal/segment-storage.js'
import { LevelDbSource } from './leveldb-source.js'

const META_CHECKPOINT = Buffer.from('\x00checkpoint', 'latin1')
/**
 * Staged bytes past which writes go down early (RocksDB's `write_buffer_size`, 16 MiB in Kafka
 * Streams). A quarter of that here: the stage lives in the JS heap, next to everything else the
 * application holds (B8 under a 256 MB heap: 16 MiB per store gave RSS 414 MiB, 4 MiB 350 MiB).
 */
export const DEFAULT_WRITE_BUFFER_BYTES = 4 * 1024 * 1024
/** What a staged entry costs in memory beyond its key and value bytes (map entry, key string, Buffer object). */
const STAGED_ENTRY_OVERHEAD = 200
const META_STATE = Buffer.from('\x00state', 'latin1')

interface Region {
  readonly buf: Buffer
  readonly str: string
  readonly upper: Buffer
  readonly upperStr: string
}

interface PersistedState {
  observedStreamTime: number
  count: number
  segments: number[]
}

/** The LevelDB `SegmentStorage` (see the module doc); `segmented` selects the key layout. */
export class LevelDbStorage implements SegmentStorage {
  readonly persistent = true
  readonly writeBehind = true
  private db: ClassicLevel<Buffer, Buffer> | null = null
  private storeName = ''
  /** Staged writes (full storage key as latin1 → value, null = delete). */
  private staging = new SortedMap<Buffer | null>()
  /** Writes of a `persist` in progress: still visible to reads until the batch is written. */
  private inflight: SortedMap<Buffer | null> | null = null
  private pendingClears: Array<{ gte: Buffer; lt: Buffer }> = []
  private persisting: Promise<void> | null = null
  private readonly regions = new Map<number, Region>()
  private segmentIds: number[] = []
  private persistedCount = 0
  private stagedDelta = 0
  private checkpoint: number | null = null
  /** The observed stream time written by the last persist (or read on open). */
  private persistedStreamTime = -1
  private scratch = Buffer.allocUnsafe(256)
  /** Estimated memory of the staged writes. */
  private stagedBytes = 0
  /**
   * Past this many staged bytes the writes go down before the commit, without a checkpoint
   * (as RocksDB flushes a full memtable): only when local state may run ahead of the committed
   * position, i.e. not under exactly-once, whose state holds only committed data. 0: never.
   */
  private writeBufferBytes = 0

  constructor(private readonly segmented: boolean) {}

  async open(context: StateStoreContext, storeName: string): Promise<StorageState | null> {
    this.storeName = storeName
    this.writeBufferBytes = writeBufferBytesOf(context.appConfigs)
    if (context.stateDir === null) {
      throw new InvalidStateStoreError('KS_ERR_STORE_INVALID', storeName, `Persistent store ${storeName} needs a state directory, but the context has none.`)
    }
    const db = new ClassicLevel<Buffer, Buffer>(join(context.stateDir, storeName), { keyEncoding: 'buffer', valueEncoding: 'buffer' })
    try {
      await db.open()
    } catch (err) {
      throw new StoreIoError(storeName, `Cannot open LevelDB store ${storeName}: ${String(err)}`, { cause: err })
    }
    this.db = db
    const cp = db.getSync(META_CHECKPOINT)
    this.checkpoint = cp === undefined ? null : readLong(cp, 0)
    const raw = db.getSync(META_STATE)
    if (raw === undefined) return null
    const state = JSON.parse(raw.toString('utf8')) as PersistedState
    this.persistedCount = state.count
    this.segmentIds = state.segments
    this.persistedStreamTime = state.observedStreamTime
    return { observedStreamTime: state.observedStreamTime }
  }

  get(segment: number, key: Buffer): Buffer | undefined {
    const region = this.region(segment)
    if (this.staging.size > 0 || this.inflight !== null) {
      const k = region.str + toKeyString(key)
      const staged = this.staging.get(k)
      if (staged !== undefined) return staged ?? undefined
      if (this.inflight !== null) {
        const flying = this.inflight.get(k)
        if (flying !== undefined) return flying ?? undefined
      }
    }
    const n = region.buf.length + key.length
    if (this.scratch.length < n) this.scratch = Buffer.allocUnsafe(n * 2)
    region.buf.copy(this.scratch, 0)
    key.copy(this.scratch, region.buf.length)
    try {
      return this.requireDb().getSync(this.scratch.subarray(0, n))
    } catch (err) {
      throw new StoreIoError(this.storeName, `Read from ${this.storeName} failed: ${String(err)}`, { cause: err })
    }
  }

  put(segment: number, key: Buffer, value: Buffer | null): void {
    const region = this.region(segment)
    const k = region.str + toKeyString(key)
    const staging = this.staging
    if (this.segmented) {
      // Window and session stores have no entry count (only key-value stores report one): one map write.
      if (staging.set(k, value)) this.staged(k, value)
      this.addSegment(segment)
      return
    }
    const previous = staging.get(k)
    // Count estimate (see writeStaged): a staged put adds a key; a delete removes one only when
    // the key exists (deletes are rare enough to afford the read).
    if (previous === undefined) {
      if (value !== null) this.stagedDelta++
      else if (!this.segmented && this.get(segment, key) !== undefined) this.stagedDelta--
    } else if ((previous === null) !== (value === null)) this.stagedDelta += value === null ? -1 : 1
    staging.set(k, value)
    if (previous === undefined) this.staged(k, value)
  }

  /** Counts a newly staged key; starts an early write when the staged writes outgrow the write buffer. */
  private staged(k: string, value: Buffer | null): void {
    this.stagedBytes += k.length + (value === null ? 0 : value.length) + STAGED_ENTRY_OVERHEAD
    if (this.writeBufferBytes > 0 && this.stagedBytes > this.writeBufferBytes && this.persisting === null) this.writeEarly()
  }

  /**
   * Writes the staged data down now, keeping the checkpoint and stream time the store already has
   * (a crash replays the changelog from that checkpoint over it). Never rejects: on failure the
   * writes are back in the stage and the next persist retries them.
   */
  private writeEarly(): void {
    const p = this.writeStaged(this.checkpoint, { observedStreamTime: this.persistedStreamTime }).catch(() => undefined)
    this.persisting = p
    void p.then(() => {
      if (this.persisting === p) this.persisting = null
    })
  }

  iterate(segment: number, lower: StorageBound | null, upper: StorageBound | null, reverse: boolean): KeyValueIterator<Buffer, Buffer> {
    const db = this.requireDb()
    const region = this.region(segment)
    const lo: KeyBound =
      lower === null ? { key: region.str, inclusive: true } : { key: region.str + toKeyString(lower.key), inclusive: lower.inclusive }
    const hi: KeyBound =
      upper === null ? { key: region.upperStr, inclusive: false } : { key: region.str + toKeyString(upper.key), inclusive: upper.inclusive }
    const prefixLength = region.buf.length
    const strip = (k: string): Buffer => fromKeyString(k.slice(prefixLength))
    const sources: MergeSource[] = []
    if (this.staging.size > 0) sources.push(new SortedMapSource(this.staging, lo, hi, reverse, strip))
    if (this.inflight !== null) sources.push(new SortedMapSource(this.inflight, lo, hi, reverse, strip))
    const loKey = fromKeyString(lo.key)
    const hiKey = fromKeyString(hi.key)
    const it = db.iterator<Buffer, Buffer>({
      reverse,
      ...(lo.inclusive ? { gte: loKey } : { gt: loKey }),
      ...(hi.inclusive ? { lte: hiKey } : { lt: hiKey }),
    })
    sources.push(new LevelDbSource(it, prefixLength))
    return new MergedKeyValueIterator(sources, reverse)
  }

  segments(): readonly number[] {
    return this.segmented ? this.segmentIds : [0]
  }

  dropSegment(segment: number): void {
    const region = this.region(segment)
    const cursor = this.staging.cursor({ key: region.str, inclusive: true }, { key: region.upperStr, inclusive: false }, false)
    const doomed: string[] = []
    for (let k = cursor.next(); k !== undefined; k = cursor.next()) doomed.push(k)
    for (const k of doomed) this.staging.delete(k)
    this.pendingClears.push({ gte: region.buf, lt: region.upper })
    this.segmentIds = this.segmentIds.filter((s) => s !== segment)
    this.regions.delete(segment)
  }

  count(): number {
    return Math.max(0, this.persistedCount + this.stagedDelta)
  }

  async persist(changelogOffset: number | null, state: StorageState): Promise<void> {
    while (this.persisting !== null) await this.persisting
    // Nothing new to write: skip the batch (idle stores are persisted at every commit).
    if (
      this.staging.size === 0 &&
      this.pendingClears.length === 0 &&
      changelogOffset === this.checkpoint &&
      state.observedStreamTime === this.persistedStreamTime
    ) {
      return
    }
    const p = this.writeStaged(changelogOffset, state)
    this.persisting = p
    try {
      await p
    } finally {
      this.persisting = null
    }
  }

  committedOffset(): number | null {
    return this.checkpoint
  }

  async restore(writes: readonly StorageWrite[], state: StorageState): Promise<void> {
    const db = this.requireDb()
    const batch = db.batch()
    for (const w of writes) {
      const segment = w.segment ?? 0
      const region = this.region(segment)
      const key = Buffer.allocUnsafe(region.buf.length + w.key.length)
      region.buf.copy(key, 0)
      w.key.copy(key, region.buf.length)
      if (this.staging.size > 0) this.staging.delete(toKeyString(key))
      // Restore skips existence reads to stay fast: the count is an estimate until the next persist.
      if (w.value === null) {
        batch.del(key)
        this.persistedCount = Math.max(0, this.persistedCount - 1)
      } else {
        batch.put(key, w.value)
        this.persistedCount++
      }
      if (this.segmented) this.addSegment(segment)
    }
    batch.put(META_STATE, this.encodeState(state, this.persistedCount))
    try {
      await batch.write()
    } catch (err) {
      throw new StoreIoError(this.storeName, `Restore into ${this.storeName} failed: ${String(err)}`, { cause: err })
    }
  }

  async close(): Promise<void> {
    while (this.persisting !== null) await this.persisting.catch(() => undefined)
    const db = this.db
    this.db = null
    this.staging = new SortedMap()
    this.stagedDelta = 0
    this.stagedBytes = 0
    this.pendingClears = []
    if (db !== null) await db.close()
  }

  private async writeStaged(changelogOffset: number | null, state: StorageState): Promise<void> {
    const db = this.requireDb()
    const staged = this.staging
    const clears = this.pendingClears
    this.staging = new SortedMap()
    this.pendingClears = []
    this.inflight = staged
    const stagedDelta = this.stagedDelta
    this.stagedDelta = 0
    const stagedBytes = this.stagedBytes
    this.stagedBytes = 0
    try {
      // A chained batch: about half the CPU of the array form per operation (no per-op object
      // clone and property reads in abstract-level and the binding).
      const batch = db.batch()
      for (const [k, v] of staged.unorderedEntries()) {
        const key = fromKeyString(k)
        if (v === null) batch.del(key)
        else batch.put(key, v)
      }
      // The key count is an estimate (like RocksDB's estimate-num-keys): existence reads per
      // key would double the cost of a commit, so re-putting an existing key counts it again.
      const count = Math.max(0, this.persistedCount + stagedDelta)
      batch.put(META_STATE, this.encodeState(state, count))
      if (changelogOffset === null) batch.del(META_CHECKPOINT)
      else {
        const cp = Buffer.allocUnsafe(8)
        writeLong(cp, 0, changelogOffset)
        batch.put(META_CHECKPOINT, cp)
      }
      await batch.write()
      this.persistedCount = count
      this.persistedStreamTime = state.observedStreamTime
      this.checkpoint = changelogOffset
      for (const range of clears) await db.clear(range)
    } catch (err) {
      // Give the writes back, so a later persist retries them; newer writes win.
      for (const [k, v] of staged.unorderedEntries()) if (!this.staging.has(k)) this.staging.set(k, v)
      this.pendingClears = clears.concat(this.pendingClears)
      this.stagedDelta += stagedDelta
      this.stagedBytes += stagedBytes
      throw new StoreIoError(this.storeName, `Persisting ${this.storeName} failed: ${String(err)}`, { cause: err })
    } finally {
      this.inflight = null
    }
  }

  private encodeState(state: StorageState, count: number): Buffer {
    const persisted: PersistedState = { observedStreamTime: state.observedStreamTime, count, segments: this.segmentIds }
    return Buffer.from(JSON.stringify(persisted), 'utf8')
  }

  private addSegment(segment: number): void {
    const ids = this.segmentIds
    if (ids.length > 0 && ids[ids.length - 1] === segment) return
    if (ids.includes(segment)) return
    // Copy on write: scans hold on to the array they started with.
    this.segmentIds = [...ids, segment].sort((a, b) => a - b)
  }

  private region(segment: number): Region {
    let region = this.regions.get(segment)
    if (region === undefined) {
      let buf: Buffer
      if (this.segmented) {
        buf = Buffer.allocUnsafe(9)
        buf[0] = 0x02
        writeLong(buf, 1, segment)
      } else buf = Buffer.from([0x01])
      const upper = prefixUpperBound(buf)!
      region = { buf, str: toKeyString(buf), upper, upperStr: toKeyString(upper) }
      this.regions.set(segment, region)
    }
    return region
  }

  private requireDb(): ClassicLevel<Buffer, Buffer> {
    if (this.db === null) throw InvalidStateStoreError.closed(this.storeName)
    return this.db
  }
}

/**
 * The early-write threshold from application configs: `leveldb.write.buffer.bytes` (0 turns early
 * writes off), else `DEFAULT_WRITE_BUFFER_BYTES` (4 MiB); always 0 under exactly-once.
 */
export function writeBufferBytesOf(configs: { readonly [key: string]: unknown }): number {
  if (configs['processing.guarantee'] === 'exactly_once_v2') return 0
  const v = configs['leveldb.write.buffer.bytes']
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_WRITE_BUFFER_BYTES
}
