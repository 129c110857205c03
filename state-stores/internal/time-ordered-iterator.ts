/**
 * Re-orders a window or session range scan into time order, the order of Kafka's in-memory
 * stores (`InMemoryWindowStore`: window start, then key; `InMemorySessionStore`: session end,
 * then key, then session start). The engines scan segment by segment in key order within a
 * segment (RocksDB's order, which Kafka's persistent stores keep); segments come in time order,
 * so sorting one segment's entries at a time is enough and holds one segment in memory at most.
 */
import type { KeyValue } from '../../processor-api/key-value.js'
import type { Windowed } from '../../processor-api/windowed.js'
import type { KeyValueIterator } from '../key-value-store.js'
import { AbstractKeyValueIterator, pullFrom } from './key-value-iterators.js'

/** Which timestamp of a windowed entry orders it: the window start (windows) or end (sessions). */
export type OrderingTime = 'start' | 'end'

/** A window/session scan in (time, key) order, ascending or (when `reverse`) descending. */
export class TimeOrderedIterator<V> extends AbstractKeyValueIterator<Windowed<Buffer>, V> {
  private buffer: Array<KeyValue<Windowed<Buffer>, V>> = []
  private next_ = 0
  private lookahead: KeyValue<Windowed<Buffer>, V> | undefined = undefined
  private exhausted = false

  constructor(
    private readonly source: KeyValueIterator<Windowed<Buffer>, V>,
    private readonly time: OrderingTime,
    private readonly segmentIntervalMs: number,
    private readonly reverse: boolean,
  ) {
    super()
  }

  protected nextEntry(): Promise<KeyValue<Windowed<Buffer>, V> | undefined> | KeyValue<Windowed<Buffer>, V> | undefined {
    if (this.next_ < this.buffer.length) return this.buffer[this.next_++]
    if (this.exhausted && this.lookahead === undefined) return undefined
    const filled = this.fill()
    if (filled !== undefined) return filled.then(() => this.take())
    return this.take()
  }

  private take(): KeyValue<Windowed<Buffer>, V> | undefined {
    return this.next_ < this.buffer.length ? this.buffer[this.next_++] : undefined
  }

  /** Reads the next segment's entries into `buffer`, in time order. Synchronous while the source is. */
  private fill(): Promise<void> | undefined {
    this.buffer = []
    this.next_ = 0
    const group: Array<KeyValue<Windowed<Buffer>, V>> = []
    let segment = Number.NaN
    if (this.lookahead !== undefined) {
      group.push(this.lookahead)
      segment = this.segmentOf(this.lookahead)
      this.lookahead = undefined
    }
    const step = (e: KeyValue<Windowed<Buffer>, V> | undefined): boolean => {
      if (e === undefined) {
        this.exhausted = true
        return false
      }
      const seg = this.segmentOf(e)
      if (group.length > 0 && seg !== segment) {
        this.lookahead = e
        return false
      }
      segment = seg
      group.push(e)
      return true
    }
    const loop = (): Promise<void> | undefined => {
      while (!this.exhausted) {
        const pulled = pullFrom(this.source)
        if (pulled instanceof Promise) return pulled.then((e) => (step(e) ? loop() : this.sortInto(group)))
        if (!step(pulled)) break
      }
      this.sortInto(group)
      return undefined
    }
    return loop()
  }

  /**
   * Within a segment the scan is in key order (then time, then seqnum or session start), so a
   * stable sort by time alone yields (time, key, ...) order; reversed scans likewise.
   */
  private sortInto(group: Array<KeyValue<Windowed<Buffer>, V>>): void {
    if (this.time === 'start') {
      if (this.reverse) group.sort((a, b) => b.key.window.start - a.key.window.start)
      else group.sort((a, b) => a.key.window.start - b.key.window.start)
    } else if (this.reverse) group.sort((a, b) => b.key.window.end - a.key.window.end)
    else group.sort((a, b) => a.key.window.end - b.key.window.end)
    this.buffer = group
  }

  private timeOf(e: KeyValue<Windowed<Buffer>, V>): number {
    return this.time === 'start' ? e.key.window.start : e.key.window.end
  }

  private segmentOf(e: KeyValue<Windowed<Buffer>, V>): number {
    return Math.floor(this.timeOf(e) / this.segmentIntervalMs)
  }

  protected override onClose(): Promise<void> {
    this.buffer = []
    return this.source.close()
  }
}
