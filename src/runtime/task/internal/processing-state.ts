/**
 * The mutable state one task shares between its processor contexts: the current record context
 * (kept as plain fields, saved and restored around each forward, so forwarding allocates
 * nothing), pending asynchronous work, and references to the task's collaborators.
 */
import { Headers } from '../../../../processor-api/headers.js'
import { StreamsError } from '../../../../processor-api/errors.js'
import type { RecordMetadata } from '../../../../processor-api/record-metadata.js'
import type { CachedRecordContext, RestoreCallback, StateStore } from '../../../../processor-api/state-store.js'
import type { Cancellable, PunctuationType, Punctuator } from '../../../../processor-api/punctuation.js'
import type { TaskId } from '../../../../processor-api/task-id.js'
import type { Clock } from '../../../../processor-api/time.js'
import { TaskProcessingError } from '../../errors.js'
import type { RecordCollector } from '../record-collector.js'
import type { TaskConfig } from '../task-config.js'

/** What the state shares with the task that owns it (implemented by StreamTask and GlobalStateUpdateTask). */
export interface TaskHooks {
  /** Registers a store during its `init` (forwarded to the state manager). */
  register(store: StateStore, restore: RestoreCallback): void
  /** Schedules a punctuator for `nodeName`. */
  schedule(nodeName: string, intervalMs: number, type: PunctuationType, punctuator: Punctuator): Cancellable
  /** The task's stream time, or -1 before any record. */
  streamTime(): number
  /** The changelog topic of a logged store, or null. */
  changelogTopic(storeName: string): string | null
}

const EMPTY_HEADERS = new Headers()

/** Whatever carries the current record context's headers: a `Record` (which builds them only when read) or a cached context. */
export interface HeaderSource {
  readonly headers: Headers
}

const NO_RECORD: HeaderSource = { headers: EMPTY_HEADERS }

/** The record a failed processor was given (what the processing exception handler sees). */
export interface ProcessedRecord {
  readonly key: unknown
  readonly value: unknown
  readonly timestamp: number
  readonly headers: Headers
}

/**
 * Per-task processing state shared by the task's contexts and nodes (one instance per task;
 * mutable, single-threaded). See the file comment.
 */
export class ProcessingState {
  readonly taskIdText: string
  /** Store instances of this task by name (filled while stores initialise). */
  readonly stores = new Map<string, StateStore>()

  // The current record context. `topic` null with `hasContext` true: inside a punctuator.
  hasContext = false
  timestamp = 0
  /** The source of the current headers (the record being forwarded): read lazily, so records nobody asks about never build a `Headers`. */
  headerSource: HeaderSource = NO_RECORD
  topic: string | null = null
  partition = -1
  offset = -1
  private metadata: RecordMetadata | null = null
  /**
   * The current record context as an object, built on first request and shared by every store
   * write until the context changes (forward saves, clears and restores it with the fields).
   */
  contextObject: CachedRecordContext | null = null

  /** Promises returned by processors/punctuators that must settle before the next record. */
  pending: Promise<unknown>[] = []
  commitRequested = false
  /** Directory for the task's persistent stores, or null. */
  stateDir: string | null = null

  constructor(
    readonly taskId: TaskId,
    readonly config: TaskConfig,
    readonly clock: Clock,
    readonly collector: RecordCollector,
    readonly hooks: TaskHooks,
    readonly globalStores: ReadonlyMap<string, StateStore>,
  ) {
    this.taskIdText = taskId.toString()
  }

  /** The current record context's headers. */
  get headers(): Headers {
    return this.headerSource.headers
  }

  /** Sets the context of a record read from `topic`/`partition` at `offset` (`record` carries its headers). */
  setRecordContext(timestamp: number, record: HeaderSource, topic: string, partition: number, offset: number): void {
    this.setContext(true, timestamp, record, topic, partition, offset, null, null)
  }

  /** Sets the context of a punctuation: its time, no topic, empty headers (as Kafka). */
  setPunctuationContext(timestamp: number): void {
    this.setContext(true, timestamp, { headers: new Headers() }, null, -1, -1, null, null)
  }

  clearRecordContext(): void {
    this.setContext(false, 0, NO_RECORD, null, -1, -1, null, null)
  }

  recordMetadata(): RecordMetadata | null {
    if (this.topic === null) return null
    if (this.metadata === null) this.metadata = { topic: this.topic, partition: this.partition, offset: this.offset }
    return this.metadata
  }

  currentRecordContext(): CachedRecordContext | null {
    if (!this.hasContext) return null
    let rc = this.contextObject
    if (rc === null) {
      rc = { timestamp: this.timestamp, headers: this.headers, topic: this.topic, partition: this.partition, offset: this.offset }
      this.contextObject = rc
    }
    return rc
  }

  withRecordContext(rc: CachedRecordContext, fn: () => void): void {
    const { hasContext, timestamp, headerSource, topic, partition, offset, metadata, contextObject } = this
    this.setContext(true, rc.timestamp, rc, rc.topic, rc.partition, rc.offset, null, rc)
    try {
      fn()
    } finally {
      this.setContext(hasContext, timestamp, headerSource, topic, partition, offset, metadata, contextObject)
    }
  }

  /** Every field of the record context at once (one shape of write for every caller). */
  private setContext(
    hasContext: boolean,
    timestamp: number,
    headerSource: HeaderSource,
    topic: string | null,
    partition: number,
    offset: number,
    metadata: RecordMetadata | null,
    contextObject: CachedRecordContext | null,
  ): void {
    this.hasContext = hasContext
    this.timestamp = timestamp
    this.headerSource = headerSource
    this.topic = topic
    this.partition = partition
    this.offset = offset
    this.metadata = metadata
    this.contextObject = contextObject
  }

  /**
   * Remembers a Promise a node returned; its rejection goes through the processing exception
   * handler as that node's failure.
   */
  track(promise: PromiseLike<unknown>, nodeName: string, record: ProcessedRecord | null, punctuation = false): void {
    const topic = this.topic
    const partition = this.partition
    const offset = this.offset
    const wrapped = Promise.resolve(promise).then(undefined, (err: unknown) => {
      const failure = this.processingFailure(err, nodeName, record, punctuation, topic, partition, offset)
      if (failure !== null) throw failure
    })
    // Observed by drainPending; never reported as unhandled if the task is abandoned after a failure.
    wrapped.catch(() => {})
    this.pending.push(wrapped)
  }

  /** Waits until every tracked Promise (and any they started) has settled; throws the first failure. */
  async drainPending(): Promise<void> {
    let failure: { error: unknown } | null = null
    while (this.pending.length > 0) {
      const batch = this.pending
      this.pending = []
      const results = await Promise.allSettled(batch)
      for (const r of results) if (r.status === 'rejected' && failure === null) failure = { error: r.reason }
    }
    if (failure !== null) throw failure.error
  }

  /**
   * Applies the processing exception handler (KIP-1033) to what a processor or punctuator threw:
   * returns null when the handler says continue (the record is dropped for this node), else the
   * error to throw. A `StreamsError` passes through unchanged (framework errors, and failures of
   * downstream nodes already handled there).
   */
  processingFailure(
    err: unknown,
    nodeName: string,
    record: ProcessedRecord | null,
    punctuation = false,
    topic: string | null = this.topic,
    partition: number = this.partition,
    offset: number = this.offset,
  ): unknown {
    if (err instanceof StreamsError) return err
    const handler = this.config.processingExceptionHandler
    let response: string = handler === 'log-and-continue' ? 'CONTINUE' : 'FAIL'
    if (typeof handler === 'function') {
      try {
        response = handler({ taskId: this.taskId, processorName: nodeName, topic, partition, offset, record, error: err })
      } catch (fatal) {
        return new TaskProcessingError(`Fatal user code error in processing error callback (task ${this.taskIdText})`, {
          taskId: this.taskIdText,
          processorName: nodeName,
          topic,
          partition: topic === null ? null : partition,
          offset: topic === null ? null : offset,
          cause: fatal,
        })
      }
    }
    if (response === 'CONTINUE') {
      this.config.logger.warn(
        { taskId: this.taskIdText, processor: nodeName, topic, partition, offset, err },
        'Skipping record due to a processing error (processing exception handler said continue)',
      )
      return null
    }
    return this.wrapError(err, nodeName, punctuation, topic, partition, offset)
  }

  /**
   * Kafka's wrapping of a user-code failure: a `StreamsError` passes through unchanged, anything
   * else becomes a `TaskProcessingError` naming the task, node and record position.
   */
  wrapError(
    err: unknown,
    nodeName: string,
    punctuation = false,
    topic: string | null = this.topic,
    partition: number = this.partition,
    offset: number = this.offset,
  ): unknown {
    if (err instanceof StreamsError) return err
    const detail = err instanceof Error ? err.message : String(err)
    const message = punctuation
      ? `Exception caught while punctuating processor '${nodeName}' (task ${this.taskIdText}): ${detail}`
      : `Exception caught in process. taskId=${this.taskIdText}, processor=${nodeName}, topic=${topic}, ` +
        `partition=${partition}, offset=${offset}: ${detail}`
    return new TaskProcessingError(message, {
      taskId: this.taskIdText,
      processorName: nodeName,
      topic,
      partition: topic === null ? null : partition,
      offset: topic === null ? null : offset,
      cause: err,
    })
  }
}
