import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import type { StateStore } from '../../../processor-api/state-store.js'
import { isCachedStateStore, type Change } from '../../../state-stores/cached-state-store.js'
import type { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'

/**
 * Forwards a KTable processor's updates (Kafka's `TimestampedTupleForwarder`): when its store has
 * a cache, updates are forwarded by the cache's flush listener (deduplicated per key, with the
 * timestamp of the last write) and `maybeForward` does nothing; otherwise it forwards at once,
 * dropping the old value unless old values were requested.
 */
export class TimestampedTupleForwarder<K, V> {
  private readonly cachingEnabled: boolean

  constructor(
    store: StateStore | null,
    private readonly context: ProcessorContext<K, Change<V>>,
    private readonly sendOldValues: boolean,
  ) {
    const ctx = context
    this.cachingEnabled =
      store !== null &&
      isCachedStateStore<K, ValueAndTimestamp<V>>(store) &&
      store.setFlushListener((record: Record<K, Change<ValueAndTimestamp<V>>>) => {
        const change = record.value
        const newValue = change.newValue
        ctx.forward(
          new Record<K, Change<V>>(
            record.key,
            { newValue: newValue === null ? null : newValue.value, oldValue: change.oldValue === null ? null : change.oldValue.value },
            newValue !== null ? newValue.timestamp : record.timestamp,
            record.headers,
          ),
        )
      }, sendOldValues)
  }

  /** False when the store's cache forwards the updates: `maybeForward` would drop them, so callers need not build them. */
  get forwardsUpdates(): boolean {
    return !this.cachingEnabled
  }

  maybeForward(record: Record<K, Change<V>>): void {
    if (this.cachingEnabled) return
    if (this.sendOldValues) this.context.forward(record)
    else this.context.forward(record.withValue({ newValue: record.value.newValue, oldValue: null }))
  }
}
