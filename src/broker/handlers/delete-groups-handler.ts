import type { GroupCoordinator } from '../coordinator/group-coordinator.js'
import { ApiKey } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'

/** DeleteGroups: removes empty groups and their offsets (NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND otherwise). */
export function deleteGroupsHandler(groups: GroupCoordinator): ApiHandler<typeof ApiKey.DeleteGroups> {
  return {
    apiKey: ApiKey.DeleteGroups,
    handle(request) {
      return { results: groups.deleteGroups(request.groupsNames).map((r) => ({ groupId: r.groupId, errorCode: r.errorCode })) }
    },
    errorResponse: (request, errorCode) => ({ results: request.groupsNames.map((groupId) => ({ groupId, errorCode })) }),
  }
}
