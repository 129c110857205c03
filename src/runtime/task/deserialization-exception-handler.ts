import type { Headers } from '../../../processor-api/headers.js'
import type { TaskId } from '../../../processor-api/task-id.js'

/** What an exception handler decides: skip the record or fail the task. */
export const DeserializationHandlerResponse = {
  /** Log and skip the record; processing continues with the next one. */
  CONTINUE: 'CONTINUE',
  /** Stop: the task throws an error naming the record's topic, partition and offset. */
  FAIL: 'FAIL',
} as const

/** `'CONTINUE'` or `'FAIL'`. */
export type DeserializationHandlerResponse = (typeof DeserializationHandlerResponse)[keyof typeof DeserializationHandlerResponse]

/** What a custom handler is told about the record that failed to deserialize. */
export interface DeserializationErrorContext {
  readonly taskId: TaskId
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly timestamp: number
  readonly key: Buffer | null
  readonly value: Buffer | null
  readonly headers: Headers | null
  /** The name of the source node whose deserializer failed. */
  readonly sourceNodeName: string
  /** What the deserializer threw. */
  readonly error: unknown
}

/** A custom handler (Kafka's `DeserializationExceptionHandler.handle`). Must not throw. */
export type DeserializationExceptionHandlerFn = (context: DeserializationErrorContext) => DeserializationHandlerResponse

/**
 * How a task treats a record its source cannot deserialize: `'fail'` (Kafka's default
 * `LogAndFailExceptionHandler`), `'log-and-continue'` (Kafka's `LogAndContinueExceptionHandler`:
 * log a warning and skip), `{ deadLetterTopic }` (KIP-1036:
 * send the raw record to that topic, with the error in `__streams.errors.*` headers, and skip
 * it), or a custom function deciding per record.
 */
export type DeserializationExceptionHandler =
  | 'fail'
  | 'log-and-continue'
  | { readonly deadLetterTopic: string }
  | DeserializationExceptionHandlerFn
