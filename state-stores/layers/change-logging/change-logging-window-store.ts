import type { StateStore, StateStoreContext } from '../../../processor-api/state-store.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import type { WindowBytesStore } from '../../bytes/window-bytes-store.js'
import type { KeyValueIterator } from '../../key-value-store.js'
import { windowStoreKey } from '../../internal/store-keys.js'
import { SegmentedWrappedStore } from '../segmented-wrapped-store.js'
import { ChangeLogger } from './change-logger.js'

/**
 * Logs every put of a window store with Kafka's changelog key `key | windowStart | seqnum`
 * (Kafka's `ChangeLoggingWindowBytesStore`; timestamped: `ChangeLoggingTimestampedWindowBytesStore`).
 * With `retainDuplicates` each put gets the next seqnum, and a null put (a no-op there) is not logged.
 */
export class ChangeLoggingWindowStore extends SegmentedWrappedStore<WindowBytesStore> implements WindowBytesStore {
  private readonly logger: ChangeLogger
  private seqnum = 0

  constructor(wrapped: WindowBytesStore, options: { timestamped: boolean }) {
    super(wrapped, { logging: true, timestamped: options.timestamped })
    this.logger = new ChangeLogger(wrapped.name, options.timestamped)
  }

  get windowSizeMs(): number {
    return this.wrapped.windowSizeMs
  }
  get retainDuplicates(): boolean {
    return this.wrapped.retainDuplicates
  }

  override init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    return this.wrapped.init(this.logger.init(context), root)
  }

  put(key: Buffer, value: Buffer | null, windowStartMs: number): void {
    this.wrapped.put(key, value, windowStartMs)
    if (this.wrapped.retainDuplicates) {
      if (value === null) return
      this.seqnum = (this.seqnum + 1) & 0x7fffffff
    }
    this.logger.log(windowStoreKey(key, windowStartMs, this.wrapped.retainDuplicates ? this.seqnum : 0), value)
  }

  get(key: Buffer, windowStartMs: number): Buffer | null {
    return this.wrapped.get(key, windowStartMs)
  }
  fetch(key: Buffer, timeFrom: number, timeTo: number): KeyValueIterator<number, Buffer> {
    return this.wrapped.fetch(key, timeFrom, timeTo)
  }
  backwardFetch(key: Buffer, timeFrom: number, timeTo: number): KeyValueIterator<number, Buffer> {
    return this.wrapped.backwardFetch(key, timeFrom, timeTo)
  }
  fetchKeyRange(keyFrom: Buffer | null, keyTo: Buffer | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.wrapped.fetchKeyRange(keyFrom, keyTo, timeFrom, timeTo)
  }
  backwardFetchKeyRange(keyFrom: Buffer | null, keyTo: Buffer | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.wrapped.backwardFetchKeyRange(keyFrom, keyTo, timeFrom, timeTo)
  }
  fetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.wrapped.fetchAll(timeFrom, timeTo)
  }
  backwardFetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.wrapped.backwardFetchAll(timeFrom, timeTo)
  }
  all(): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.wrapped.all()
  }
  backwardAll(): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.wrapped.backwardAll()
  }
}
