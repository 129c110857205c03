/**
 * What the three change-logging layers share: the context, the timestamp of a change, and the
 * timestamped value split (Kafka's timestamped stores log the plain value and carry the
 * timestamp as the changelog record's timestamp).
 */
import type { StateStoreContext } from '../../../processor-api/state-store.js'
import { InvalidStateStoreError } from '../../errors.js'
import { readLong } from '../../internal/bytes.js'
import { underlyingContext } from './restore-converting-context.js'

/** Writes one store's changes through `context.logChange`. */
export class ChangeLogger {
  private context: StateStoreContext | null = null

  constructor(
    private readonly storeName: string,
    private readonly timestamped: boolean,
  ) {}

  /**
   * Keeps the context; returns the one to pass to the wrapped store. Restored records of a
   * timestamped store are converted by its metered layer (logged or not), not here.
   */
  init(context: StateStoreContext): StateStoreContext {
    this.context = underlyingContext(context)
    return context
  }

  /** Logs a change; `value` is the stored value (with its 8-byte timestamp when timestamped). */
  log(key: Buffer, value: Buffer | null): void {
    const context = this.context
    if (context === null) throw new InvalidStateStoreError('KS_ERR_STORE_NOT_INITIALIZED', this.storeName, `Store ${this.storeName} is not initialized.`)
    if (this.timestamped && value !== null) {
      context.logChange(this.storeName, key, value.subarray(8), readLong(value, 0))
    } else {
      context.logChange(this.storeName, key, value, currentTimestamp(context))
    }
  }
}

/** The timestamp of the record being processed, or stream time (never negative) inside a punctuator. */
export function currentTimestamp(context: StateStoreContext): number {
  const rc = context.currentRecordContext()
  return rc !== null ? rc.timestamp : Math.max(0, context.currentStreamTimeMs())
}
