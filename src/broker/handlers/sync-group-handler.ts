import type { GroupCoordinator } from '../coordinator/group-coordinator.js'
import { ApiKey } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'

/** SyncGroup: followers are held until the leader's assignment arrives (group coordinator). */
export function syncGroupHandler(groups: GroupCoordinator): ApiHandler<typeof ApiKey.SyncGroup> {
  return {
    apiKey: ApiKey.SyncGroup,
    async handle(request) {
      const result = await groups.syncGroup({
        groupId: request.groupId,
        generationId: request.generationId,
        memberId: request.memberId,
        groupInstanceId: request.groupInstanceId,
        assignments: request.assignments,
      })
      return { errorCode: result.errorCode, assignment: result.assignment }
    },
    errorResponse: (_request, errorCode) => ({ errorCode, assignment: Buffer.alloc(0) }),
  }
}
