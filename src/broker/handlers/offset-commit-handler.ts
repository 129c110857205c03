import type { GroupCoordinator } from '../coordinator/group-coordinator.js'
import type { OffsetCommitPartition } from '../coordinator/offset-requests.js'
import { ApiKey } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'

/**
 * OffsetCommit: offsets are stored verbatim (negative values included). v0 carries no
 * generation or member: it commits as a standalone consumer (generation -1, member '').
 */
export function offsetCommitHandler(groups: GroupCoordinator): ApiHandler<typeof ApiKey.OffsetCommit> {
  return {
    apiKey: ApiKey.OffsetCommit,
    handle(request, context) {
      const offsets: OffsetCommitPartition[] = []
      for (const t of request.topics) {
        for (const p of t.partitions) {
          offsets.push({
            topic: t.name,
            partition: p.partitionIndex,
            offset: p.committedOffset,
            leaderEpoch: -1,
            metadata: p.committedMetadata,
          })
        }
      }
      const results = groups.commitOffsets({
        groupId: request.groupId,
        generationId: context.apiVersion === 0 ? -1 : request.generationIdOrMemberEpoch,
        memberId: context.apiVersion === 0 ? '' : request.memberId,
        groupInstanceId: null,
        offsets,
      })
      // Results come back in request order: regroup them under their topics.
      let i = 0
      return {
        topics: request.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: results[i++]?.errorCode ?? 0 })),
        })),
      }
    },
    errorResponse: (request, errorCode) => ({
      topics: request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })),
      })),
    }),
  }
}
