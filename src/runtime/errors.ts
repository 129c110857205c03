/**
 * Errors of the streams runtime (task engine, state management, KafkaStreams). Each extends
 * `StreamsError` with a stable `code` and keeps the context that matters in typed fields.
 */
import { StreamsError } from '../../processor-api/errors.js'

/**
 * A processor, punctuator or timestamp extractor threw while a task processed a record (Kafka's
 * "Exception caught in process"). `cause` is the original error.
 */
export class TaskProcessingError extends StreamsError {
  /** The task, in Kafka's `<subtopology>_<partition>` form. */
  readonly taskId: string
  /** The node whose code threw. */
  readonly processorName: string
  /** Where the record came from; null inside a punctuator. */
  readonly topic: string | null
  readonly partition: number | null
  readonly offset: number | null

  constructor(
    message: string,
    options: {
      taskId: string
      processorName: string
      topic: string | null
      partition: number | null
      offset: number | null
      cause?: unknown
    },
  ) {
    super('KS_ERR_PROCESSING', message, { cause: options.cause })
    this.taskId = options.taskId
    this.processorName = options.processorName
    this.topic = options.topic
    this.partition = options.partition
    this.offset = options.offset
  }
}

/**
 * A source could not deserialize a record and the deserialization exception handler said FAIL.
 * The message and fields name the topic, partition and offset; `cause` is the deserializer's error.
 */
export class RecordDeserializationError extends StreamsError {
  readonly taskId: string
  readonly topic: string
  readonly partition: number
  readonly offset: number

  constructor(options: { taskId: string; topic: string; partition: number; offset: number; cause?: unknown; reason?: string }) {
    super(
      'KS_ERR_DESERIALIZATION',
      `Deserialization exception handler is set to fail upon a deserialization error (task ${options.taskId}, ` +
        `topic ${options.topic}, partition ${options.partition}, offset ${options.offset})` +
        `${options.reason ? `: ${options.reason}` : ''}. To skip bad records instead, set ` +
        `deserializationExceptionHandler to 'continue'.`,
      { cause: options.cause },
    )
    this.taskId = options.taskId
    this.topic = options.topic
    this.partition = options.partition
    this.offset = options.offset
  }
}

/** A record had an invalid (negative) timestamp and the timestamp extractor was set to fail (Kafka's `FailOnInvalidTimestamp`). */
export class InvalidTimestampError extends StreamsError {
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly timestamp: number

  constructor(options: { topic: string; partition: number; offset: number; timestamp: number }) {
    super(
      'KS_ERR_INVALID_TIMESTAMP',
      `Input record at topic ${options.topic}, partition ${options.partition}, offset ${options.offset} has invalid ` +
        `(negative) timestamp ${options.timestamp}. Possibly because a pre-0.10 producer client was used to write ` +
        `it, or the producer set no timestamp. Use a different timestamp extractor (logAndSkipOnInvalidTimestamp, ` +
        `usePartitionTimeOnInvalidTimestamp) to process such records.`,
    )
    this.topic = options.topic
    this.partition = options.partition
    this.offset = options.offset
    this.timestamp = options.timestamp
  }
}

/** A sink could not produce a record: its serializer failed, or the topic's partitions are unknown. */
export class RecordProductionError extends StreamsError {
  readonly topic: string
  readonly processorName: string

  constructor(message: string, options: { topic: string; processorName: string; cause?: unknown }) {
    super('KS_ERR_PRODUCTION', message, { cause: options.cause })
    this.topic = options.topic
    this.processorName = options.processorName
  }
}

/** A source or sink has no serde and no default serde is configured. `nodeName` names the node. */
export class MissingSerdeError extends StreamsError {
  readonly nodeName: string

  constructor(message: string, options: { nodeName: string }) {
    super('KS_ERR_MISSING_SERDE', message)
    this.nodeName = options.nodeName
  }
}

/** Another task instance (in this or another process) holds the lock of a task's state directory. */
export class StateDirectoryLockedError extends StreamsError {
  readonly path: string

  constructor(path: string, options: { cause?: unknown } = {}) {
    super('KS_ERR_STATE_DIR_LOCKED', `State directory ${path} is locked by another task instance`, {
      cause: options.cause,
      retriable: true,
    })
    this.path = path
  }
}

/** A task or state manager was used in a state that does not allow the call (process before init, use after close...). */
export class TaskStateError extends StreamsError {
  readonly taskId: string

  constructor(message: string, options: { taskId: string; cause?: unknown }) {
    super('KS_ERR_TASK_STATE', message, { cause: options.cause })
    this.taskId = options.taskId
  }
}

/** Records were handed to a task (or the test driver) for a topic no source of the topology reads. */
export class UnknownTopicError extends StreamsError {
  readonly topic: string

  constructor(message: string, options: { topic: string }) {
    super('KS_ERR_UNKNOWN_TOPIC', message)
    this.topic = options.topic
  }
}
