import type { GroupCoordinator } from '../coordinator/group-coordinator.js'
import { ApiKey } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'

/** Heartbeat: keeps a member's session alive; reports REBALANCE_IN_PROGRESS and friends. */
export function heartbeatHandler(groups: GroupCoordinator): ApiHandler<typeof ApiKey.Heartbeat> {
  return {
    apiKey: ApiKey.Heartbeat,
    handle(request) {
      return {
        errorCode: groups.heartbeat({
          groupId: request.groupId,
          generationId: request.generationId,
          memberId: request.memberId,
          groupInstanceId: request.groupInstanceId,
        }).errorCode,
      }
    },
    errorResponse: (_request, errorCode) => ({ errorCode }),
  }
}
