import { Headers } from '../../../../processor-api/headers.js'
import type { Logger } from '../../../logging/index.js'
import { RecordDeserializationError, TaskProcessingError } from '../../errors.js'
import { DeserializationHandlerResponse } from '../deserialization-exception-handler.js'
import type { RawRecord } from '../raw-record.js'
import type { ProcessingState } from './processing-state.js'

/**
 * Applies the configured deserialization exception handler to a record its source could not
 * deserialize: returns true (skip it, with a warning) or throws `RecordDeserializationError`.
 */
export function handleDeserializationFailure(
  state: ProcessingState,
  queue: { readonly topic: string; readonly partition: number; readonly source: { readonly name: string } },
  raw: RawRecord,
  error: unknown,
  logger: Logger,
): true {
  const handler = state.config.deserializationExceptionHandler
  let response: DeserializationHandlerResponse
  if (handler === 'fail') response = DeserializationHandlerResponse.FAIL
  else if (handler === 'log-and-continue') response = DeserializationHandlerResponse.CONTINUE
  else if (typeof handler === 'object') {
    sendToDeadLetterTopic(state, handler.deadLetterTopic, queue, raw, error)
    response = DeserializationHandlerResponse.CONTINUE
  } else {
    try {
      response = handler({
        taskId: state.taskId,
        topic: queue.topic,
        partition: queue.partition,
        offset: raw.offset,
        timestamp: raw.timestamp,
        key: raw.key,
        value: raw.value,
        headers: raw.headers,
        sourceNodeName: queue.source.name,
        error,
      })
    } catch (err) {
      throw new TaskProcessingError(`Fatal user code error in deserialization error callback (task ${state.taskIdText})`, {
        taskId: state.taskIdText,
        processorName: queue.source.name,
        topic: queue.topic,
        partition: queue.partition,
        offset: raw.offset,
        cause: err,
      })
    }
  }
  if (response !== DeserializationHandlerResponse.CONTINUE) {
    throw new RecordDeserializationError({
      taskId: state.taskIdText,
      topic: queue.topic,
      partition: queue.partition,
      offset: raw.offset,
      reason: error instanceof Error ? error.message : String(error),
      cause: error,
    })
  }
  logger.warn(
    { topic: queue.topic, partition: queue.partition, offset: raw.offset, err: error },
    'Skipping record due to deserialization error',
  )
  return true
}

/** KIP-1036: the raw record goes to the dead-letter topic with the failure in `__streams.errors.*` headers. */
function sendToDeadLetterTopic(
  state: ProcessingState,
  topic: string,
  queue: { readonly topic: string; readonly partition: number },
  raw: RawRecord,
  error: unknown,
): void {
  const headers = new Headers(raw.headers ?? [])
  const err = error instanceof Error ? error : new Error(String(error))
  headers
    .add('__streams.errors.exception', err.name)
    .add('__streams.errors.message', err.message)
    .add('__streams.errors.stacktrace', err.stack ?? '')
    .add('__streams.errors.topic', queue.topic)
    .add('__streams.errors.partition', String(queue.partition))
    .add('__streams.errors.offset', String(raw.offset))
  state.collector.send({ topic, partition: null, key: raw.key, value: raw.value, timestamp: raw.timestamp, headers })
}
