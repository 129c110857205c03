import { ErrorCode } from '../../protocol/error-codes.js'
import type { Group } from '../group.js'

/** Static members must present their current member id; dynamic ones must be members. */
export function validateCurrentMember(group: Group, memberId: string, groupInstanceId: string | null): number {
  if (groupInstanceId !== null) {
    const current = group.currentStaticMemberId(groupInstanceId)
    if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID
    if (current !== memberId) return ErrorCode.FENCED_INSTANCE_ID
    return ErrorCode.NONE
  }
  return group.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID
}

/** Kafka's `validateOffsetCommit` for plain (non-transactional) commits. */
export function validateOffsetCommit(group: Group, generationId: number, memberId: string, groupInstanceId: string | null): number {
  if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE
  if (generationId < 0 && group.is('Empty')) return ErrorCode.NONE
  if (generationId >= 0 || memberId !== '' || groupInstanceId !== null) {
    const error = validateCurrentMember(group, memberId, groupInstanceId)
    if (error !== ErrorCode.NONE) return error
    return generationId === group.generationId ? ErrorCode.NONE : ErrorCode.ILLEGAL_GENERATION
  }
  return group.is('Empty') ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID
}
