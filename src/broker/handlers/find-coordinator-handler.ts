import { ApiKey, ErrorCode } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'
import type { BrokerNode } from './broker-node.js'

/** Coordinator key types of FindCoordinator v1+. */
const GROUP_KEY = 0
const TRANSACTION_KEY = 1

/**
 * FindCoordinator: a single node coordinates every group and transactional id, so the answer is
 * always this broker (the same node id Metadata lists). Unknown key types get INVALID_REQUEST.
 */
export function findCoordinatorHandler(node: () => BrokerNode): ApiHandler<typeof ApiKey.FindCoordinator> {
  return {
    apiKey: ApiKey.FindCoordinator,
    handle(request) {
      if (request.keyType !== GROUP_KEY && request.keyType !== TRANSACTION_KEY) {
        return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `unknown key type ${request.keyType}`, nodeId: -1, host: '', port: -1 }
      }
      const self = node()
      return { errorCode: ErrorCode.NONE, errorMessage: null, nodeId: self.nodeId, host: self.host, port: self.port }
    },
    errorResponse: (_request, errorCode) => ({ errorCode, errorMessage: null, nodeId: -1, host: '', port: -1 }),
  }
}
