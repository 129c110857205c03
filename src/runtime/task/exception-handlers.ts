/**
 * Handlers for failures inside processors (KIP-1033) and in sinks (Kafka's
 * `ProductionExceptionHandler`, serialization side). Each is `'fail'` (default),
 * `'log-and-continue'` (log a warning and drop the record), or a function deciding per failure.
 */
import type { Headers } from '../../../processor-api/headers.js'
import type { TaskId } from '../../../processor-api/task-id.js'
import type { DeserializationHandlerResponse } from './deserialization-exception-handler.js'

/** What a processing exception handler is told (Kafka's `ErrorHandlerContext` plus the record). */
export interface ProcessingErrorContext {
  readonly taskId: TaskId
  readonly processorName: string
  /** Position of the input record being processed; null/-1 inside a punctuator. */
  readonly topic: string | null
  readonly partition: number
  readonly offset: number
  /** The record the processor was given, when the failure happened in `process`. */
  readonly record: { readonly key: unknown; readonly value: unknown; readonly timestamp: number; readonly headers: Headers } | null
  readonly error: unknown
}

/** What a production exception handler is told about a record a sink could not serialize. */
export interface ProductionErrorContext {
  readonly taskId: TaskId
  readonly processorName: string
  readonly topic: string
  readonly key: unknown
  readonly value: unknown
  readonly timestamp: number
  readonly error: unknown
}

/** `'fail'`, `'log-and-continue'`, or a function returning `'CONTINUE'`/`'FAIL'` (must not throw). */
export type ProcessingExceptionHandler =
  | 'fail'
  | 'log-and-continue'
  | ((context: ProcessingErrorContext) => DeserializationHandlerResponse)

/** `'fail'`, `'log-and-continue'`, or a function returning `'CONTINUE'`/`'FAIL'` (must not throw). */
export type ProductionExceptionHandler =
  | 'fail'
  | 'log-and-continue'
  | ((context: ProductionErrorContext) => DeserializationHandlerResponse)
