/**
 * The base of every error tributary's streams side throws. Each error has a stable string
 * `code` (listed in docs/reference/errors.md), says whether retrying can help, and keeps the
 * error it wraps in `cause`.
 */
export class StreamsError extends Error {
  readonly code: string
  readonly retriable: boolean

  constructor(code: string, message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.retriable = options.retriable ?? false
  }
}

/**
 * An invalid topology: unknown parent, duplicate name, unconnected store, cycle... `nodeName` names
 * the culprit. As Kafka's `TopologyException`, the message starts with `Invalid topology: `.
 */
export class TopologyError extends StreamsError {
  readonly nodeName: string | undefined
  constructor(message: string, options: { nodeName?: string; cause?: unknown } = {}) {
    super('KS_ERR_TOPOLOGY_INVALID', `Invalid topology: ${message}`, options)
    this.nodeName = options.nodeName
  }
}

/** A serializer or deserializer failed; topic/partition/offset are set when known. */
export class SerializationError extends StreamsError {
  readonly topic: string | undefined
  readonly partition: number | undefined
  readonly offset: number | undefined
  constructor(
    message: string,
    options: { topic?: string; partition?: number; offset?: number; cause?: unknown } = {},
  ) {
    super('KS_ERR_SERIALIZATION', message, options)
    this.topic = options.topic
    this.partition = options.partition
    this.offset = options.offset
  }
}

/** A processor used its context wrongly (forward to an unknown child, store not connected, ...). */
export class ProcessorStateError extends StreamsError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('KS_ERR_PROCESSOR_STATE', message, options)
  }
}
