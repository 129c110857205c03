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

  protected async nextEntry(): Promise<KeyValue<Windowed<Buffer>, V> | undefined> {
    if (this.next_ < this.buffer.length) return this.buffer[this.next_++]
    await this.fill()
    return this.next_ < this.buffer.length ? this.buffer[this.next_++] : undefined
  }

  /** Reads the next segment's entries (stable-sorted, so equal (time, key) keep the scan's order). */
  private async fill(): Promise<void> {
    this.buffer = []
    this.next_ = 0
    const first = this.lookahead ?? (await this.pullSource())
    this.lookahead = undefined
    if (first === undefined) return
    const segment = this.segmentOf(first)
    const group = [first]
    for (;;) {
      const e = await this.pullSource()
      if (e === undefined) break
      if (this.segmentOf(e) !== segment) {
        this.lookahead = e
        break
      }
      group.push(e)
    }
    const sign = this.reverse ? -1 : 1
    group.sort((a, b) => sign * (this.timeOf(a) - this.timeOf(b) || Buffer.compare(a.key.key, b.key.key)))
    this.buffer = group
  }

  private async pullSource(): Promise<KeyValue<Windowed<Buffer>, V> | undefined> {
    if (this.exhausted) return undefined
    const pulled = pullFrom(this.source)
    const e = pulled instanceof Promise ? await pulled : pulled
    if (e === undefined) this.exhausted = true
    return e
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
