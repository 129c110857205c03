import type { Logger } from '../../../logging/index.js'
import { syncResult, type Group, type RebalanceOperation } from '../group.js'
import type { GroupProtocol } from '../group-requests.js'
import type { GroupMember, JoinCallback } from '../member.js'
import type { OffsetStore } from '../offset-store.js'
import type { Scheduler } from '../scheduler.js'
import { ErrorCode } from '../../protocol/error-codes.js'
import { joinError, syncError } from './results.js'

/** Kafka's `NewMemberJoinTimeoutMs`: how long a brand-new member's parked JoinGroup may wait. */
export const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000

const EMPTY = Buffer.alloc(0)

/**
 * The timed side of the group protocol (Kafka's delayed join, initial delayed join, delayed sync
 * and delayed heartbeat): starts and completes rebalances, expires sessions, pending members and
 * members that never sync, and persists group metadata at generation changes.
 */
export class RebalanceDriver {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly store: OffsetStore,
    private readonly logger: Logger,
    private readonly initialRebalanceDelayMs: number,
  ) {}

  /** Restarts a member's session timer (`timeoutMs` defaults to its session timeout). */
  scheduleHeartbeat(group: Group, member: GroupMember, timeoutMs = member.sessionTimeoutMs): void {
    member.cancelHeartbeat()
    member.heartbeatTimer = this.scheduler.schedule(timeoutMs, () => this.onHeartbeatExpired(group, member))
  }

  /** Expires a MEMBER_ID_REQUIRED member that never came back. */
  addPendingMemberExpiration(group: Group, memberId: string, timeoutMs: number): void {
    group.pendingMemberTimers.get(memberId)?.cancel()
    const timer = this.scheduler.schedule(timeoutMs, () => {
      group.pendingMemberTimers.delete(memberId)
      if (group.is('Dead') || !group.isPendingMember(memberId)) return
      this.logger.info({ groupId: group.groupId, memberId }, 'Pending member expired')
      this.removePendingMember(group, memberId)
    })
    group.pendingMemberTimers.set(memberId, timer)
  }

  removePendingMember(group: Group, memberId: string): void {
    group.pendingMemberTimers.get(memberId)?.cancel()
    group.pendingMemberTimers.delete(memberId)
    group.remove(memberId)
    if (group.is('PreparingRebalance')) this.checkJoinComplete(group)
  }

  addMemberAndRebalance(group: Group, member: GroupMember, callback: JoinCallback): void {
    group.pendingMemberTimers.get(member.memberId)?.cancel()
    group.pendingMemberTimers.delete(member.memberId)
    member.isNew = true
    if (group.is('PreparingRebalance') && group.generationId === 0) group.newMemberAdded = true
    group.add(member, callback)
    this.scheduleHeartbeat(group, member, NEW_MEMBER_JOIN_TIMEOUT_MS)
    this.maybePrepareRebalance(group, `adding member ${member.memberId}`)
  }

  updateMemberAndRebalance(group: Group, member: GroupMember, protocols: readonly GroupProtocol[], rebalanceTimeoutMs: number, sessionTimeoutMs: number, callback: JoinCallback, reason: string): void {
    this.parkJoin(group, member, protocols, rebalanceTimeoutMs, sessionTimeoutMs, callback)
    this.maybePrepareRebalance(group, reason)
  }

  /** Parks a member's JoinGroup (answering a superseded one so no request is left hanging). */
  parkJoin(group: Group, member: GroupMember, protocols: readonly GroupProtocol[], rebalanceTimeoutMs: number, sessionTimeoutMs: number, callback: JoinCallback): void {
    group.maybeInvokeJoinCallback(member, joinError(member.memberId, ErrorCode.REBALANCE_IN_PROGRESS))
    group.updateMember(member, protocols, rebalanceTimeoutMs, sessionTimeoutMs, callback)
  }

  maybePrepareRebalance(group: Group, reason: string): void {
    if (group.canRebalance) this.prepareRebalance(group, reason)
  }

  prepareRebalance(group: Group, reason: string): void {
    if (group.is('CompletingRebalance')) this.resetAndPropagateAssignmentError(group, ErrorCode.REBALANCE_IN_PROGRESS)
    this.cancelSyncExpiration(group)
    const fromEmpty = group.is('Empty')
    group.transitionTo('PreparingRebalance')
    this.logger.info({ groupId: group.groupId, generationId: group.generationId, reason }, 'Preparing to rebalance group')
    if (fromEmpty && this.initialRebalanceDelayMs > 0) {
      const delay = this.initialRebalanceDelayMs
      this.startInitialDelayedJoin(group, delay, Math.max(group.rebalanceTimeoutMs - delay, 0))
    } else {
      this.startDelayedJoin(group)
    }
  }

  /** Completes the rebalance now if every member has rejoined (Kafka's `checkAndComplete`). */
  checkJoinComplete(group: Group): void {
    if (group.rebalanceOp?.kind === 'join' && group.hasAllMembersJoined()) this.completeJoin(group)
  }

  removeMemberAndUpdateGroup(group: Group, member: GroupMember, reason: string): void {
    group.maybeInvokeJoinCallback(member, joinError('', ErrorCode.UNKNOWN_MEMBER_ID))
    group.maybeInvokeSyncCallback(member, syncError(ErrorCode.UNKNOWN_MEMBER_ID))
    member.cancelHeartbeat()
    group.remove(member.memberId)
    this.logger.info({ groupId: group.groupId, memberId: member.memberId, reason }, 'Removed member from group')
    if (group.is('Stable') || group.is('CompletingRebalance')) this.maybePrepareRebalance(group, reason)
    else if (group.is('PreparingRebalance')) this.checkJoinComplete(group)
  }

  /** A member's SyncGroup arrived: it no longer owes one. */
  removePendingSync(group: Group, memberId: string): void {
    group.removePendingSyncMember(memberId)
    if (group.hasReceivedSyncFromAllMembers()) this.cancelSyncExpiration(group)
  }

  /** The leader's assignment: store it, answer parked SyncGroups, and go Stable. */
  setAndPropagateAssignment(group: Group, assignment: ReadonlyMap<string, Buffer>): void {
    for (const m of group.allMembers()) m.assignment = assignment.get(m.memberId) ?? EMPTY
    this.persistGroup(group)
    for (const m of group.allMembers()) {
      if (group.maybeInvokeSyncCallback(m, syncResult(group, m.assignment))) this.scheduleHeartbeat(group, m)
    }
    group.transitionTo('Stable')
  }

  /** Writes the group's generation and protocol so a restart reloads it (as Empty) with them. */
  persistGroup(group: Group): void {
    try {
      this.store.storeGroup(group.groupId, { generationId: group.generationId, protocolType: group.protocolType, protocolName: group.protocolName })
    } catch (err) {
      this.logger.warn({ groupId: group.groupId, err }, 'Failed to persist group metadata')
    }
  }

  /** Cancels every timer of a group (delete, shutdown). */
  cancelTimers(group: Group): void {
    this.cancelRebalanceOp(group)
    this.cancelSyncExpiration(group)
    for (const t of group.pendingMemberTimers.values()) t.cancel()
    group.pendingMemberTimers.clear()
    for (const m of group.allMembers()) m.cancelHeartbeat()
  }

  private startInitialDelayedJoin(group: Group, delayMs: number, remainingMs: number): void {
    const op: RebalanceOperation = { kind: 'initial', delayMs, remainingMs, timer: null }
    op.timer = this.scheduler.schedule(delayMs, () => this.onInitialDelayExpired(group, op))
    group.rebalanceOp = op
  }

  private onInitialDelayExpired(group: Group, op: RebalanceOperation): void {
    if (group.rebalanceOp !== op) return
    if (group.newMemberAdded && op.remainingMs !== 0) {
      group.newMemberAdded = false
      const delay = Math.min(this.initialRebalanceDelayMs, op.remainingMs)
      this.startInitialDelayedJoin(group, delay, Math.max(op.remainingMs - op.delayMs, 0))
    } else {
      this.completeJoin(group)
    }
  }

  private startDelayedJoin(group: Group): void {
    const delayMs = group.rebalanceTimeoutMs
    const op: RebalanceOperation = { kind: 'join', delayMs, remainingMs: 0, timer: null }
    group.rebalanceOp = op
    if (group.hasAllMembersJoined()) {
      this.completeJoin(group)
      return
    }
    op.timer = this.scheduler.schedule(delayMs, () => {
      if (group.rebalanceOp === op) this.completeJoin(group)
    })
  }

  private cancelRebalanceOp(group: Group): void {
    group.rebalanceOp?.timer?.cancel()
    group.rebalanceOp = null
  }

  /** Kafka's `onCompleteJoin`: drop members that did not rejoin, then start the next generation. */
  private completeJoin(group: Group): void {
    this.cancelRebalanceOp(group)
    group.newMemberAdded = false
    for (const m of group.notYetRejoinedMembers()) {
      if (m.isStatic) continue
      m.cancelHeartbeat()
      group.remove(m.memberId)
      this.logger.info({ groupId: group.groupId, memberId: m.memberId }, 'Removed member that did not rejoin in time')
    }
    if (group.is('Dead')) return
    if (!group.maybeElectNewJoinedLeader() && group.size > 0) {
      this.logger.warn({ groupId: group.groupId }, 'No member rejoined; waiting another rebalance timeout')
      this.startDelayedJoin(group)
      return
    }
    group.initNextGeneration()
    if (group.is('Empty')) {
      this.logger.info({ groupId: group.groupId, generationId: group.generationId }, 'Group is now empty')
      this.persistGroup(group)
      return
    }
    this.logger.info({ groupId: group.groupId, generationId: group.generationId, members: group.size, protocol: group.protocolName }, 'Group rebalanced')
    const leader = group.leaderId ?? ''
    for (const m of [...group.allMembers()]) {
      group.maybeInvokeJoinCallback(m, {
        errorCode: ErrorCode.NONE,
        generationId: group.generationId,
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        leader,
        memberId: m.memberId,
        members: group.isLeader(m.memberId) ? group.currentMemberMetadata() : [],
      })
      this.scheduleHeartbeat(group, m)
      m.isNew = false
      group.addPendingSyncMember(m.memberId)
    }
    this.schedulePendingSync(group)
  }

  private schedulePendingSync(group: Group): void {
    group.syncTimer?.cancel()
    const generationId = group.generationId
    group.syncTimer = this.scheduler.schedule(group.rebalanceTimeoutMs, () => {
      group.syncTimer = null
      if (group.generationId !== generationId || !(group.is('CompletingRebalance') || group.is('Stable'))) return
      if (group.hasReceivedSyncFromAllMembers()) return
      const missing = group.allPendingSyncMembers()
      for (const id of missing) {
        const member = group.get(id)
        member?.cancelHeartbeat()
        if (member !== undefined) group.maybeInvokeSyncCallback(member, syncError(ErrorCode.UNKNOWN_MEMBER_ID))
        group.remove(id)
      }
      this.prepareRebalance(group, `members ${missing.join(', ')} did not send SyncGroup in time`)
    })
  }

  private cancelSyncExpiration(group: Group): void {
    group.clearPendingSyncMembers()
    group.syncTimer?.cancel()
    group.syncTimer = null
  }

  private resetAndPropagateAssignmentError(group: Group, errorCode: number): void {
    for (const m of group.allMembers()) {
      m.assignment = EMPTY
      if (group.maybeInvokeSyncCallback(m, syncError(errorCode))) this.scheduleHeartbeat(group, m)
    }
  }

  /** Session expiry. A member with a parked JoinGroup/SyncGroup is alive (unless brand new). */
  private onHeartbeatExpired(group: Group, member: GroupMember): void {
    member.heartbeatTimer = null
    if (group.is('Dead') || group.get(member.memberId) !== member) return
    if (!member.isNew && (member.isAwaitingJoin || member.isAwaitingSync)) {
      this.scheduleHeartbeat(group, member)
      return
    }
    this.removeMemberAndUpdateGroup(group, member, `session of member ${member.memberId} expired`)
  }
}
