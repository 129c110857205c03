/**
 * A `StateStoreContext` that forwards everything to the task's context but converts changelog
 * records before they reach the engine's restore callback. Timestamped stores log the plain
 * value with the timestamp as the record timestamp (as Kafka does), while their engines store
 * `timestamp (8 bytes) | value`: restore puts the timestamp back in front.
 */
import type { AppConfigs } from '../../../processor-api/processor-context.js'
import type { RecordMetadata } from '../../../processor-api/record-metadata.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import type { Headers } from '../../../processor-api/headers.js'
import type {
  CachedRecordContext,
  ChangelogRecord,
  RestoreCallback,
  StateStore,
  StateStoreContext,
} from '../../../processor-api/state-store.js'
import type { TaskId } from '../../../processor-api/task-id.js'
import { writeLong } from '../../internal/bytes.js'

/** Prepends each record's timestamp to its value (Kafka's `rawValueToTimestampedValue`). */
export function toTimestampedRecords(records: ReadonlyArray<ChangelogRecord>): ChangelogRecord[] {
  const out = new Array<ChangelogRecord>(records.length)
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!
    if (r.value === null) {
      out[i] = r
      continue
    }
    const value = Buffer.allocUnsafe(8 + r.value.length)
    writeLong(value, 0, r.timestamp)
    r.value.copy(value, 8)
    out[i] = { key: r.key, value, timestamp: r.timestamp, offset: r.offset }
  }
  return out
}

/**
 * The task's own context under any restore-converting wrappers: layers keep it for their
 * per-record calls (`logChange`, `currentRecordContext`), which a wrapper would only forward.
 */
export function underlyingContext(context: StateStoreContext): StateStoreContext {
  let c = context
  while (c instanceof RestoreConvertingContext) c = c.inner
  return c
}

/** Forwards a context, passing restored changelog batches through `convert` first (timestamp re-insertion, cache invalidation). */
export class RestoreConvertingContext implements StateStoreContext {
  constructor(
    readonly inner: StateStoreContext,
    private readonly convert: (records: ReadonlyArray<ChangelogRecord>) => ReadonlyArray<ChangelogRecord>,
  ) {}

  get applicationId(): string {
    return this.inner.applicationId
  }
  get taskId(): TaskId {
    return this.inner.taskId
  }
  get stateDir(): string | null {
    return this.inner.stateDir
  }
  get appConfigs(): AppConfigs {
    return this.inner.appConfigs
  }
  get keySerde(): Serde<unknown> | null {
    return this.inner.keySerde
  }
  get valueSerde(): Serde<unknown> | null {
    return this.inner.valueSerde
  }
  recordMetadata(): RecordMetadata | null {
    return this.inner.recordMetadata()
  }
  currentStreamTimeMs(): number {
    return this.inner.currentStreamTimeMs()
  }
  currentSystemTimeMs(): number {
    return this.inner.currentSystemTimeMs()
  }
  register(store: StateStore, restore: RestoreCallback): void {
    const convert = this.convert
    this.inner.register(store, (records) => restore(convert(records)))
  }
  logChange(storeName: string, key: Buffer, value: Buffer | null, timestamp: number, headers?: Headers): void {
    this.inner.logChange(storeName, key, value, timestamp, headers)
  }
  currentRecordContext(): CachedRecordContext | null {
    return this.inner.currentRecordContext()
  }
  withRecordContext(recordContext: CachedRecordContext, fn: () => void): void {
    this.inner.withRecordContext(recordContext, fn)
  }
}
