/**
 * The versioned key-value engine (Kafka's `RocksDBVersionedStore`, minus RocksDB) over any
 * `SegmentStorage`. A reserved segment holds each key's latest version when it is not a tombstone
 * (`timestamp | value`); older versions, and a latest tombstone, live in history segments numbered
 * by their validTo (`floor(validTo / segmentInterval)`), one row per key and segment holding that
 * key's versions in time order (see `version-list.ts`). A segment is dropped whole once every
 * validTo in it is older than observed stream time minus the history retention.
 *
 * Every operation is a few synchronous point reads and writes: a put in time order reads the
 * latest row and one history row; an out-of-order put reads history rows from the newest segment
 * down to the one holding its timestamp. A sketch of the largest validTo stored per key hash
 * spares the reads of segments a key has no rows in (history rows are mostly absent).
 */
import type { ChangelogRecord, StateStore, StateStoreContext } from '../../processor-api/state-store.js'
import type { StoreCapabilities } from '../bytes/store-capabilities.js'
import { StoreArgumentError } from '../errors.js'
import { toKeyString } from '../internal/bytes.js'
import type { SegmentStorage, StorageWrite } from '../internal/segment-storage.js'
import { StorageEngine } from '../internal/storage-engine.js'
import { TimeSketch } from '../internal/time-sketch.js'
import { PUT_RETURN_CODE_NOT_PUT, PUT_RETURN_CODE_VALID_TO_UNDEFINED, type VersionedRecord } from '../versioned-key-value-store.js'
import type { VersionedBytesStore } from './versioned-bytes-store.js'
import { decodeLatest, decodeVersions, encodeLatest, encodeVersions, type Version } from './version-list.js'

/** The reserved segment of latest values (Kafka reserves segment -1; no history segment id reaches this one). */
const LATEST = Number.MIN_SAFE_INTEGER

/** Point access to rows: the storage itself, or a restore batch's overlay over it. */
interface RowAccess {
  /** Segment ids that may hold rows, ascending. */
  segments(): readonly number[]
  get(segment: number, key: Buffer): Buffer | undefined
  put(segment: number, key: Buffer, value: Buffer | null): void
}

/** A versioned engine over a `SegmentStorage` (see the module doc). */
export class VersionedEngine extends StorageEngine implements VersionedBytesStore {
  private readonly direct: RowAccess
  /** Per key hash, an upper bound of the validTo of every history row of the keys hashing there. */
  private readonly sketch = new TimeSketch()

  constructor(
    name: string,
    storage: SegmentStorage,
    capabilities: StoreCapabilities,
    readonly historyRetentionMs: number,
    readonly segmentIntervalMs: number,
  ) {
    super(name, storage, capabilities)
    this.direct = storage
  }

  override init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    // Every validTo stored is at most the observed stream time read back on open.
    const opened = super.init(context, root)
    if (opened !== undefined) return opened.then(() => this.sketch.reset(this.observedStreamTime))
    this.sketch.reset(this.observedStreamTime)
  }

  /** @throws StoreArgumentError when `timestamp` is not a finite number. */
  put(key: Buffer, value: Buffer | null, timestamp: number): number {
    this.checkOpen()
    this.checkTimestamp('timestamp', timestamp)
    if (this.isExpired(timestamp)) return PUT_RETURN_CODE_NOT_PUT
    this.advance(timestamp)
    return this.doPut(this.direct, key, value, timestamp)
  }

  /** @throws StoreArgumentError when `timestamp` is not a finite number. */
  delete(key: Buffer, timestamp: number): VersionedRecord<Buffer> | null {
    this.checkOpen()
    this.checkTimestamp('timestamp', timestamp)
    if (this.isExpired(timestamp)) return null
    const existing = this.get(key, timestamp)
    this.advance(timestamp)
    this.doPut(this.direct, key, null, timestamp)
    return existing
  }

  /** @throws StoreArgumentError when `asOfTimestamp` is given and not a finite number. */
  get(key: Buffer, asOfTimestamp?: number): VersionedRecord<Buffer> | null {
    this.checkOpen()
    if (asOfTimestamp !== undefined) this.checkTimestamp('asOfTimestamp', asOfTimestamp)
    const raw = this.storage.get(LATEST, key)
    const latest = raw === undefined ? null : decodeLatest(raw)
    if (asOfTimestamp === undefined) return latest === null ? null : toRecord(latest)
    // The latest version never expires: it answers any time at or after its own.
    if (latest !== null && latest.from <= asOfTimestamp) return toRecord(latest)
    if (this.isExpired(asOfTimestamp)) return null
    const lowest = this.segmentId(asOfTimestamp)
    const segments = this.storage.segments()
    for (let s = segments.length - 1; s >= 0; s--) {
      const segment = segments[s]!
      if (segment === LATEST) continue
      if (segment < lowest) break
      // The key has no row this recent.
      if (!this.sketch.mayHaveFrom(key, segment * this.segmentIntervalMs)) continue
      const row = this.storage.get(segment, key)
      if (row === undefined) continue
      const versions = decodeVersions(row)
      const last = versions[versions.length - 1]!
      // Nothing in this segment is valid at asOf or later, so nothing older is either.
      if ((last.to ?? last.from) <= asOfTimestamp) return null
      if (versions[0]!.from > asOfTimestamp) continue
      for (let i = versions.length - 1; i >= 0; i--) {
        const v = versions[i]!
        if (v.from <= asOfTimestamp) return v.value === null ? null : toRecord(v)
      }
    }
    return null
  }

  restoreBatch(records: ReadonlyArray<ChangelogRecord>): void | Promise<void> {
    this.checkOpen()
    const overlay = new RestoreOverlay(this.storage)
    for (const r of records) {
      // Every logged change was accepted when it was made; one that was not put is skipped again.
      if (this.isExpired(r.timestamp)) continue
      this.advance(r.timestamp)
      this.doPut(overlay, r.key, r.value, r.timestamp)
    }
    return this.storage.restore(overlay.writes(), this.state())
  }

  /** Puts a version (a tombstone when `value` is null); returns its validTo or -1. */
  private doPut(rows: RowAccess, key: Buffer, value: Buffer | null, timestamp: number): number {
    const work: Version[] = []
    /** History segments read (with or without a row for the key). */
    const read = new Map<number, boolean>()
    const latestRow = rows.get(LATEST, key)
    if (latestRow !== undefined) work.push(decodeLatest(latestRow))
    // An older put leaves the latest version as it is (it stays last, valid to no end).
    const latestKept = latestRow !== undefined && timestamp < work[0]!.from
    if (latestRow === undefined || latestKept) this.readHistory(rows, key, timestamp, work, read)

    // Insert or replace the version at `timestamp`.
    let i = work.length - 1
    while (i >= 0 && work[i]!.from > timestamp) i--
    let validTo: number | null
    if (i >= 0 && work[i]!.from === timestamp) {
      work[i]!.value = value
      validTo = work[i]!.to
    } else {
      validTo = i + 1 < work.length ? work[i + 1]!.from : null
      if (i >= 0) work[i]!.to = timestamp
      work.splice(i + 1, 0, { from: timestamp, to: validTo, value })
    }

    this.write(rows, key, work, latestRow !== undefined, latestKept, read)
    return validTo ?? PUT_RETURN_CODE_VALID_TO_UNDEFINED
  }

  /**
   * Prepends to `work` the history versions that a put at `timestamp` may touch: rows from the
   * newest segment down to the first one starting at or before `timestamp` (or the segment of
   * `timestamp`). A tombstone row stored as latest (validTo = validFrom) gets its real validTo.
   */
  private readHistory(rows: RowAccess, key: Buffer, timestamp: number, work: Version[], read: Map<number, boolean>): void {
    const lowest = this.segmentId(timestamp)
    const segments = rows.segments()
    const found: Version[][] = []
    for (let s = segments.length - 1; s >= 0; s--) {
      const segment = segments[s]!
      if (segment === LATEST) continue
      if (segment < lowest) break
      // The key has no row this recent (read stays without it: nothing to delete there).
      if (!this.sketch.mayHaveFrom(key, segment * this.segmentIntervalMs)) continue
      const row = rows.get(segment, key)
      read.set(segment, row !== undefined)
      if (row === undefined) continue
      const versions = decodeVersions(row)
      found.push(versions)
      if (versions[0]!.from <= timestamp) break
    }
    const history = found.reverse().flat()
    work.unshift(...history)
    for (let k = 0; k < history.length; k++) {
      const v = work[k]!
      if (v.value === null && v.to === v.from) v.to = k + 1 < work.length ? work[k + 1]!.from : null
    }
  }

  /** Writes `work` back: the latest non-tombstone version to the latest row, the rest by segment. */
  private write(rows: RowAccess, key: Buffer, work: Version[], hadLatest: boolean, latestKept: boolean, read: Map<number, boolean>): void {
    const last = work[work.length - 1]
    const latest = last !== undefined && last.to === null && last.value !== null ? last : null
    if (latestKept) {
      // The latest row is unchanged.
    } else if (latest !== null) rows.put(LATEST, key, encodeLatest(latest.from, latest.value!))
    else if (hadLatest) rows.put(LATEST, key, null)

    const minLive = this.segmentId(this.observedStreamTime - this.historyRetentionMs)
    const groups = new Map<number, Version[]>()
    for (const v of work) {
      if (v === latest) continue
      const segment = this.segmentId(v.to ?? v.from)
      // Older than the history retention: never read again, so not kept (Kafka's non-live segment).
      if (segment < minLive) continue
      let group = groups.get(segment)
      if (group === undefined) {
        group = []
        groups.set(segment, group)
        // Versions of a segment not read are all older than the ones put back (see readHistory).
        if (!read.has(segment) && this.sketch.mayHaveFrom(key, segment * this.segmentIntervalMs)) {
          const existing = rows.get(segment, key)
          if (existing !== undefined) group.push(...decodeVersions(existing))
        }
      }
      group.push(v)
    }
    for (const [segment, hadRow] of read) if (hadRow && !groups.has(segment)) rows.put(segment, key, null)
    for (const [segment, group] of groups) {
      const last = group[group.length - 1]!
      this.sketch.note(key, last.to ?? last.from)
      rows.put(segment, key, encodeVersions(group))
    }
  }

  private checkTimestamp(what: string, timestamp: number): void {
    if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
      throw new StoreArgumentError(`${what} must be a finite number of milliseconds, got ${String(timestamp)}`, { storeName: this.name })
    }
  }

  private isExpired(timestamp: number): boolean {
    return timestamp < this.observedStreamTime - this.historyRetentionMs
  }

  /** Advances observed stream time and drops the history segments it leaves behind. */
  private advance(timestamp: number): void {
    if (timestamp <= this.observedStreamTime) return
    this.observedStreamTime = timestamp
    const minLive = this.segmentId(timestamp - this.historyRetentionMs)
    for (const segment of this.storage.segments()) {
      if (segment === LATEST) continue
      if (segment >= minLive) break
      this.storage.dropSegment(segment)
    }
  }

  private segmentId(timestamp: number): number {
    return Math.floor(timestamp / this.segmentIntervalMs)
  }
}

function toRecord(v: Version): VersionedRecord<Buffer> {
  return { value: v.value!, timestamp: v.from, validTo: v.to }
}

/** Row writes of one restore batch, read back by the later puts of the batch, then written at once. */
class RestoreOverlay implements RowAccess {
  private readonly rows = new Map<string, StorageWrite>()
  private ids: readonly number[] | null = null
  private readonly added = new Set<number>()

  constructor(private readonly storage: SegmentStorage) {}

  segments(): readonly number[] {
    if (this.ids === null) this.ids = [...new Set([...this.storage.segments(), ...this.added])].sort((a, b) => a - b)
    return this.ids
  }

  get(segment: number, key: Buffer): Buffer | undefined {
    const staged = this.rows.get(`${segment}|${toKeyString(key)}`)
    if (staged !== undefined) return staged.value ?? undefined
    return this.storage.get(segment, key)
  }

  put(segment: number, key: Buffer, value: Buffer | null): void {
    const id = `${segment}|${toKeyString(key)}`
    if (value !== null && !this.added.has(segment)) {
      this.added.add(segment)
      this.ids = null
    }
    this.rows.delete(id)
    this.rows.set(id, { segment, key, value })
  }

  writes(): StorageWrite[] {
    return [...this.rows.values()]
  }
}
