import type { Logger } from '../../../logging/index.js'
import { ErrorCode } from '../../protocol/error-codes.js'
import type { Group } from '../group.js'
import type { JoinGroupRequest } from '../group-requests.js'
import { GroupMember, type JoinCallback } from '../member.js'
import { validateCurrentMember } from './member-validation.js'
import type { RebalanceDriver } from './rebalance-driver.js'
import { joinError } from './results.js'

/**
 * The JoinGroup decision tree once the group exists and accepts the member's protocols (Kafka's
 * `doNewMemberJoinGroup` / `doCurrentMemberJoinGroup` / `updateStaticMemberAndRebalance`).
 */
export class JoinGroupFlow {
  constructor(
    private readonly driver: RebalanceDriver,
    private readonly logger: Logger,
  ) {}

  /** A member joining with an empty member id. */
  joinNewMember(group: Group, req: JoinGroupRequest, respond: JoinCallback): void {
    const { driver } = this
    const newMemberId = group.generateMemberId(req.clientId, req.groupInstanceId)
    if (req.groupInstanceId !== null) {
      const oldMemberId = group.currentStaticMemberId(req.groupInstanceId)
      if (oldMemberId !== undefined) return this.replaceStaticMember(group, req, oldMemberId, newMemberId, respond)
      return driver.addMemberAndRebalance(group, new GroupMember(newMemberId, req.groupInstanceId, req), respond)
    }
    if (req.apiVersion >= 4) {
      group.addPendingMember(newMemberId)
      driver.addPendingMemberExpiration(group, newMemberId, req.sessionTimeoutMs)
      return respond(joinError(newMemberId, ErrorCode.MEMBER_ID_REQUIRED))
    }
    driver.addMemberAndRebalance(group, new GroupMember(newMemberId, null, req), respond)
  }

  /** A member (or pending member) joining with its id. */
  joinCurrentMember(group: Group, req: JoinGroupRequest, respond: JoinCallback): void {
    const { driver } = this
    if (group.isPendingMember(req.memberId)) {
      if (req.groupInstanceId !== null) return respond(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID))
      return driver.addMemberAndRebalance(group, new GroupMember(req.memberId, null, req), respond)
    }
    const error = validateCurrentMember(group, req.memberId, req.groupInstanceId)
    if (error !== ErrorCode.NONE) return respond(joinError(req.memberId, error))
    const member = group.get(req.memberId)!
    const rebalance = (reason: string): void => driver.updateMemberAndRebalance(group, member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, respond, reason)
    const currentState = (members: boolean): void =>
      respond({
        errorCode: ErrorCode.NONE,
        generationId: group.generationId,
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        leader: group.leaderId ?? '',
        memberId: member.memberId,
        members: members ? group.currentMemberMetadata() : [],
      })
    switch (group.state) {
      case 'PreparingRebalance':
        return rebalance(`member ${member.memberId} rejoined during a rebalance`)
      case 'CompletingRebalance':
        if (member.matches(req.protocols)) return currentState(group.isLeader(member.memberId))
        return rebalance(`member ${member.memberId} changed its metadata`)
      case 'Stable':
        if (group.isLeader(member.memberId)) return rebalance(`leader ${member.memberId} rejoined`)
        if (!member.matches(req.protocols)) return rebalance(`member ${member.memberId} changed its metadata`)
        return currentState(false)
      default:
        return respond(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID))
    }
  }

  /** A known static member rejoined with an unknown member id: takes over the old id (Kafka's `updateStaticMemberAndRebalance`). */
  private replaceStaticMember(group: Group, req: JoinGroupRequest, oldMemberId: string, newMemberId: string, respond: JoinCallback): void {
    const { driver } = this
    const currentLeader = group.leaderId ?? ''
    const member = group.replaceStaticMember(req.groupInstanceId!, oldMemberId, newMemberId)
    driver.scheduleHeartbeat(group, member)
    driver.parkJoin(group, member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, respond)
    this.logger.info({ groupId: group.groupId, groupInstanceId: req.groupInstanceId, oldMemberId, newMemberId }, 'Static member rejoined with a new member id')
    switch (group.state) {
      case 'Stable':
        if (group.selectProtocol() === group.protocolName) {
          driver.persistGroup(group)
          // The old leader id is returned so a rejoining leader does not run a pointless assignment (Kafka < JoinGroup v9).
          group.maybeInvokeJoinCallback(member, {
            errorCode: ErrorCode.NONE,
            generationId: group.generationId,
            protocolType: group.protocolType,
            protocolName: group.protocolName,
            leader: currentLeader,
            memberId: newMemberId,
            members: [],
          })
        } else {
          driver.maybePrepareRebalance(group, `static member ${newMemberId} changed the group's protocol`)
        }
        return
      case 'CompletingRebalance':
        return driver.prepareRebalance(group, `static member ${newMemberId} rejoined while awaiting sync`)
      default:
        return
    }
  }
}
