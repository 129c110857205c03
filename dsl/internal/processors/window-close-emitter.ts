import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { TimestampedWindowStore } from '../../../state-stores/window-store.js'
import type { TimestampedTupleForwarder } from './timestamped-tuple-forwarder.js'

/** Kafka's internal config for how often (wall clock ms) closed windows are looked for. */
export const EMIT_INTERVAL_CONFIG = '__emit.interval.ms.kstreams.windowed.aggregation__'

/** The window-start range to emit, per window kind. */
export interface EmitRange {
  lowerBound(lastEmitWindowCloseTime: number): number
  upperBound(windowCloseTime: number): number
  shouldRangeFetch(lastEmitWindowCloseTime: number, lower: number, upper: number): boolean
}

/**
 * `EmitStrategy.onWindowClose()` for time and sliding windows (Kafka's
 * `AbstractKStreamTimeWindowAggregateProcessor.maybeForwardFinalResult`): at most once per emit
 * interval of wall-clock time, forwards every window that closed since the last emission, with
 * its aggregate's timestamp. Not persisted across restarts (Kafka keeps it in commit metadata).
 */
export class WindowCloseEmitter<K, VA> {
  private lastEmitWindowCloseTime = -1
  private nextTimeToEmit = 0
  private readonly emitInterval: number

  constructor(
    private readonly context: ProcessorContext<Windowed<K>, Change<VA>>,
    private readonly store: TimestampedWindowStore<K, VA>,
    private readonly forwarder: TimestampedTupleForwarder<Windowed<K>, VA>,
    private readonly range: EmitRange,
  ) {
    const configured = context.appConfigs[EMIT_INTERVAL_CONFIG]
    this.emitInterval = typeof configured === 'number' ? configured : 1000
  }

  maybeEmit(record: Record<unknown, unknown>, windowCloseTime: number): void | Promise<void> {
    const now = this.context.currentSystemTimeMs()
    if (now < this.nextTimeToEmit) return
    this.nextTimeToEmit = now + this.emitInterval
    if (this.lastEmitWindowCloseTime !== -1 && this.lastEmitWindowCloseTime >= windowCloseTime) return
    const upper = this.range.upperBound(windowCloseTime)
    if (upper < 0) return
    const lower = this.range.lowerBound(this.lastEmitWindowCloseTime)
    if (!this.range.shouldRangeFetch(this.lastEmitWindowCloseTime, lower, upper)) return
    return this.fetchAndEmit(record, windowCloseTime, lower, upper)
  }

  private async fetchAndEmit(record: Record<unknown, unknown>, windowCloseTime: number, lower: number, upper: number): Promise<void> {
    const it = this.store.fetchAll(lower, upper)
    try {
      for await (const kv of it) {
        this.forwarder.maybeForward(
          new Record<Windowed<K>, Change<VA>>(kv.key, { newValue: kv.value.value, oldValue: null }, kv.value.timestamp, record.headers),
        )
      }
    } finally {
      await it.close()
    }
    this.lastEmitWindowCloseTime = windowCloseTime
  }
}
