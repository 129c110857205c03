import type { Logger } from '../../logging/index.js'
import { LogError } from '../log/errors.js'
import { ApiKey, ErrorCode, type DeleteRecordsPartitionResult } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'
import type { PartitionLookup } from './partition-lookup.js'

/**
 * DeleteRecords: moves each partition's log start offset (offset -1 means the high watermark)
 * and answers the new low watermark. Out-of-range offsets and `cleanup.policy=compact` topics get
 * the log's error (OFFSET_OUT_OF_RANGE, POLICY_VIOLATION).
 */
export function deleteRecordsHandler(partitions: PartitionLookup, logger: Logger): ApiHandler<typeof ApiKey.DeleteRecords> {
  return {
    apiKey: ApiKey.DeleteRecords,
    handle(request) {
      return {
        topics: request.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p): DeleteRecordsPartitionResult => {
            const log = partitions.partitionLog(t.name, p.partitionIndex)
            if (log === undefined) return { partitionIndex: p.partitionIndex, lowWatermark: -1n, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }
            try {
              return { partitionIndex: p.partitionIndex, lowWatermark: log.deleteRecordsBefore(p.offset), errorCode: 0 }
            } catch (err) {
              if (!(err instanceof LogError)) throw err
              logger.debug({ topic: t.name, partition: p.partitionIndex }, `delete records rejected: ${err.message}`)
              return { partitionIndex: p.partitionIndex, lowWatermark: -1n, errorCode: err.errorCode }
            }
          }),
        })),
      }
    },
    errorResponse: (request, errorCode) => ({
      topics: request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, lowWatermark: -1n, errorCode })),
      })),
    }),
  }
}
