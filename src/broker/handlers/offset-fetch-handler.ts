import type { GroupCoordinator } from '../coordinator/group-coordinator.js'
import { ApiKey } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'

/** First OffsetFetch version with a top-level error code. */
const TOP_LEVEL_ERROR_VERSION = 2

/**
 * OffsetFetch: committed offsets of a group; `topics` null (v2+) means every partition the group
 * has offsets for. Unknown partitions answer offset -1 and metadata `''` with no error. Below v2
 * a group-level error is reported on every requested partition.
 */
export function offsetFetchHandler(groups: GroupCoordinator): ApiHandler<typeof ApiKey.OffsetFetch> {
  return {
    apiKey: ApiKey.OffsetFetch,
    handle(request, context) {
      const topics = request.topics === null ? null : request.topics.map((t) => ({ topic: t.name, partitions: t.partitionIndexes }))
      const result = groups.fetchOffsets(request.groupId, topics)
      if (result.errorCode !== 0 && context.apiVersion < TOP_LEVEL_ERROR_VERSION) {
        return {
          errorCode: result.errorCode,
          topics: (request.topics ?? []).map((t) => ({
            name: t.name,
            partitions: t.partitionIndexes.map((partitionIndex) => ({
              partitionIndex,
              committedOffset: -1n,
              metadata: '',
              errorCode: result.errorCode,
            })),
          })),
        }
      }
      return {
        errorCode: result.errorCode,
        topics: result.topics.map((t) => ({
          name: t.topic,
          partitions: t.partitions.map((p) => ({
            partitionIndex: p.partition,
            committedOffset: p.offset,
            metadata: p.metadata ?? '',
            errorCode: p.errorCode,
          })),
        })),
      }
    },
    errorResponse: (request, errorCode) => ({
      errorCode,
      topics: (request.topics ?? []).map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, committedOffset: -1n, metadata: '', errorCode })),
      })),
    }),
  }
}
