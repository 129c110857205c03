import type { GroupCoordinator } from '../coordinator/group-coordinator.js'
import { ApiKey } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'

/**
 * LeaveGroup v0-1: one member leaves. The wire has a single error: the group-level error if
 * any, else the member's (Kafka's rule for versions below 3).
 */
export function leaveGroupHandler(groups: GroupCoordinator): ApiHandler<typeof ApiKey.LeaveGroup> {
  return {
    apiKey: ApiKey.LeaveGroup,
    handle(request) {
      const result = groups.leaveGroup({
        groupId: request.groupId,
        members: [{ memberId: request.memberId, groupInstanceId: null }],
      })
      return { errorCode: result.errorCode !== 0 ? result.errorCode : (result.members[0]?.errorCode ?? 0) }
    },
    errorResponse: (_request, errorCode) => ({ errorCode }),
  }
}
