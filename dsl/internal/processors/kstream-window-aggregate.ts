import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { TimestampedWindowStore } from '../../../state-stores/window-store.js'
import type { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'
import type { Aggregator, Initializer } from '../../functions.js'
import type { EmitStrategy } from '../../options/emit-strategy.js'
import type { TimeWindows } from '../../windows/time-windows.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import type { KTableValueGetter, KTableValueGetterSupplier, KTableViewProvider } from '../ktable-value-getter.js'
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder.js'
import { WindowCloseEmitter } from './window-close-emitter.js'

/**
 * Tumbling/hopping window aggregation (Kafka's `KStreamWindowAggregate`): adds each record to
 * every window containing it, unless the window closed (end <= stream time - grace); the
 * aggregate's timestamp is the max of its records'. With `EmitStrategy.onWindowClose()` updates
 * are not forwarded; closed windows are emitted once instead.
 */
export class KStreamWindowAggregate<K, V, VA> implements DslProcessorSupplier<K, V, Windowed<K>, Change<VA>>, KTableViewProvider<Windowed<K>, VA> {
  private sendOldValues = false

  constructor(
    readonly windows: TimeWindows,
    readonly storeName: string,
    private readonly emitStrategy: EmitStrategy,
    private readonly initializer: Initializer<VA | null>,
    private readonly aggregator: Aggregator<K, V, VA | null>,
  ) {}

  get(): Processor<K, V, Windowed<K>, Change<VA>> {
    return new KStreamWindowAggregateProcessor(this, this.sendOldValues)
  }

  enableSendingOldValues(): boolean {
    this.sendOldValues = true
    return true
  }

  view(): KTableValueGetterSupplier<Windowed<K>, VA> {
    const storeName = this.storeName
    return {
      get(): KTableValueGetter<Windowed<K>, VA> {
        let store: TimestampedWindowStore<K, VA>
        return {
          init(context) {
            store = context.getStateStore<TimestampedWindowStore<K, VA>>(storeName)
          },
          get(windowed: Windowed<K>): ValueAndTimestamp<VA> | null {
            return store.fetch(windowed.key, windowed.window.start)
          },
          close() {},
        }
      },
      storeNames: () => [storeName],
    }
  }

  /** @internal */
  get params(): { initializer: Initializer<VA | null>; aggregator: Aggregator<K, V, VA | null>; emitStrategy: EmitStrategy } {
    return { initializer: this.initializer, aggregator: this.aggregator, emitStrategy: this.emitStrategy }
  }
}

class KStreamWindowAggregateProcessor<K, V, VA> implements Processor<K, V, Windowed<K>, Change<VA>> {
  private store!: TimestampedWindowStore<K, VA>
  private forwarder!: TimestampedTupleForwarder<Windowed<K>, VA>
  private emitter: WindowCloseEmitter<K, VA> | null = null
  private observedStreamTime = -1
  private readonly params: { initializer: Initializer<VA | null>; aggregator: Aggregator<K, V, VA | null>; emitStrategy: EmitStrategy }

  constructor(
    private readonly supplier: KStreamWindowAggregate<K, V, VA>,
    private readonly sendOldValues: boolean,
  ) {
    this.params = supplier.params
  }

  init(context: ProcessorContext<Windowed<K>, Change<VA>>): void {
    const { storeName, windows } = this.supplier
    this.store = context.getStateStore<TimestampedWindowStore<K, VA>>(storeName)
    if (this.supplier.params.emitStrategy.type === 'ON_WINDOW_CLOSE') {
      this.forwarder = new TimestampedTupleForwarder<Windowed<K>, VA>(null, context, this.sendOldValues)
      this.emitter = new WindowCloseEmitter<K, VA>(context, this.store, this.forwarder, {
        lowerBound: (last) => (last === -1 ? 0 : Math.max(0, last - windows.sizeMs) + 1),
        upperBound: (closeTime) => closeTime - windows.sizeMs,
        shouldRangeFetch: (last, lower, upper) => last === -1 || !sameWindows(windows, upper, lower - 1),
      })
    } else {
      this.forwarder = new TimestampedTupleForwarder<Windowed<K>, VA>(this.store, context, this.sendOldValues)
    }
  }

  process(record: Record<K, V>): void | Promise<void> {
    const key = record.key
    if (key === null || key === undefined) return
    const windows = this.supplier.windows
    const { initializer, aggregator } = this.params
    const timestamp = record.timestamp
    this.observedStreamTime = Math.max(this.observedStreamTime, timestamp)
    const closeTime = this.observedStreamTime - windows.graceMs
    // The windows containing the record, oldest first (what `windows.windowsFor` lists), without building a map per record.
    const { sizeMs, advanceMs } = windows
    for (let windowStart = Math.floor(Math.max(0, timestamp - sizeMs + advanceMs) / advanceMs) * advanceMs; windowStart <= timestamp; windowStart += advanceMs) {
      const windowEnd = windowStart + sizeMs
      if (!(windowEnd > closeTime)) continue
      const old = this.store.fetch(key, windowStart)
      let oldAgg = old === null ? null : old.value
      let newTimestamp: number
      if (oldAgg === null) {
        oldAgg = initializer()
        newTimestamp = timestamp
      } else {
        newTimestamp = Math.max(timestamp, old!.timestamp)
      }
      const newAgg = aggregator(key, record.value, oldAgg)
      this.store.put(key, newAgg === null ? null : { value: newAgg, timestamp: newTimestamp }, windowStart)
      // With a cache (or emitting on window close) updates are not forwarded here: build nothing.
      if (this.emitter === null && this.forwarder.forwardsUpdates) {
        this.forwarder.maybeForward(
          new Record<Windowed<K>, Change<VA>>(
            { key, window: { start: windowStart, end: windowEnd } },
            { newValue: newAgg, oldValue: this.sendOldValues ? oldAgg : null },
            newTimestamp,
            record.headers,
          ),
        )
      }
    }
    if (this.emitter !== null) return this.emitter.maybeEmit(record, closeTime)
  }
}

function sameWindows(windows: TimeWindows, a: number, b: number): boolean {
  const wa = [...windows.windowsFor(a).keys()]
  const wb = [...windows.windowsFor(b).keys()]
  return wa.length === wb.length && wa.every((s, i) => s === wb[i])
}
