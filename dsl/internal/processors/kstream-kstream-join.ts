import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import type { KeyValueStore } from '../../../state-stores/key-value-store.js'
import type { WindowStore } from '../../../state-stores/window-store.js'
import type { ValueJoiner } from '../../functions.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import { bindDefaultSerdes, type DefaultSerdeBinding } from '../serdes/default-serde-binding.js'
import type { LeftOrRightValue } from '../serdes/left-or-right-value.js'
import type { TimestampedKeyAndJoinSide } from '../serdes/timestamped-key-and-join-side.js'
import type { JoinTimeTracker, JoinTimeTrackerSupplier } from './join-time-tracker.js'

/** Kafka's internal config: how often (wall-clock ms) expired non-joined records are looked for. */
export const OUTER_JOIN_EMIT_INTERVAL_CONFIG = '__emit.interval.ms.kstreams.outer.join.spurious.results.fix__'

/** The settings of one side of a stream-stream join. */
export interface StreamJoinSide<K, VThis, VOther, VOut> {
  readonly otherWindowName: string
  /** Left side: `before`/`after` of the JoinWindows; right side: swapped. */
  readonly joinBeforeMs: number
  readonly joinAfterMs: number
  readonly windowsBeforeMs: number
  readonly windowsAfterMs: number
  readonly graceMs: number
  /** Emits this side's records without a match (left side of left/outer joins, right side of outer joins). */
  readonly outer: boolean
  readonly leftSide: boolean
  /** `(thisValue, otherValue, key)`: the right side gets a reversed joiner. */
  readonly joiner: ValueJoiner<VThis | null, VOther | null, VOut, K>
  readonly outerJoinStoreName: string | null
  readonly trackers: JoinTimeTrackerSupplier
  readonly bindings: readonly DefaultSerdeBinding[]
}

type OuterStore<K> = KeyValueStore<TimestampedKeyAndJoinSide<K>, LeftOrRightValue<unknown, unknown>[]>

/**
 * One side of a windowed stream-stream join (Kafka's `KStreamKStreamJoin`, >= 3.1 semantics):
 * joins each record with the other side's records in the window; with a left/outer join, a
 * record without a match waits in the shared outer store and is emitted with `null` only once
 * its window (plus grace) closed and it never joined.
 */
export class KStreamKStreamJoin<K, VThis, VOther, VOut> implements DslProcessorSupplier<K, VThis, K, VOut> {
  constructor(private readonly side: StreamJoinSide<K, VThis, VOther, VOut>) {}

  get(): Processor<K, VThis, K, VOut> {
    return new KStreamKStreamJoinProcessor(this.side)
  }
}

class KStreamKStreamJoinProcessor<K, VThis, VOther, VOut> implements Processor<K, VThis, K, VOut> {
  private context!: ProcessorContext<K, VOut>
  private otherWindow!: WindowStore<K, VOther>
  private outerStore: OuterStore<K> | null = null
  private tracker!: JoinTimeTracker

  constructor(private readonly side: StreamJoinSide<K, VThis, VOther, VOut>) {}

  init(context: ProcessorContext<K, VOut>): void {
    this.context = context
    bindDefaultSerdes(this.side.bindings, context)
    this.otherWindow = context.getStateStore<WindowStore<K, VOther>>(this.side.otherWindowName)
    this.tracker = this.side.trackers.get(context.taskId.toString())
    if (this.side.outerJoinStoreName !== null) {
      this.outerStore = context.getStateStore<OuterStore<K>>(this.side.outerJoinStoreName)
      const interval = context.appConfigs[OUTER_JOIN_EMIT_INTERVAL_CONFIG]
      this.tracker.emitIntervalMs = typeof interval === 'number' ? interval : 1000
    }
  }

  process(record: Record<K, VThis>): void | Promise<void> {
    this.tracker.advanceStreamTime(record.timestamp)
    const key = record.key
    const value = record.value
    if (this.side.outer && (key === null || key === undefined) && value !== null && value !== undefined) {
      this.context.forward(record.withValue(this.side.joiner(value, null, key)))
      return
    }
    if (key === null || key === undefined || value === null || value === undefined) return
    return this.join(record)
  }

  private async join(record: Record<K, VThis>): Promise<void> {
    const side = this.side
    const ts = record.timestamp
    if (this.outerStore !== null && ts === this.tracker.streamTime) await this.emitNonJoinedOuterRecords(this.outerStore, record)
    const timeFrom = Math.max(0, ts - side.joinBeforeMs)
    const timeTo = Math.max(0, ts + side.joinAfterMs)
    const it = this.otherWindow.fetch(record.key, timeFrom, timeTo)
    let matched = false
    try {
      for await (const other of it) {
        matched = true
        this.emitInnerJoin(record, other.key, other.value, ts)
      }
    } finally {
      await it.close()
    }
    if (side.outer && !matched) {
      if (this.outerStore === null || timeTo < this.tracker.streamTime) {
        this.context.forward(record.withValue(side.joiner(record.value, null, record.key)))
      } else {
        this.tracker.updatedMinTime(ts)
        const storeKey: TimestampedKeyAndJoinSide<K> = { key: record.key, timestamp: ts, leftSide: side.leftSide }
        const existing = this.outerStore.get(storeKey)
        const entry = { left: side.leftSide, value: record.value } as LeftOrRightValue<unknown, unknown>
        this.outerStore.put(storeKey, existing === null ? [entry] : [...existing, entry])
      }
    }
  }

  private emitInnerJoin(record: Record<K, VThis>, otherTimestamp: number, otherValue: VOther, ts: number): void {
    if (this.outerStore !== null) {
      const otherKey: TimestampedKeyAndJoinSide<K> = { key: record.key, timestamp: otherTimestamp, leftSide: !this.side.leftSide }
      if (this.outerStore.get(otherKey) !== null) this.outerStore.put(otherKey, null)
    }
    this.context.forward(new Record(record.key, this.side.joiner(record.value, otherValue, record.key), Math.max(ts, otherTimestamp), record.headers))
  }

  private async emitNonJoinedOuterRecords(store: OuterStore<K>, record: Record<K, VThis>): Promise<void> {
    const side = this.side
    const tracker = this.tracker
    if (tracker.minTime + side.joinAfterMs + side.graceMs >= tracker.streamTime) return
    const now = this.context.currentSystemTimeMs()
    if (now < tracker.nextTimeToEmit) return
    tracker.nextTimeToEmit = now
    tracker.advanceNextTimeToEmit()
    tracker.minTime = Number.MAX_SAFE_INTEGER
    const emitted: TimestampedKeyAndJoinSide<K>[] = []
    let leftOpen = false
    let rightOpen = false
    const it = store.all()
    try {
      for await (const { key, value } of it) {
        tracker.minTime = key.timestamp
        if (leftOpen && rightOpen) break
        const lookBack = key.leftSide ? side.windowsAfterMs : side.windowsBeforeMs
        if (tracker.minTime + lookBack + side.graceMs >= tracker.streamTime) {
          if (key.leftSide) leftOpen = true
          else rightOpen = true
          continue
        }
        for (const v of value) {
          // Both sides' buffered records come out as joiner(leftValue, rightValue).
          const thisValue = (v.left === side.leftSide ? v.value : null) as VThis | null
          const otherValue = (v.left !== side.leftSide ? v.value : null) as VOther | null
          this.context.forward(new Record(key.key, side.joiner(thisValue, otherValue, key.key), key.timestamp, record.headers))
        }
        emitted.push(key)
      }
    } finally {
      await it.close()
    }
    for (const key of emitted) store.put(key, null)
  }

  close(): void {
    this.side.trackers.remove(this.context.taskId.toString())
  }
}
