import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import type { Window, Windowed } from '../../../processor-api/windowed.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { SessionStore } from '../../../state-stores/session-store.js'
import type { Aggregator, Initializer, Merger } from '../../functions.js'
import type { EmitStrategy } from '../../options/emit-strategy.js'
import type { SessionWindows } from '../../windows/session-windows.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import { makeValueAndTimestamp, type KTableValueGetterSupplier, type KTableViewProvider } from '../ktable-value-getter.js'
import { SessionTupleForwarder } from './session-tuple-forwarder.js'
import { EMIT_INTERVAL_CONFIG } from './window-close-emitter.js'

/** What a session aggregation computes. */
export interface SessionAggregation<K, V, VA> {
  readonly initializer: Initializer<VA>
  readonly aggregator: Aggregator<K, V, VA>
  readonly merger: Merger<K, VA>
}

/**
 * Session window aggregation (Kafka's `KStreamSessionWindowAggregate`): a record opens a session
 * `[t, t]` or merges every session of its key within the inactivity gap; merged sessions are
 * removed (and a tombstone forwarded for each) and the merged one is written. Sessions ending
 * before stream time - gap - grace are closed: late records for them are dropped.
 */
export class KStreamSessionWindowAggregate<K, V, VA> implements DslProcessorSupplier<K, V, Windowed<K>, Change<VA>>, KTableViewProvider<Windowed<K>, VA> {
  private sendOldValues = false

  constructor(
    readonly windows: SessionWindows,
    readonly storeName: string,
    readonly emitStrategy: EmitStrategy,
    readonly aggregation: SessionAggregation<K, V, VA>,
    /**
     * `retentionMs`: the store retention the user asked for. Emitting on window close, the engine
     * keeps closed sessions longer (see `sessionStoreFactory`); merges still only see sessions
     * within this retention of the store's stream time, as Kafka's store reads do.
     */
    readonly options: { readonly retentionMs?: number } = {},
  ) {}

  get(): Processor<K, V, Windowed<K>, Change<VA>> {
    return new SessionWindowAggregateProcessor(this, this.sendOldValues)
  }

  enableSendingOldValues(): boolean {
    this.sendOldValues = true
    return true
  }

  view(): KTableValueGetterSupplier<Windowed<K>, VA> {
    const storeName = this.storeName
    return {
      get() {
        let store: SessionStore<K, VA>
        return {
          init(context) {
            store = context.getStateStore<SessionStore<K, VA>>(storeName)
          },
          get(key: Windowed<K>) {
            return makeValueAndTimestamp(store.fetchSession(key.key, key.window.start, key.window.end), key.window.end)
          },
          close() {},
        }
      },
      storeNames: () => [storeName],
    }
  }
}

class SessionWindowAggregateProcessor<K, V, VA> implements Processor<K, V, Windowed<K>, Change<VA>> {
  private context!: ProcessorContext<Windowed<K>, Change<VA>>
  private store!: SessionStore<K, VA>
  private forwarder!: SessionTupleForwarder<K, VA>
  private observedStreamTime = -1
  /** The largest session end written to the store (its observed stream time, which expires sessions). */
  private storeObservedTime = -1
  private lastEmitWindowCloseTime = -1
  private nextTimeToEmit = 0
  private emitInterval = 1000
  private readonly emitOnClose: boolean

  constructor(
    private readonly supplier: KStreamSessionWindowAggregate<K, V, VA>,
    private readonly sendOldValues: boolean,
  ) {
    this.emitOnClose = supplier.emitStrategy.type === 'ON_WINDOW_CLOSE'
  }

  init(context: ProcessorContext<Windowed<K>, Change<VA>>): void {
    this.context = context
    this.store = context.getStateStore<SessionStore<K, VA>>(this.supplier.storeName)
    if (this.emitOnClose) {
      const configured = context.appConfigs[EMIT_INTERVAL_CONFIG]
      this.emitInterval = typeof configured === 'number' ? configured : 1000
      this.forwarder = new SessionTupleForwarder<K, VA>(null, context, this.sendOldValues)
    } else {
      this.forwarder = new SessionTupleForwarder<K, VA>(this.store, context, this.sendOldValues)
    }
  }

  process(record: Record<K, V>): void | Promise<void> {
    if (record.key === null || record.key === undefined) return
    return this.aggregate(record)
  }

  private async aggregate(record: Record<K, V>): Promise<void> {
    const { windows, aggregation } = this.supplier
    const key = record.key
    const timestamp = record.timestamp
    this.observedStreamTime = Math.max(this.observedStreamTime, timestamp)
    const windowCloseTime = this.observedStreamTime - windows.graceMs - windows.gapMs
    const merged: { key: Windowed<K>; value: VA }[] = []
    let mergedWindow: Window = { start: timestamp, end: timestamp }
    let agg = aggregation.initializer()
    const retentionMs = this.emitOnClose ? this.supplier.options.retentionMs : undefined
    const liveFrom = retentionMs === undefined ? -Infinity : this.storeObservedTime - retentionMs + 1
    const it = this.store.findSessions(key, Math.max(0, timestamp - windows.gapMs), timestamp + windows.gapMs)
    try {
      for await (const next of it) {
        if (next.key.window.end < liveFrom) continue
        merged.push(next)
        agg = aggregation.merger(key, agg, next.value)
        mergedWindow = { start: Math.min(mergedWindow.start, next.key.window.start), end: Math.max(mergedWindow.end, next.key.window.end) }
      }
    } finally {
      await it.close()
    }
    if (mergedWindow.end >= windowCloseTime) {
      if (mergedWindow.start !== timestamp || mergedWindow.end !== timestamp) {
        for (const session of merged) {
          this.store.remove(session.key)
          this.maybeForwardUpdate(session.key, session.value, null, record)
        }
      }
      agg = aggregation.aggregator(key, record.value, agg)
      const sessionKey: Windowed<K> = { key, window: mergedWindow }
      this.store.put(sessionKey, agg)
      this.storeObservedTime = Math.max(this.storeObservedTime, mergedWindow.end)
      this.maybeForwardUpdate(sessionKey, null, agg, record)
    }
    if (this.emitOnClose) await this.maybeForwardFinalResult(record, windowCloseTime)
  }

  private maybeForwardUpdate(key: Windowed<K>, oldAgg: VA | null, newAgg: VA | null, record: Record<K, V>): void {
    if (this.emitOnClose) return
    this.forwarder.maybeForward(
      new Record<Windowed<K>, Change<VA>>(key, { newValue: newAgg, oldValue: this.sendOldValues ? oldAgg : null }, key.window.end, record.headers),
    )
  }

  private async maybeForwardFinalResult(record: Record<K, V>, windowCloseTime: number): Promise<void> {
    const now = this.context.currentSystemTimeMs()
    if (now < this.nextTimeToEmit) return
    this.nextTimeToEmit = now + this.emitInterval
    if (this.lastEmitWindowCloseTime !== -1 && this.lastEmitWindowCloseTime >= windowCloseTime) return
    const upper = windowCloseTime - 1
    if (upper < 0) return
    const lower = Math.max(0, this.lastEmitWindowCloseTime)
    if (upper < lower) return
    const toEmit: { key: Windowed<K>; value: VA }[] = []
    const it = this.store.findSessionsInRange(null, null, lower, upper)
    try {
      for await (const kv of it) if (kv.key.window.end <= upper) toEmit.push(kv)
    } finally {
      await it.close()
    }
    toEmit.sort((a, b) => a.key.window.end - b.key.window.end)
    for (const kv of toEmit) {
      this.forwarder.maybeForward(new Record<Windowed<K>, Change<VA>>(kv.key, { newValue: kv.value, oldValue: null }, kv.key.window.end, record.headers))
    }
    this.lastEmitWindowCloseTime = windowCloseTime
  }
}
