import type { Logger } from '../../logging/index.js'
import { LogError } from '../log/errors.js'
import {
  ApiKey,
  ErrorCode,
  LegacyMessageSetError,
  isLegacyMessageSet,
  upConvertMessageSet,
  type ProduceResponsePartitionProduceResponse,
} from '../protocol/index.js'
import { CloseConnection, NO_RESPONSE_BODY, type ApiHandler } from './api-handler.js'
import type { DelayedFetches } from './internal/delayed-fetches.js'
import type { PartitionLookup } from './partition-lookup.js'
import type { PendingAppend, ProducerStateCheck } from './producer-state-check.js'

/** What the Produce handler needs. */
export interface ProduceHandlerDeps {
  readonly partitions: PartitionLookup
  /** Woken after each successful append (parked fetches). */
  readonly fetches: DelayedFetches
  /** Idempotence/transaction checks (a no-op until a transaction coordinator plugs in). */
  readonly producerState: ProducerStateCheck
  readonly logger: Logger
}

type PartitionResult = ProduceResponsePartitionProduceResponse

/**
 * Produce: appends each partition's record batches to its log exactly as received (the log
 * validates size, magic, CRC and Kafka's batch rules and assigns offsets), then wakes parked
 * fetches. A single node makes acks=1 and acks=-1 equivalent: the answer is sent once the data is
 * written to the OS. acks=0 gets no response; if anything failed the connection is closed, as
 * Kafka does. Produce never auto-creates topics (only Metadata does).
 *
 * Produce v0-v2 may carry legacy magic-0/1 message sets (kafka-node, old librdkafka): they are
 * up-converted to one v2 batch first, as Kafka's LogValidator does (timestamps kept, magic 0 gets
 * -1 or the LogAppendTime of the topic; gzip wrappers unpacked; snappy/lz4 answered with
 * UNSUPPORTED_COMPRESSION_TYPE). v3+ requests must hold v2 batches only (INVALID_RECORD), as in Kafka.
 */
export function produceHandler(deps: ProduceHandlerDeps): ApiHandler<typeof ApiKey.Produce> {
  const { partitions, fetches, producerState, logger } = deps
  return {
    apiKey: ApiKey.Produce,
    handle(request, context) {
      const acks = request.acks
      const validAcks = acks === -1 || acks === 0 || acks === 1
      let failed = false
      const responses = request.topicData.map((topic) => ({
        name: topic.name,
        partitionResponses: topic.partitionData.map((p): PartitionResult => {
          if (!validAcks) {
            failed = true
            return errorResult(p.index, ErrorCode.INVALID_REQUIRED_ACKS)
          }
          const log = partitions.partitionLog(topic.name, p.index)
          if (log === undefined) {
            failed = true
            return errorResult(p.index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
          }
          if (p.records === null || p.records.length === 0) {
            failed = true
            return errorResult(p.index, ErrorCode.INVALID_RECORD)
          }
          const converted = upConvertIfLegacy(p.records, context.apiVersion, topic.name, p.index, logger)
          if (typeof converted === 'number') {
            failed = true
            return errorResult(p.index, converted)
          }
          const records = converted
          const pending: PendingAppend = { topic: topic.name, partition: p.index, records, transactionalId: request.transactionalId, log }
          const decision = producerState.beforeAppend(pending)
          if (decision.action === 'reject') {
            failed = true
            return errorResult(p.index, decision.errorCode)
          }
          if (decision.action === 'duplicate') {
            return { index: p.index, errorCode: 0, baseOffset: decision.baseOffset, logAppendTimeMs: decision.logAppendTime, logStartOffset: log.logStartOffset }
          }
          try {
            const result = log.append(records)
            producerState.afterAppend(pending, result)
            fetches.notifyAppend(topic.name, p.index, records.length)
            return { index: p.index, errorCode: 0, baseOffset: result.baseOffset, logAppendTimeMs: result.logAppendTime, logStartOffset: log.logStartOffset }
          } catch (err) {
            failed = true
            if (err instanceof LogError) {
              logger.debug({ topic: topic.name, partition: p.index, code: err.code }, `produce rejected: ${err.message}`)
              return errorResult(p.index, err.errorCode)
            }
            logger.error({ err, topic: topic.name, partition: p.index }, 'append failed')
            return errorResult(p.index, ErrorCode.KAFKA_STORAGE_ERROR)
          }
        }),
      }))
      if (acks === 0) return failed ? new CloseConnection('acks=0 produce failed') : NO_RESPONSE_BODY
      return { responses }
    },
    errorResponse: (request, errorCode) => ({
      responses: request.topicData.map((t) => ({ name: t.name, partitionResponses: t.partitionData.map((p) => errorResult(p.index, errorCode)) })),
    }),
  }
}

/** The v2 record set to append: `records` itself, its up-converted copy, or the error code to answer. */
function upConvertIfLegacy(records: Buffer, version: number, topic: string, partition: number, logger: Logger): Buffer | number {
  if (!isLegacyMessageSet(records)) return records
  if (version >= 3) {
    logger.debug({ topic, partition, version }, 'produce rejected: Produce v3+ must carry record batches of magic 2')
    return ErrorCode.INVALID_RECORD
  }
  try {
    return upConvertMessageSet(records)
  } catch (err) {
    if (!(err instanceof LegacyMessageSetError)) throw err
    logger.debug({ topic, partition, code: err.errorCode }, `produce rejected: ${err.message}`)
    return err.errorCode
  }
}

function errorResult(index: number, errorCode: number): PartitionResult {
  return { index, errorCode, baseOffset: -1n, logAppendTimeMs: -1n, logStartOffset: -1n }
}
