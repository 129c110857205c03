import { ApiKey, ErrorCode, type ListOffsetsPartitionResponse } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'
import type { PartitionLookup } from './partition-lookup.js'
import type { ReadIsolation } from './read-isolation.js'

/** ListOffsets special timestamps. */
const LATEST = -1n
const EARLIEST = -2n
const READ_COMMITTED = 1

/**
 * ListOffsets: -1 (latest) answers the high watermark, or the last stable offset for
 * read_committed (v2+); -2 (earliest) the log start offset; both with timestamp -1. A real
 * timestamp answers the first record at or after it (below the HW/LSO), else offset -1 with no
 * error (Kafka `Partition.fetchOffsetForTimestamp`). v0 answers a one-element offset list.
 */
export function listOffsetsHandler(partitions: PartitionLookup, isolation: ReadIsolation): ApiHandler<typeof ApiKey.ListOffsets> {
  return {
    apiKey: ApiKey.ListOffsets,
    handle(request, context) {
      const readCommitted = context.apiVersion >= 2 && request.isolationLevel === READ_COMMITTED
      return {
        topics: request.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p): ListOffsetsPartitionResponse => {
            const log = partitions.partitionLog(t.name, p.partitionIndex)
            if (log === undefined) return failed(p.partitionIndex, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
            const upper = readCommitted ? isolation.lastStableOffset(log) : log.highWatermark
            let offset: bigint
            let timestamp = -1n
            if (p.timestamp === LATEST) {
              offset = upper
            } else if (p.timestamp === EARLIEST) {
              offset = log.logStartOffset
            } else if (p.timestamp < 0n) {
              return failed(p.partitionIndex, ErrorCode.INVALID_REQUEST)
            } else {
              const hit = log.offsetForTimestamp(p.timestamp, { maxOffset: upper })
              offset = hit === null ? -1n : hit.offset
              timestamp = hit === null ? -1n : hit.timestamp
            }
            return {
              partitionIndex: p.partitionIndex,
              errorCode: 0,
              oldStyleOffsets: offset >= 0n ? [offset] : [],
              timestamp,
              offset,
            }
          }),
        })),
      }
    },
    errorResponse: (request, errorCode) => ({
      topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => failed(p.partitionIndex, errorCode)) })),
    }),
  }
}

function failed(partitionIndex: number, errorCode: number): ListOffsetsPartitionResponse {
  return { partitionIndex, errorCode, oldStyleOffsets: [], timestamp: -1n, offset: -1n }
}
