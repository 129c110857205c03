import type { GroupCoordinator } from '../coordinator/group-coordinator.js'
import { ApiKey } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'
import { clientHostOf } from './internal/client-host.js'

/**
 * JoinGroup: handed to the group coordinator, which holds the answer until the rebalance
 * completes. v0 has no rebalance timeout: Kafka uses the session timeout. `protocol_name` is not
 * nullable below v7, so a null from the coordinator is written as `''`.
 */
export function joinGroupHandler(groups: GroupCoordinator): ApiHandler<typeof ApiKey.JoinGroup> {
  return {
    apiKey: ApiKey.JoinGroup,
    async handle(request, context) {
      const result = await groups.joinGroup({
        groupId: request.groupId,
        memberId: request.memberId,
        groupInstanceId: request.groupInstanceId,
        clientId: context.clientId ?? '',
        clientHost: clientHostOf(context.connection),
        sessionTimeoutMs: request.sessionTimeoutMs,
        rebalanceTimeoutMs: context.apiVersion === 0 ? request.sessionTimeoutMs : request.rebalanceTimeoutMs,
        protocolType: request.protocolType,
        protocols: request.protocols,
        apiVersion: context.apiVersion,
      })
      return {
        errorCode: result.errorCode,
        generationId: result.generationId,
        protocolName: result.protocolName ?? '',
        leader: result.leader,
        memberId: result.memberId,
        members: result.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadata })),
      }
    },
    errorResponse: (request, errorCode) => ({
      errorCode,
      generationId: -1,
      protocolName: '',
      leader: '',
      memberId: request.memberId,
      members: [],
    }),
  }
}
