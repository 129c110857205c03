import type { GroupCoordinator } from '../coordinator/group-coordinator.js'
import { ApiKey } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'

/** ListGroups: every group this coordinator knows, with its protocol type. */
export function listGroupsHandler(groups: GroupCoordinator): ApiHandler<typeof ApiKey.ListGroups> {
  return {
    apiKey: ApiKey.ListGroups,
    handle() {
      const result = groups.listGroups()
      return {
        errorCode: result.errorCode,
        groups: result.groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType })),
      }
    },
    errorResponse: (_request, errorCode) => ({ errorCode, groups: [] }),
  }
}
