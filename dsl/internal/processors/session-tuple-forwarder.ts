import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Record } from '../../../processor-api/record.js'
import type { StateStore } from '../../../processor-api/state-store.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import { isCachedStateStore, type Change } from '../../../state-stores/cached-state-store.js'

/**
 * Forwards session aggregation updates (Kafka's `TimestampedTupleForwarder` with a
 * `SessionCacheFlushListener`): through the session store's cache when it has one, each update
 * timestamped with its session's end.
 */
export class SessionTupleForwarder<K, V> {
  private readonly cachingEnabled: boolean

  constructor(
    store: StateStore | null,
    private readonly context: ProcessorContext<Windowed<K>, Change<V>>,
    private readonly sendOldValues: boolean,
  ) {
    const ctx = context
    this.cachingEnabled =
      store !== null &&
      isCachedStateStore<Windowed<K>, V>(store) &&
      store.setFlushListener((record: Record<Windowed<K>, Change<V>>) => {
        ctx.forward(record.withTimestamp(record.key.window.end))
      }, sendOldValues)
  }

  /** False when the store's cache forwards the updates: `maybeForward` would drop them, so callers need not build them. */
  get forwardsUpdates(): boolean {
    return !this.cachingEnabled
  }

  maybeForward(record: Record<Windowed<K>, Change<V>>): void {
    if (this.cachingEnabled) return
    if (this.sendOldValues) this.context.forward(record)
    else this.context.forward(record.withValue({ newValue: record.value.newValue, oldValue: null }))
  }
}
