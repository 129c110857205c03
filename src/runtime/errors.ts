/**
 * Errors of the streams runtime (task engine, state management, KafkaStreams). Each extends
 * `StreamsError` with a stable `code` and keeps the context that matters in typed fields.
 */
import { StreamsError } from '../../processor-api/errors.js'

/**
 * A processor, punctuator or timestamp extractor threw while a task processed a record (Kafka's
 * "Exception caught in process"), or a processor's `init` failed (Kafka's "failed to initialize
 * processor <name>"; topic, partition and offset null). `cause` is the original error.
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
        `deserializationExceptionHandler to 'log-and-continue'.`,
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

/** Source topics of the topology do not exist (Kafka's `MissingSourceTopicException`). `topics` lists them. */
export class MissingSourceTopicError extends StreamsError {
  readonly topics: readonly string[]

  constructor(topics: readonly string[]) {
    super(
      'KS_ERR_MISSING_SOURCE_TOPIC',
      `Missing source topic${topics.length === 1 ? '' : 's'} ${topics.join(', ')}: create ${topics.length === 1 ? 'it' : 'them'} ` +
        'before starting the application (Kafka Streams does not create source topics).',
    )
    this.topics = topics
  }
}

/**
 * Topics that must be co-partitioned (the inputs of a join) have different partition counts.
 * `partitions` maps each topic of the group to its count.
 */
export class NotCopartitionedError extends StreamsError {
  readonly partitions: ReadonlyMap<string, number>

  constructor(partitions: ReadonlyMap<string, number>) {
    const listed = [...partitions].map(([t, n]) => `${t}=${n}`).join(', ')
    super(
      'KS_ERR_NOT_COPARTITIONED',
      `Topics not co-partitioned: [${listed}]. The inputs of a join must have the same number of partitions; ` +
        'repartition one side (e.g. with repartition({ numberOfPartitions })) or recreate the topic.',
    )
    this.partitions = partitions
  }
}

/** A KafkaStreams method was called in a state that does not allow it (Kafka's `IllegalStateException`). */
export class StreamsStateError extends StreamsError {
  /** The application's state at the time of the call. */
  readonly state: string

  constructor(message: string, options: { state: string }) {
    super('KS_ERR_ILLEGAL_STATE', message)
    this.state = options.state
  }
}

/** An interactive query named a store the topology does not have (Kafka's `UnknownStateStoreException`). */
export class UnknownStateStoreError extends StreamsError {
  readonly storeName: string

  constructor(storeName: string) {
    super('KS_ERR_UNKNOWN_STORE', `Cannot get state store ${storeName} because no such store is registered in the topology.`)
    this.storeName = storeName
  }
}

/**
 * No local instance of the store can be queried right now, typically during a rebalance: it may
 * have moved to another instance or still be restoring (Kafka's `StateStoreMigratedException`). Retriable.
 */
export class StateStoreMigratedError extends StreamsError {
  readonly storeName: string

  constructor(storeName: string, state: string) {
    super('KS_ERR_STORE_MIGRATED', `The state store ${storeName} may have migrated to another instance or is still restoring (state ${state}).`, {
      retriable: true,
    })
    this.storeName = storeName
  }
}

/** The application is shutting down or stopped, so its stores cannot be queried (Kafka's `StateStoreNotAvailableException`). */
export class StateStoreNotAvailableError extends StreamsError {
  readonly storeName: string

  constructor(storeName: string, state: string) {
    super('KS_ERR_STORE_NOT_AVAILABLE', `State store ${storeName} cannot be queried: KafkaStreams is not running (state ${state}).`)
    this.storeName = storeName
  }
}

/** A query or metadata call came before `start()` (Kafka's `StreamsNotStartedException`). */
export class StreamsNotStartedError extends StreamsError {
  constructor(what: string) {
    super('KS_ERR_NOT_STARTED', `KafkaStreams has not been started, cannot ${what}; call start() first.`)
  }
}

/** The producer was fenced by a newer instance with the same transactional id, or its epoch expired. */
export class ProducerFencedError extends StreamsError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('KS_ERR_PRODUCER_FENCED', message, options)
  }
}

/**
 * Tasks moved to another instance while this one was working on them (Kafka's
 * `TaskMigratedException`): the instance closes them dirty and rejoins. Retriable.
 */
export class TaskMigratedError extends StreamsError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('KS_ERR_TASK_MIGRATED', message, { cause: options.cause, retriable: true })
  }
}

/** A Kafka client call failed (wraps the client library's error in `cause`; `retriable` as the client says). */
export class KafkaClientError extends StreamsError {
  /** The operation that failed, e.g. `commit`, `send`, `createTopics`. */
  readonly operation: string

  constructor(operation: string, message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super('KS_ERR_CLIENT', `${operation} failed: ${message}`, options)
    this.operation = operation
  }
}

/**
 * The group leader could not compute an assignment (e.g. source topics missing or not
 * co-partitioned); every instance stops with the leader's explanation in the message.
 */
export class TaskAssignmentError extends StreamsError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('KS_ERR_TASK_ASSIGNMENT', message, options)
  }
}

/** An internal topic (repartition or changelog) exists with a partition count other than the one the topology needs. */
export class InternalTopicError extends StreamsError {
  readonly topic: string

  constructor(message: string, options: { topic: string }) {
    super('KS_ERR_INTERNAL_TOPIC', message)
    this.topic = options.topic
  }
}
