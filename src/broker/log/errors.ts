import { BrokerError } from '../broker-error.js'
import { ErrorCode } from '../protocol/error-codes.js'

/** Where a log error happened; both unset for errors not tied to one partition. */
export interface LogErrorContext {
  readonly topic?: string
  readonly partition?: number
  readonly cause?: unknown
}

/**
 * The base of every error the log layer throws. Besides the stable string `code` it carries the
 * Kafka wire `errorCode` a handler should answer with, so handlers never map messages to codes.
 */
export class LogError extends BrokerError {
  /** The Kafka error code (from `Errors.java`) that describes this failure on the wire. */
  readonly errorCode: number
  /** The topic concerned, when there is one. */
  readonly topic: string | undefined
  /** The partition concerned, when there is one. */
  readonly partition: number | undefined

  constructor(code: string, errorCode: number, message: string, context: LogErrorContext = {}, retriable = false) {
    super(code, message, { cause: context.cause, retriable })
    this.errorCode = errorCode
    this.topic = context.topic
    this.partition = context.partition
  }
}

/** A produced record set failed structural checks (length bounds, magic, CRC32C): `CORRUPT_MESSAGE` (2). */
export class CorruptRecordBatchError extends LogError {
  constructor(message: string, context: LogErrorContext = {}) {
    super('BROKER_ERR_LOG_CORRUPT_BATCH', ErrorCode.CORRUPT_MESSAGE, message, context)
  }
}

/** A well-formed batch breaks a rule Kafka enforces (record count, control batch, sequence): `INVALID_RECORD` (87). */
export class InvalidRecordBatchError extends LogError {
  constructor(message: string, context: LogErrorContext = {}) {
    super('BROKER_ERR_LOG_INVALID_BATCH', ErrorCode.INVALID_RECORD, message, context)
  }
}

/**
 * A batch is larger than `max.message.bytes` (`MESSAGE_TOO_LARGE`, 10) or a whole record set is
 * larger than `segment.bytes` (`RECORD_LIST_TOO_LARGE`, 18).
 */
export class RecordTooLargeError extends LogError {
  constructor(message: string, options: { recordList: boolean } & LogErrorContext) {
    super(
      options.recordList ? 'BROKER_ERR_LOG_RECORD_LIST_TOO_LARGE' : 'BROKER_ERR_LOG_RECORD_TOO_LARGE',
      options.recordList ? ErrorCode.RECORD_LIST_TOO_LARGE : ErrorCode.MESSAGE_TOO_LARGE,
      message,
      options,
    )
  }
}

/** An offset outside `[logStartOffset, logEndOffset]` was read or deleted to: `OFFSET_OUT_OF_RANGE` (1). */
export class OffsetOutOfRangeError extends LogError {
  /** The offset that was asked for. */
  readonly offset: bigint
  constructor(message: string, offset: bigint, context: LogErrorContext = {}) {
    super('BROKER_ERR_LOG_OFFSET_OUT_OF_RANGE', ErrorCode.OFFSET_OUT_OF_RANGE, message, context)
    this.offset = offset
  }
}

/** The topic's configuration forbids the operation (e.g. DeleteRecords on a compacted topic): `POLICY_VIOLATION` (44). */
export class LogPolicyViolationError extends LogError {
  constructor(message: string, context: LogErrorContext = {}) {
    super('BROKER_ERR_LOG_POLICY_VIOLATION', ErrorCode.POLICY_VIOLATION, message, context)
  }
}

/** A file-system operation failed (disk full, permissions...): `KAFKA_STORAGE_ERROR` (56). Keeps the fs error in `cause`. */
export class LogStorageError extends LogError {
  constructor(message: string, context: LogErrorContext = {}) {
    super('BROKER_ERR_LOG_STORAGE', ErrorCode.KAFKA_STORAGE_ERROR, message, context, true)
  }
}

/**
 * A file-system error (one with a `syscall`) from trying to `what` the log of a partition, as a
 * LogStorageError keeping it in `cause`; anything else is returned as is.
 */
export function toLogStorageError(what: string, err: unknown, ctx: { topic: string; partition: number }): Error {
  if (!(err instanceof Error) || !('code' in err) || typeof (err as NodeJS.ErrnoException).syscall !== 'string') return err as Error
  return new LogStorageError(`Cannot ${what} the log of ${ctx.topic}-${ctx.partition}: ${err.message}`, { ...ctx, cause: err })
}

/** The log was closed or deleted (topic deletion, shutdown): `UNKNOWN_TOPIC_OR_PARTITION` (3). */
export class LogClosedError extends LogError {
  constructor(message: string, context: LogErrorContext = {}) {
    super('BROKER_ERR_LOG_CLOSED', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, message, context, true)
  }
}
