import type { Logger } from '../../logging/index.js'
import { LogError } from '../log/errors.js'
import {
  ApiKey,
  ErrorCode,
  UnsupportedCompressionError,
  downConvertBatches,
  type FetchRequest,
  type FetchResponse,
  type FetchResponsePartitionData,
} from '../protocol/index.js'
import type { Encodable } from '../protocol/schema/message-schema.js'
import type { ApiHandler } from './api-handler.js'
import type { DelayedFetches, WatchedPartition } from './internal/delayed-fetches.js'
import type { PartitionLookup } from './partition-lookup.js'
import type { ReadIsolation } from './read-isolation.js'

/** What the Fetch handler needs. */
export interface FetchHandlerDeps {
  readonly partitions: PartitionLookup
  /** Where fetches wait for data (woken by Produce). */
  readonly fetches: DelayedFetches
  /** LSO and aborted transactions for read_committed. */
  readonly isolation: ReadIsolation
  readonly logger: Logger
}

const READ_COMMITTED = 1
const EMPTY = Buffer.alloc(0)
const INT32_MAX = 2_147_483_647

type PartitionData = Encodable<FetchResponsePartitionData>

interface ReadOutcome {
  readonly response: Encodable<FetchResponse>
  readonly bytes: number
  readonly hasError: boolean
}

/**
 * Fetch: whole stored batches from each partition, never re-encoded. Limits follow KIP-74: the
 * response stays within `max_bytes` and each partition within `partition_max_bytes`, except
 * that the first partition with data always gets at least one whole batch (v3+), so a batch
 * larger than the limits cannot stall a consumer. read_committed reads stop at the last stable
 * offset. The answer is immediate when `max_wait_ms` ≤ 0, `min_bytes` is reached or a partition
 * has an error; otherwise the fetch is parked until appends reach `min_bytes` or the wait ends.
 * Sessions (KIP-227) are not offered: the session id is always 0, and a request naming a
 * session gets FETCH_SESSION_ID_NOT_FOUND.
 *
 * Fetch v0-v3 predate record batch v2: their answers are down-converted (v0/v1 to magic-0, v2/v3
 * to magic-1 messages, uncompressed, control batches dropped, all data batches kept since those
 * versions have no isolation level) and cut at the partition/response limits after conversion,
 * as Kafka does; v3 keeps the first message whole (KIP-74). A batch whose codec the broker cannot
 * decompress (snappy/lz4/zstd) answers UNSUPPORTED_COMPRESSION_TYPE when nothing precedes it.
 */
export function fetchHandler(deps: FetchHandlerDeps): ApiHandler<typeof ApiKey.Fetch> {
  const { partitions, fetches, isolation } = deps

  function readAll(request: FetchRequest, version: number): ReadOutcome {
    const readCommitted = request.isolationLevel === READ_COMMITTED
    let remaining = version >= 3 ? Math.max(0, request.maxBytes) : INT32_MAX
    let minOneBatch = version >= 3
    let bytes = 0
    let hasError = false
    const responses = request.topics.map((t) => ({
      topic: t.topic,
      partitions: t.partitions.map((p): PartitionData => {
        const log = partitions.partitionLog(t.topic, p.partition)
        if (log === undefined) {
          hasError = true
          return failedPartition(p.partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
        }
        const highWatermark = log.highWatermark
        const lastStableOffset = isolation.lastStableOffset(log)
        const maxOffset = readCommitted ? lastStableOffset : highWatermark
        try {
          const budget = Math.min(Math.max(0, p.partitionMaxBytes), remaining)
          // read_committed: the isolation may shape the read (transactions: LSO cap, aborted list of the exact range).
          const committed = readCommitted ? isolation.readCommitted?.(log, p.fetchOffset, budget, minOneBatch) : undefined
          const legacy = version <= LAST_LEGACY_FETCH
          // Down-conversion reads at least one batch and cuts the converted messages at the budget.
          const readMinOne = minOneBatch || (legacy && budget > 0)
          const stored = committed?.read ?? log.read(p.fetchOffset, budget, { minOneBatch: readMinOne, maxOffset })
          const read = legacy ? downConvert(stored.records, version, p.fetchOffset, budget, minOneBatch) : stored
          if (read.size > 0) {
            minOneBatch = false
            remaining = Math.max(0, remaining - read.size)
            bytes += read.size
          }
          return {
            partitionIndex: p.partition,
            errorCode: 0,
            highWatermark,
            lastStableOffset: committed?.lastStableOffset ?? lastStableOffset,
            logStartOffset: log.logStartOffset,
            abortedTransactions: readCommitted ? (committed?.abortedTransactions ?? isolation.abortedTransactions(log, p.fetchOffset, maxOffset)) : null,
            preferredReadReplica: -1,
            records: read.size > 0 ? read.records : EMPTY,
          }
        } catch (err) {
          if (err instanceof UnsupportedCompressionError) {
            hasError = true
            deps.logger.debug({ topic: t.topic, partition: p.partition, codec: err.codec }, 'fetch v0-v3: cannot down-convert a compressed batch')
            return failedPartition(p.partition, ErrorCode.UNSUPPORTED_COMPRESSION_TYPE)
          }
          if (!(err instanceof LogError)) throw err
          hasError = true
          // Kafka answers an out-of-range partition with -1 watermarks (ReplicaManager.createLogReadResult).
          return failedPartition(p.partition, err.errorCode)
        }
      }),
    }))
    return { response: { errorCode: 0, sessionId: 0, responses }, bytes, hasError }
  }

  return {
    apiKey: ApiKey.Fetch,
    handle(request, context) {
      if (request.sessionId !== 0) {
        return { errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND, sessionId: 0, responses: [] }
      }
      const first = readAll(request, context.apiVersion)
      if (request.maxWaitMs <= 0 || first.bytes >= request.minBytes || first.hasError) return first.response
      const watched: WatchedPartition[] = []
      for (const t of request.topics) for (const p of t.partitions) watched.push({ topic: t.topic, partition: p.partition })
      if (watched.length === 0) return first.response
      return fetches
        .park(watched, request.minBytes, first.bytes, request.maxWaitMs, context.connection)
        .then(() => readAll(request, context.apiVersion).response)
    },
    errorResponse: (request, errorCode) => ({
      errorCode: 0,
      sessionId: 0,
      responses: request.topics.map((t) => ({ topic: t.topic, partitions: t.partitions.map((p) => failedPartition(p.partition, errorCode)) })),
    }),
  }
}

/** Fetch versions up to this one read the legacy message format (magic 0/1). */
const LAST_LEGACY_FETCH = 3

/** Stored v2 batches as the magic-0 (Fetch v0/v1) or magic-1 (v2/v3) message set of `budget` bytes. */
function downConvert(records: readonly Buffer[], version: number, fetchOffset: bigint, budget: number, minOneMessage: boolean) {
  if (records.length === 0) return { records, size: 0 }
  const converted = downConvertBatches(records, { magic: version <= 1 ? 0 : 1, fetchOffset, maxBytes: budget, minOneMessage })
  return { records: [converted.records], size: converted.records.length }
}

function failedPartition(partitionIndex: number, errorCode: number): PartitionData {
  return {
    partitionIndex,
    errorCode,
    highWatermark: -1n,
    lastStableOffset: -1n,
    logStartOffset: -1n,
    abortedTransactions: null,
    preferredReadReplica: -1,
    records: EMPTY,
  }
}
