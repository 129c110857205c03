import type { AppConfigs } from '../../../processor-api/processor-context.js'
import type { RecordMetadata } from '../../../processor-api/record-metadata.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import { Headers } from '../../../processor-api/headers.js'
import type {
  CachedRecordContext,
  ChangelogRecord,
  RestoreCallback,
  StateStore,
  StateStoreContext,
} from '../../../processor-api/state-store.js'
import { TaskId } from '../../../processor-api/task-id.js'

/** One `logChange` call recorded by the test context. */
export interface LoggedChange {
  readonly storeName: string
  readonly key: Buffer
  readonly value: Buffer | null
  readonly timestamp: number
}

/**
 * A test-only `StateStoreContext`: records `logChange` calls, captures the restore callback
 * passed to `register`, and has a settable record context (what a caching layer keeps with
 * each dirty entry).
 */
export class TestStoreContext implements StateStoreContext {
  readonly applicationId: string
  readonly taskId = new TaskId(0, 0)
  readonly stateDir: string | null
  appConfigs: AppConfigs = {}
  keySerde: Serde<unknown> | null = null
  valueSerde: Serde<unknown> | null = null
  readonly logged: LoggedChange[] = []
  readonly registered = new Map<string, { store: StateStore; restore: RestoreCallback }>()
  private recordContext: CachedRecordContext | null = null
  streamTimeMs = -1
  systemTimeMs = 0

  constructor(options: { stateDir?: string | null; applicationId?: string } = {}) {
    this.stateDir = options.stateDir ?? null
    this.applicationId = options.applicationId ?? 'test-app'
  }

  /** Sets the context of "the record being processed" (null: as inside a punctuator). */
  setRecordContext(timestamp: number | null, offset = 0, headers = new Headers()): void {
    this.recordContext = timestamp === null ? null : { timestamp, headers, topic: 'input', partition: 0, offset }
    if (timestamp !== null && timestamp > this.streamTimeMs) this.streamTimeMs = timestamp
  }

  recordMetadata(): RecordMetadata | null {
    const rc = this.recordContext
    return rc === null || rc.topic === null ? null : { topic: rc.topic, partition: rc.partition, offset: rc.offset }
  }

  currentStreamTimeMs(): number {
    return this.streamTimeMs
  }

  currentSystemTimeMs(): number {
    return this.systemTimeMs
  }

  register(store: StateStore, restore: RestoreCallback): void {
    this.registered.set(store.name, { store, restore })
  }

  logChange(storeName: string, key: Buffer, value: Buffer | null, timestamp: number): void {
    this.logged.push({ storeName, key: Buffer.from(key), value: value === null ? null : Buffer.from(value), timestamp })
  }

  currentRecordContext(): CachedRecordContext | null {
    return this.recordContext
  }

  withRecordContext(recordContext: CachedRecordContext, fn: () => void): void {
    const previous = this.recordContext
    this.recordContext = recordContext
    try {
      fn()
    } finally {
      this.recordContext = previous
    }
  }

  /** Feeds the changelog records logged so far for `storeName` to its registered restore callback. */
  async restoreFromLog(storeName: string, from: LoggedChange[] = this.logged): Promise<void> {
    const records: ChangelogRecord[] = from
      .filter((c) => c.storeName === storeName)
      .map((c, i) => ({ key: c.key, value: c.value, timestamp: c.timestamp, offset: i }))
    await this.restore(storeName, records)
  }

  /** Calls the restore callback registered for `storeName`. */
  async restore(storeName: string, records: ChangelogRecord[]): Promise<void> {
    const reg = this.registered.get(storeName)
    if (reg === undefined) throw new Error(`store ${storeName} did not register`)
    await reg.restore(records)
  }
}
