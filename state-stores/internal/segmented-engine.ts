/**
 * Shared logic of the window and session engines: time segments of `segmentIntervalMs`,
 * retention relative to the largest segment timestamp seen (Kafka's "observed stream time"),
 * dropping whole expired segments, and scans across segments.
 */
import type { KeyValue } from '../../processor-api/key-value.js'
import type { StateStore, StateStoreContext } from '../../processor-api/state-store.js'
import type { StoreCapabilities } from '../bytes/store-capabilities.js'
import type { KeyValueIterator } from '../key-value-store.js'
import { GeneratorKeyValueIterator, pullFrom } from './key-value-iterators.js'
import type { SegmentStorage, StorageBound } from './segment-storage.js'
import { StorageEngine } from './storage-engine.js'
import { TimeSketch } from './time-sketch.js'

/** Time segments and retention shared by the window and session engines. */
export abstract class SegmentedEngine extends StorageEngine {
  /** Per key hash, an upper bound of the latest timestamp stored (see `TimeSketch`). */
  protected readonly sketch = new TimeSketch()

  constructor(
    name: string,
    storage: SegmentStorage,
    capabilities: StoreCapabilities,
    readonly retentionPeriodMs: number,
    readonly segmentIntervalMs: number,
  ) {
    super(name, storage, capabilities)
  }

  override init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    const done = (): void => {
      // Everything already stored is at or before the observed stream time read on open.
      this.sketch.reset(this.observedStreamTime)
    }
    const r = super.init(context, root)
    if (r !== undefined) return r.then(done)
    done()
  }

  get observedStreamTimeMs(): number {
    return this.observedStreamTime
  }

  /** The segment holding timestamp `ts`. */
  protected segmentId(ts: number): number {
    return Math.floor(ts / this.segmentIntervalMs)
  }

  /** True when data at `ts` has expired (Kafka: ts <= observedStreamTime - retention). */
  protected isExpired(ts: number): boolean {
    return ts <= this.observedStreamTime - this.retentionPeriodMs
  }

  /** The earliest live timestamp not before `from` (Kafka's `getActualFrom`). */
  protected actualFrom(from: number): number {
    return Math.max(from, this.observedStreamTime - this.retentionPeriodMs + 1)
  }

  /**
   * Advances observed stream time to `ts` and drops every segment that is wholly expired. An
   * in-memory engine keeps them while a range iterator is open (Kafka's `InMemoryWindowStore`
   * does not expire data from open iterators); reads filter expired data either way.
   */
  protected observe(ts: number): void {
    if (ts <= this.observedStreamTime) return
    this.observedStreamTime = ts
    if (this.openScans > 0 && !this.storage.persistent) {
      this.dropsDeferred = true
      return
    }
    this.dropExpiredSegments()
  }

  private dropExpiredSegments(): void {
    const minLive = this.observedStreamTime - this.retentionPeriodMs + 1
    for (const segment of this.storage.segments()) {
      if ((segment + 1) * this.segmentIntervalMs > minLive) break
      this.storage.dropSegment(segment)
    }
  }

  /** Range iterators not yet closed (nor run to their end). */
  private openScans = 0
  /** A segment drop waits for the open iterators to close. */
  private dropsDeferred = false

  private scanClosed(): void {
    this.openScans--
    if (this.openScans === 0 && this.dropsDeferred && this.isOpen) {
      this.dropsDeferred = false
      this.dropExpiredSegments()
    }
  }

  /**
   * Scans the segments in [fromSegment, toSegment] (in reverse order when `reverse`), each
   * within `bounds(segment)`, mapping entries with `map` (undefined skips an entry).
   */
  protected scanSegments<K>(
    fromSegment: number,
    toSegment: number,
    lower: StorageBound | null,
    upper: StorageBound | null,
    reverse: boolean,
    map: (storeKey: Buffer, value: Buffer) => KeyValue<K, Buffer> | undefined,
  ): KeyValueIterator<K, Buffer> {
    const all = this.storage.segments()
    const segments: number[] = []
    for (const s of all) if (s >= fromSegment && s <= toSegment) segments.push(s)
    if (reverse) segments.reverse()
    const storage = this.storage
    // Kafka's segmented stores close their open iterators on close: `hasNext()` is then false
    // rather than an error, so an iterator of a closed store simply ends.
    const isOpen = (): boolean => this.isOpen
    async function* generate(): AsyncGenerator<KeyValue<K, Buffer>, void, undefined> {
      for (const segment of segments) {
        if (!isOpen()) return
        const it = storage.iterate(segment, lower, upper, reverse)
        try {
          for (;;) {
            let entry: KeyValue<Buffer, Buffer> | undefined
            try {
              const pulled = pullFrom(it)
              entry = pulled instanceof Promise ? await pulled : pulled
            } catch (err) {
              if (!isOpen()) return
              throw err
            }
            if (entry === undefined || !isOpen()) break
            const mapped = map(entry.key, entry.value)
            if (mapped !== undefined) yield mapped
          }
        } finally {
          await it.close()
        }
      }
    }
    this.openScans++
    return new ScanIterator(generate(), () => this.scanClosed())
  }
}

/** A generator iterator that reports its closing (explicit or at its end) once. */
class ScanIterator<K, V> extends GeneratorKeyValueIterator<K, V> {
  constructor(
    gen: AsyncGenerator<KeyValue<K, V>, void, undefined>,
    private onClosed: (() => void) | null,
  ) {
    super(gen)
  }

  protected override async onClose(): Promise<void> {
    const closed = this.onClosed
    this.onClosed = null
    closed?.()
    await super.onClose()
  }
}
