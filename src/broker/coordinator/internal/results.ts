import type { JoinGroupResult, SyncGroupResult } from '../group-requests.js'

const EMPTY = Buffer.alloc(0)

/** A JoinGroup error response (Kafka's `JoinGroupResult(memberId, error)`). */
export function joinError(memberId: string, errorCode: number): JoinGroupResult {
  return { errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId, members: [] }
}

/** A SyncGroup error response. */
export function syncError(errorCode: number): SyncGroupResult {
  return { errorCode, protocolType: null, protocolName: null, assignment: EMPTY }
}
