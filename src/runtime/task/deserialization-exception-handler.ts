import type { Headers } from '../../../processor-api/headers.js'
import type { TaskId } from '../../../processor-api/task-id.js'

/** What a deserialization exception handler decides: skip the record or fail the task. */
export const DeserializationHandlerResponse = {
  /** Log and skip the record; processing continues with the next one. */
  CONTINUE: 'CONTINUE',
  /** Stop: the task throws a `RecordDeserializationError` naming topic, partition and offset. */
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
 * `LogAndFailExceptionHandler`), `'continue'` (`LogAndContinueExceptionHandler`: log a warning and
 * skip), or a custom function deciding per record.
 */
export type DeserializationExceptionHandler = 'fail' | 'continue' | DeserializationExceptionHandlerFn
