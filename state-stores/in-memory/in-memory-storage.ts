/**
 * The in-memory backend: one ordered map per segment, so dropping an expired segment is one
 * map deletion. Nothing is persisted: `persist` is a no-op and the checkpoint is always null
 * (in-memory stores restore their whole changelog, as in Kafka).
 */
import type { StateStoreContext } from '../../processor-api/state-store.js'
import { fromKeyString, toKeyString } from '../internal/bytes.js'
import type { KeyValueIterator } from '../key-value-store.js'
import { MergedKeyValueIterator, SortedMapSource } from '../internal/merged-iterator.js'
import { SortedMap } from '../internal/sorted-map.js'
import type { SegmentStorage, StorageBound, StorageState, StorageWrite } from '../internal/segment-storage.js'

/** The in-memory `SegmentStorage`: a sorted map per segment (see the module doc). */
export class InMemoryStorage implements SegmentStorage {
  readonly persistent = false
  readonly writeBehind = false
  private readonly maps = new Map<number, SortedMap<Buffer>>()
  private ids: number[] = []
  private entries = 0

  open(_context: StateStoreContext, _storeName: string): null {
    return null
  }

  get(segment: number, key: Buffer): Buffer | undefined {
    return this.maps.get(segment)?.get(toKeyString(key))
  }

  put(segment: number, key: Buffer, value: Buffer | null): void {
    const k = toKeyString(key)
    let map = this.maps.get(segment)
    if (value === null) {
      if (map !== undefined && map.delete(k)) {
        this.entries--
        if (map.size === 0) this.removeSegment(segment)
      }
      return
    }
    if (map === undefined) {
      map = new SortedMap<Buffer>()
      this.maps.set(segment, map)
      this.addSegment(segment)
    }
    if (map.set(k, value)) this.entries++
  }

  iterate(segment: number, lower: StorageBound | null, upper: StorageBound | null, reverse: boolean): KeyValueIterator<Buffer, Buffer> {
    const map = this.maps.get(segment) ?? new SortedMap<Buffer>()
    const source = new SortedMapSource(
      map,
      lower === null ? null : { key: toKeyString(lower.key), inclusive: lower.inclusive },
      upper === null ? null : { key: toKeyString(upper.key), inclusive: upper.inclusive },
      reverse,
      fromKeyString,
    )
    return new MergedKeyValueIterator([source], reverse)
  }

  segments(): readonly number[] {
    return this.ids
  }

  dropSegment(segment: number): void {
    const map = this.maps.get(segment)
    if (map === undefined) return
    this.entries -= map.size
    this.removeSegment(segment)
  }

  count(): number {
    return this.entries
  }

  persist(_changelogOffset: number | null, _state: StorageState): Promise<void> {
    return Promise.resolve()
  }

  committedOffset(): null {
    return null
  }

  restore(writes: readonly StorageWrite[], _state: StorageState): void {
    for (const w of writes) this.put(w.segment ?? 0, w.key, w.value)
  }

  close(): void {
    this.maps.clear()
    this.ids = []
    this.entries = 0
  }

  private addSegment(segment: number): void {
    // Copy on write: scans hold on to the array they started with.
    const ids = this.ids
    let i = ids.length
    while (i > 0 && ids[i - 1]! > segment) i--
    this.ids = ids.slice(0, i).concat([segment], ids.slice(i))
  }

  private removeSegment(segment: number): void {
    this.maps.delete(segment)
    const i = this.ids.indexOf(segment)
    if (i >= 0) this.ids = this.ids.slice(0, i).concat(this.ids.slice(i + 1))
  }
}
