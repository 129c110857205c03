import { Headers } from '../../../processor-api/headers.js'
import type { CachedRecordContext, StateStoreContext } from '../../../processor-api/state-store.js'

/**
 * The record context to keep with a dirty entry: the current one, or (inside a punctuator,
 * where there is none) one stamped with stream time, as Kafka stamps punctuation writes.
 */
export function recordContextFor(context: StateStoreContext): CachedRecordContext {
  const rc = context.currentRecordContext()
  if (rc !== null) return rc
  return { timestamp: Math.max(0, context.currentStreamTimeMs()), headers: new Headers(), topic: null, partition: -1, offset: -1 }
}
