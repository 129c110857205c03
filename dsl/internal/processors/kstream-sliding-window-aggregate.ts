import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import type { Window, Windowed } from '../../../processor-api/windowed.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { TimestampedWindowStore } from '../../../state-stores/window-store.js'
import type { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'
import type { Aggregator, Initializer } from '../../functions.js'
import type { EmitStrategy } from '../../options/emit-strategy.js'
import type { SlidingWindows } from '../../windows/sliding-windows.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import type { KTableValueGetterSupplier, KTableViewProvider } from '../ktable-value-getter.js'
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder.js'
import { WindowCloseEmitter } from './window-close-emitter.js'

type Vat<V> = ValueAndTimestamp<V>

/**
 * Sliding window aggregation (Kafka's `KStreamSlidingWindowAggregate`): each record creates its
 * left window `[t - d, t]` and, when a later record exists within `d`, its right window
 * `[t + 1, t + 1 + d]`, and updates every existing window containing it. Windows are found with a
 * backward range scan, as Kafka does with stores that support it.
 */
export class KStreamSlidingWindowAggregate<K, V, VA> implements DslProcessorSupplier<K, V, Windowed<K>, Change<VA>>, KTableViewProvider<Windowed<K>, VA> {
  private sendOldValues = false

  constructor(
    readonly windows: SlidingWindows,
    readonly storeName: string,
    readonly emitStrategy: EmitStrategy,
    readonly initializer: Initializer<VA | null>,
    readonly aggregator: Aggregator<K, V, VA | null>,
  ) {}

  get(): Processor<K, V, Windowed<K>, Change<VA>> {
    return new SlidingWindowAggregateProcessor(this, this.sendOldValues)
  }

  enableSendingOldValues(): boolean {
    this.sendOldValues = true
    return true
  }

  view(): KTableValueGetterSupplier<Windowed<K>, VA> {
    const storeName = this.storeName
    return {
      get() {
        let store: TimestampedWindowStore<K, VA>
        return {
          init(context) {
            store = context.getStateStore<TimestampedWindowStore<K, VA>>(storeName)
          },
          get: (w: Windowed<K>) => store.fetch(w.key, w.window.start),
          close() {},
        }
      },
      storeNames: () => [storeName],
    }
  }
}

class SlidingWindowAggregateProcessor<K, V, VA> implements Processor<K, V, Windowed<K>, Change<VA>> {
  private store!: TimestampedWindowStore<K, VA>
  private forwarder!: TimestampedTupleForwarder<Windowed<K>, VA>
  private emitter: WindowCloseEmitter<K, VA> | null = null
  private observedStreamTime = -1
  private readonly d: number

  constructor(
    private readonly s: KStreamSlidingWindowAggregate<K, V, VA>,
    private readonly sendOldValues: boolean,
  ) {
    this.d = s.windows.timeDifferenceMs
  }

  init(context: ProcessorContext<Windowed<K>, Change<VA>>): void {
    this.store = context.getStateStore<TimestampedWindowStore<K, VA>>(this.s.storeName)
    if (this.s.emitStrategy.type === 'ON_WINDOW_CLOSE') {
      this.forwarder = new TimestampedTupleForwarder<Windowed<K>, VA>(null, context, this.sendOldValues)
      const d = this.d
      this.emitter = new WindowCloseEmitter<K, VA>(context, this.store, this.forwarder, {
        lowerBound: (last) => (last === -1 ? 0 : Math.max(0, last - d)),
        upperBound: (closeTime) => closeTime - d - 1,
        shouldRangeFetch: () => true,
      })
    } else {
      this.forwarder = new TimestampedTupleForwarder<Windowed<K>, VA>(this.store, context, this.sendOldValues)
    }
  }

  process(record: Record<K, V>): void | Promise<void> {
    if (record.key === null || record.key === undefined || record.value === null || record.value === undefined) return
    this.observedStreamTime = Math.max(this.observedStreamTime, record.timestamp)
    const closeTime = this.observedStreamTime - this.s.windows.graceMs
    if (record.timestamp + this.d < closeTime) return
    return this.processAsync(record, closeTime)
  }

  private async processAsync(record: Record<K, V>, closeTime: number): Promise<void> {
    if (record.timestamp < this.d) await this.processEarly(record, closeTime)
    else await this.processReverse(record, closeTime)
    if (this.emitter !== null) await this.emitter.maybeEmit(record as Record<unknown, unknown>, closeTime)
  }

  /** The windows of the key whose start lies in [from, to], newest first. */
  private async windowsOf(key: K, from: number, to: number, backward: boolean): Promise<{ start: number; value: Vat<VA> }[]> {
    const it = backward ? this.store.backwardFetch(key, from, to) : this.store.fetch(key, from, to)
    const out: { start: number; value: Vat<VA> }[] = []
    try {
      for await (const kv of it) out.push({ start: kv.key, value: kv.value })
    } finally {
      await it.close()
    }
    return out
  }

  private async processReverse(record: Record<K, V>, closeTime: number): Promise<void> {
    const t = record.timestamp
    const d = this.d
    const starts = new Set<number>()
    let leftWinAgg: Vat<VA> | null = null
    let rightWinAgg: Vat<VA> | null = null
    let leftWinAlreadyCreated = false
    let rightWinAlreadyCreated = false
    let previousRecordTimestamp: number | null = null
    for (const w of await this.windowsOf(record.key, Math.max(0, t - 2 * d), t + 1, true)) {
      starts.add(w.start)
      const end = w.start + d
      const maxTs = w.value.timestamp
      if (w.start === t + 1) {
        rightWinAlreadyCreated = true
      } else if (end > t) {
        if (rightWinAgg === null) rightWinAgg = w.value
        this.updateWindowAndForward({ start: w.start, end }, w.value, record, closeTime)
      } else if (end === t) {
        leftWinAlreadyCreated = true
        this.updateWindowAndForward({ start: w.start, end }, w.value, record, closeTime)
        if (maxTs < t) previousRecordTimestamp = maxTs
        else return
      } else {
        leftWinAgg = w.value
        previousRecordTimestamp = maxTs
        break
      }
    }
    this.createWindows(record, closeTime, starts, rightWinAgg, leftWinAgg, leftWinAlreadyCreated, rightWinAlreadyCreated, previousRecordTimestamp)
  }

  private async processEarly(record: Record<K, V>, closeTime: number): Promise<void> {
    const t = record.timestamp
    const d = this.d
    let combined: { start: number; value: Vat<VA> } | null = null
    let rightWinAgg: Vat<VA> | null = null
    let rightWinAlreadyCreated = false
    const starts = new Set<number>()
    let previousRecordTimestamp: number | null = null
    for (const w of await this.windowsOf(record.key, 0, t + 1, false)) {
      starts.add(w.start)
      if (w.start === 0) {
        combined = w
        if (w.value.timestamp < t) previousRecordTimestamp = w.value.timestamp
      } else if (w.start <= t) {
        rightWinAgg = w.value
        this.updateWindowAndForward({ start: w.start, end: w.start + d }, w.value, record, closeTime)
      } else if (w.start === t + 1) {
        rightWinAlreadyCreated = true
      }
    }
    if (rightWinAgg === null && combined !== null && combined.value.timestamp > t) rightWinAgg = combined.value
    if (!rightWinAlreadyCreated && rightWinAgg !== null && rightWinAgg.timestamp > t) this.createCurrentRecordRightWindow(t, rightWinAgg, record)
    if (previousRecordTimestamp !== null && !starts.has(previousRecordTimestamp + 1)) {
      this.createPreviousRecordRightWindow(previousRecordTimestamp + 1, record, closeTime)
    }
    if (combined === null) {
      this.updateWindowAndForward({ start: 0, end: d }, this.vat(this.s.initializer(), t), record, closeTime)
    } else {
      this.updateWindowAndForward({ start: combined.start, end: combined.start + d }, combined.value, record, closeTime)
    }
  }

  private createWindows(
    record: Record<K, V>,
    closeTime: number,
    starts: Set<number>,
    rightWinAgg: Vat<VA> | null,
    leftWinAgg: Vat<VA> | null,
    leftWinAlreadyCreated: boolean,
    rightWinAlreadyCreated: boolean,
    previousRecordTimestamp: number | null,
  ): void {
    const t = record.timestamp
    const d = this.d
    if (previousRecordTimestamp !== null) {
      const previousRightWinStart = previousRecordTimestamp + 1
      if (!starts.has(previousRightWinStart) && previousRightWinStart + d >= t) {
        this.createPreviousRecordRightWindow(previousRightWinStart, record, closeTime)
      }
    }
    if (!leftWinAlreadyCreated) {
      const leftNotEmpty = previousRecordTimestamp !== null && t - d <= previousRecordTimestamp
      const valueAndTime = leftNotEmpty && leftWinAgg !== null ? this.vat(leftWinAgg.value, t) : this.vat(this.s.initializer(), t)
      this.updateWindowAndForward({ start: t - d, end: t }, valueAndTime, record, closeTime)
    }
    if (!rightWinAlreadyCreated && rightWinAgg !== null && rightWinAgg.timestamp > t) this.createCurrentRecordRightWindow(t, rightWinAgg, record)
  }

  private vat(value: VA | null, timestamp: number): Vat<VA | null> {
    return { value, timestamp }
  }

  private createCurrentRecordRightWindow(t: number, rightWinAgg: Vat<VA>, record: Record<K, V>): void {
    const window: Window = { start: t + 1, end: t + 1 + this.d }
    this.store.put(record.key, rightWinAgg, window.start)
    this.maybeForwardUpdate(record, window, null, rightWinAgg.value, rightWinAgg.timestamp)
  }

  private createPreviousRecordRightWindow(start: number, record: Record<K, V>, closeTime: number): void {
    this.updateWindowAndForward({ start, end: start + this.d }, this.vat(this.s.initializer(), record.timestamp), record, closeTime)
  }

  private updateWindowAndForward(window: Window, valueAndTime: Vat<VA | null>, record: Record<K, V>, closeTime: number): void {
    if (window.end < closeTime) return
    const oldAgg = valueAndTime.value
    const newAgg = this.s.aggregator(record.key, record.value, oldAgg)
    const newTimestamp = oldAgg === null ? record.timestamp : Math.max(record.timestamp, valueAndTime.timestamp)
    this.store.put(record.key, newAgg === null ? null : { value: newAgg, timestamp: newTimestamp }, window.start)
    this.maybeForwardUpdate(record, window, oldAgg, newAgg, newTimestamp)
  }

  private maybeForwardUpdate(record: Record<K, V>, window: Window, oldAgg: VA | null, newAgg: VA | null, timestamp: number): void {
    if (this.emitter !== null) return
    this.forwarder.maybeForward(
      new Record<Windowed<K>, Change<VA>>({ key: record.key, window }, { newValue: newAgg, oldValue: this.sendOldValues ? oldAgg : null }, timestamp, record.headers),
    )
  }
}
