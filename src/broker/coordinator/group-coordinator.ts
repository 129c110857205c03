import { silentLogger, type Logger } from '../../logging/index.js'
import { CoordinatorStateError } from './errors.js'
import { Group, syncResult } from './group.js'
import type { GroupCoordinatorOptions } from './group-coordinator-options.js'
import type {
  DeleteGroupResult,
  DescribedGroup,
  HeartbeatRequest,
  HeartbeatResult,
  JoinGroupRequest,
  JoinGroupResult,
  LeaveGroupRequest,
  LeaveGroupResult,
  ListGroupsResult,
  SyncGroupRequest,
  SyncGroupResult,
} from './group-requests.js'
import { ErrorCode } from '../protocol/error-codes.js'
import { JoinGroupFlow } from './internal/join-group-flow.js'
import { validateCurrentMember, validateOffsetCommit } from './internal/member-validation.js'
import { OffsetManager } from './internal/offset-manager.js'
import { RebalanceDriver } from './internal/rebalance-driver.js'
import { joinError, syncError } from './internal/results.js'
import type { JoinCallback, SyncCallback } from './member.js'
import type {
  OffsetCommitPartition,
  OffsetCommitPartitionResult,
  OffsetCommitRequest,
  OffsetDeleteResult,
  OffsetFetchResult,
  OffsetFetchTopic,
  TopicPartitionRef,
} from './offset-requests.js'
import { OffsetStore } from './offset-store.js'
import { SystemScheduler, type Scheduler } from './scheduler.js'

/**
 * The broker's classic group coordinator (Kafka's `GroupCoordinator`): membership, rebalances,
 * generations and session timeouts, and committed offsets (durable when a data dir is given).
 * Domain-level: handlers decode requests, call these methods and encode the results. Client
 * mistakes come back as Kafka error codes, never as exceptions.
 *
 * Lifecycle: `new GroupCoordinator(options)`, `startup()` (loads the offsets log), then
 * `shutdown()` (cancels timers, answers parked requests with NOT_COORDINATOR, closes the file).
 */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>()
  private readonly scheduler: Scheduler
  private readonly logger: Logger
  private readonly initialDelayMs: number
  private readonly minSessionTimeoutMs: number
  private readonly maxSessionTimeoutMs: number
  private store: OffsetStore | null = null
  private driver: RebalanceDriver | null = null
  private joinFlow: JoinGroupFlow | null = null
  private offsetManager: OffsetManager | null = null
  private active = false
  private started = false

  constructor(private readonly options: GroupCoordinatorOptions = {}) {
    this.scheduler = options.scheduler ?? new SystemScheduler()
    this.logger = (options.logger ?? silentLogger).child({ component: 'group-coordinator' })
    this.initialDelayMs = options.groupInitialRebalanceDelayMs ?? 3000
    this.minSessionTimeoutMs = options.groupMinSessionTimeoutMs ?? 6000
    this.maxSessionTimeoutMs = options.groupMaxSessionTimeoutMs ?? 1_800_000
  }

  /** Loads persisted offsets and groups (groups come back Empty, keeping their generation) and starts serving. */
  startup(): void {
    if (this.started) throw new CoordinatorStateError('GroupCoordinator.startup() called twice')
    this.started = true
    const store = OffsetStore.open({ dataDir: this.options.dataDir, logger: this.logger, ...(this.options.offsetsLog ? { log: this.options.offsetsLog } : {}) })
    this.store = store
    this.driver = new RebalanceDriver(this.scheduler, store, this.logger, this.initialDelayMs)
    this.joinFlow = new JoinGroupFlow(this.driver, this.logger)
    this.offsetManager = new OffsetManager(store, this.scheduler, this.logger, {
      metadataMaxBytes: this.options.offsetMetadataMaxBytes ?? 4096,
      partitionExists: this.options.partitionExists,
    })
    for (const groupId of store.groupIds()) {
      const group = new Group(groupId)
      const meta = store.groupMeta(groupId)
      if (meta !== null) {
        group.generationId = meta.generationId
        group.protocolType = meta.protocolType
      }
      this.groups.set(groupId, group)
    }
    this.active = true
    this.logger.info({ groups: this.groups.size, dataDir: this.options.dataDir ?? null }, 'Group coordinator started')
  }

  /** Stops serving: cancels every timer, answers parked JoinGroup/SyncGroup with NOT_COORDINATOR, closes the log. */
  shutdown(): void {
    if (!this.active) return
    this.active = false
    for (const group of this.groups.values()) {
      this.driver!.cancelTimers(group)
      for (const m of [...group.allMembers()]) {
        group.maybeInvokeJoinCallback(m, joinError(m.memberId, ErrorCode.NOT_COORDINATOR))
        group.maybeInvokeSyncCallback(m, syncError(ErrorCode.NOT_COORDINATOR))
      }
    }
    this.store?.close()
    this.logger.info('Group coordinator stopped')
  }

  /** Whether the coordinator is serving (between `startup()` and `shutdown()`). */
  get isActive(): boolean {
    return this.active
  }

  /** JoinGroup; the promise is held (long poll) until the rebalance completes. */
  joinGroup(request: JoinGroupRequest): Promise<JoinGroupResult> {
    return new Promise((resolve) => this.handleJoinGroup(request, resolve))
  }

  /** SyncGroup; followers are held until the leader's assignment arrives. */
  syncGroup(request: SyncGroupRequest): Promise<SyncGroupResult> {
    return new Promise((resolve) => this.handleSyncGroup(request, resolve))
  }

  heartbeat(request: HeartbeatRequest): HeartbeatResult {
    const error = this.validateGroupRequest(request.groupId, true)
    if (error !== ErrorCode.NONE) return { errorCode: error }
    const group = this.groups.get(request.groupId)
    if (group === undefined) return { errorCode: ErrorCode.UNKNOWN_MEMBER_ID }
    if (group.is('Dead')) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE }
    const memberError = validateCurrentMember(group, request.memberId, request.groupInstanceId)
    if (memberError !== ErrorCode.NONE) return { errorCode: memberError }
    if (request.generationId !== group.generationId) return { errorCode: ErrorCode.ILLEGAL_GENERATION }
    if (group.is('Empty')) return { errorCode: ErrorCode.UNKNOWN_MEMBER_ID }
    this.driver!.scheduleHeartbeat(group, group.get(request.memberId)!)
    return { errorCode: group.is('PreparingRebalance') ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE }
  }

  leaveGroup(request: LeaveGroupRequest): LeaveGroupResult {
    const error = this.validateGroupRequest(request.groupId, true)
    if (error !== ErrorCode.NONE) return { errorCode: error, members: [] }
    const group = this.groups.get(request.groupId)
    if (group === undefined) return { errorCode: ErrorCode.NONE, members: request.members.map((m) => ({ ...m, errorCode: ErrorCode.UNKNOWN_MEMBER_ID })) }
    if (group.is('Dead')) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] }
    const driver = this.driver!
    const members = request.members.map((leaving) => {
      const remove = (memberId: string): void => driver.removeMemberAndUpdateGroup(group, group.get(memberId)!, `member ${memberId} left the group`)
      let errorCode: number = ErrorCode.NONE
      if (leaving.memberId === '') {
        const current = leaving.groupInstanceId === null ? undefined : group.currentStaticMemberId(leaving.groupInstanceId)
        if (current === undefined) errorCode = ErrorCode.UNKNOWN_MEMBER_ID
        else remove(current)
      } else if (group.isPendingMember(leaving.memberId)) {
        driver.removePendingMember(group, leaving.memberId)
      } else {
        errorCode = validateCurrentMember(group, leaving.memberId, leaving.groupInstanceId)
        if (errorCode === ErrorCode.NONE) remove(leaving.memberId)
      }
      return { memberId: leaving.memberId, groupInstanceId: leaving.groupInstanceId, errorCode }
    })
    return { errorCode: ErrorCode.NONE, members }
  }

  describeGroups(groupIds: readonly string[]): DescribedGroup[] {
    return groupIds.map((groupId) => {
      const dead = { groupId, protocolType: '', protocolData: '', members: [] }
      if (!this.active) return { ...dead, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, state: '' }
      const group = this.groups.get(groupId)
      if (group === undefined) return { ...dead, errorCode: ErrorCode.NONE, state: 'Dead' }
      return group.summary()
    })
  }

  listGroups(): ListGroupsResult {
    if (!this.active) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, groups: [] }
    return { errorCode: ErrorCode.NONE, groups: [...this.groups.values()].filter((g) => !g.is('Dead')).map((g) => g.overview()) }
  }

  /** Deletes Empty groups and their offsets (NON_EMPTY_GROUP / GROUP_ID_NOT_FOUND otherwise). */
  deleteGroups(groupIds: readonly string[]): DeleteGroupResult[] {
    return groupIds.map((groupId) => {
      if (!this.active) return { groupId, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE }
      const group = this.groups.get(groupId)
      if (group === undefined || group.is('Dead')) return { groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND }
      if (!group.is('Empty')) return { groupId, errorCode: ErrorCode.NON_EMPTY_GROUP }
      try {
        const removed = this.store!.deleteGroup(groupId)
        this.logger.info({ groupId, offsetsRemoved: removed }, 'Deleted group')
      } catch (err) {
        this.logger.error({ groupId, err }, 'Failed to delete group')
        return { groupId, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE }
      }
      this.driver!.cancelTimers(group)
      group.transitionTo('Dead')
      this.groups.delete(groupId)
      return { groupId, errorCode: ErrorCode.NONE }
    })
  }

  /** OffsetCommit: validates membership/generation (generation -1 + member '' for standalone consumers) and stores durably. */
  commitOffsets(request: OffsetCommitRequest): OffsetCommitPartitionResult[] {
    const all = (errorCode: number): OffsetCommitPartitionResult[] => request.offsets.map((o) => ({ topic: o.topic, partition: o.partition, errorCode }))
    if (!this.active) return all(ErrorCode.COORDINATOR_NOT_AVAILABLE)
    let group = this.groups.get(request.groupId)
    if (group === undefined) {
      if (request.generationId >= 0) return all(ErrorCode.ILLEGAL_GENERATION)
      group = this.createGroup(request.groupId)
    }
    const error = validateOffsetCommit(group, request.generationId, request.memberId, request.groupInstanceId)
    if (error !== ErrorCode.NONE) return all(error)
    if (group.is('CompletingRebalance')) return all(ErrorCode.REBALANCE_IN_PROGRESS)
    if (!group.is('Empty')) this.driver!.scheduleHeartbeat(group, group.get(request.memberId)!)
    return this.offsetManager!.commit(request.groupId, request.offsets)
  }

  /**
   * OffsetFetch: `topics` null = every partition the group has committed. Unknown partitions get
   * offset -1, metadata null, error 0. Pending transactional offsets are invisible (the last
   * committed value is returned) unless `requireStable` (v7+), which answers UNSTABLE_OFFSET_COMMIT.
   */
  fetchOffsets(groupId: string, topics: readonly OffsetFetchTopic[] | null, requireStable = false): OffsetFetchResult {
    if (!this.active) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, topics: [] }
    return this.offsetManager!.fetch(groupId, topics, requireStable)
  }

  /** OffsetDelete: allowed for Empty groups, and for topics a consumer group does not subscribe to. */
  deleteOffsets(groupId: string, partitions: readonly TopicPartitionRef[]): OffsetDeleteResult {
    if (!this.active) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, partitions: [] }
    const group = this.groups.get(groupId)
    if (group === undefined || group.is('Dead')) return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, partitions: [] }
    return this.offsetManager!.delete(group, partitions)
  }

  /** Drops every group's offsets (committed and pending) for a deleted topic. */
  onTopicDeleted(topic: string): void {
    if (!this.active) return
    try {
      const removed = this.store!.deleteTopic(topic)
      if (removed > 0) this.logger.info({ topic, offsetsRemoved: removed }, 'Removed offsets of a deleted topic')
    } catch (err) {
      this.logger.error({ topic, err }, 'Failed to remove offsets of a deleted topic')
    }
  }

  /**
   * TxnOffsetCommit (for the transaction coordinator / handler): stores offsets as pending for
   * `producerId`, invisible to OffsetFetch until `completeTransactionalOffsets`. Per-partition errors.
   */
  prepareTransactionalOffsets(groupId: string, producerId: bigint, producerEpoch: number, offsets: readonly OffsetCommitPartition[]): OffsetCommitPartitionResult[] {
    if (!this.active) return offsets.map((o) => ({ topic: o.topic, partition: o.partition, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE }))
    if (!this.groups.has(groupId)) this.createGroup(groupId)
    return this.offsetManager!.prepareTransactional(groupId, producerId, producerEpoch, offsets)
  }

  /**
   * EndTxn: applies (commit) or discards (abort) `producerId`'s pending offsets in every group,
   * durably. A no-op when it has none. Throws `CoordinatorStorageError` if the write fails.
   */
  completeTransactionalOffsets(producerId: bigint, commit: boolean): void {
    if (!this.active) throw new CoordinatorStateError('The group coordinator is not running')
    this.offsetManager!.completeTransactional(producerId, commit)
  }

  /** Whether `producerId` has pending transactional offsets (in `groupId`, or in any group). */
  hasPendingTransactionalOffsets(producerId: bigint, groupId?: string): boolean {
    return this.store?.hasPendingTxn(producerId, groupId) ?? false
  }

  private createGroup(groupId: string): Group {
    const group = new Group(groupId)
    this.groups.set(groupId, group)
    return group
  }

  /** Coordinator-level checks every group API does first; `needsGroupId`: join/sync/heartbeat/leave. */
  private validateGroupRequest(groupId: string, needsGroupId: boolean): number {
    if (needsGroupId && groupId === '') return ErrorCode.INVALID_GROUP_ID
    if (!this.active) return ErrorCode.COORDINATOR_NOT_AVAILABLE
    return ErrorCode.NONE
  }

  private handleJoinGroup(req: JoinGroupRequest, respond: JoinCallback): void {
    const error = this.validateGroupRequest(req.groupId, true)
    if (error !== ErrorCode.NONE) return respond(joinError(req.memberId, error))
    if (req.sessionTimeoutMs < this.minSessionTimeoutMs || req.sessionTimeoutMs > this.maxSessionTimeoutMs) {
      return respond(joinError(req.memberId, ErrorCode.INVALID_SESSION_TIMEOUT))
    }
    const isUnknownMember = req.memberId === ''
    let group = this.groups.get(req.groupId)
    if (group === undefined) {
      if (!isUnknownMember) return respond(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID))
      group = this.createGroup(req.groupId)
    }
    if (group.is('Dead')) return respond(joinError(req.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE))
    if (!group.supportsProtocols(req.protocolType, req.protocols)) return respond(joinError(req.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL))
    if (isUnknownMember) this.joinFlow!.joinNewMember(group, req, respond)
    else this.joinFlow!.joinCurrentMember(group, req, respond)
    if (group.is('PreparingRebalance')) this.driver!.checkJoinComplete(group)
  }

  private handleSyncGroup(req: SyncGroupRequest, respond: SyncCallback): void {
    const error = this.validateGroupRequest(req.groupId, true)
    if (error !== ErrorCode.NONE) return respond(syncError(error))
    const group = this.groups.get(req.groupId)
    if (group === undefined) return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID))
    if (group.is('Dead')) return respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE))
    const memberError = validateCurrentMember(group, req.memberId, req.groupInstanceId)
    if (memberError !== ErrorCode.NONE) return respond(syncError(memberError))
    if (req.generationId !== group.generationId) return respond(syncError(ErrorCode.ILLEGAL_GENERATION))
    if (req.protocolType != null && req.protocolType !== group.protocolType) return respond(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL))
    if (req.protocolName != null && req.protocolName !== group.protocolName) return respond(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL))
    const driver = this.driver!
    const member = group.get(req.memberId)!
    switch (group.state) {
      case 'Empty':
        return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID))
      case 'PreparingRebalance':
        return respond(syncError(ErrorCode.REBALANCE_IN_PROGRESS))
      case 'CompletingRebalance': {
        group.maybeInvokeSyncCallback(member, syncError(ErrorCode.REBALANCE_IN_PROGRESS))
        member.awaitingSync = respond
        driver.removePendingSync(group, member.memberId)
        if (!group.isLeader(member.memberId)) return
        const assignment = new Map<string, Buffer>()
        for (const a of req.assignments) if (group.has(a.memberId)) assignment.set(a.memberId, a.assignment)
        this.logger.info({ groupId: group.groupId, generationId: group.generationId, members: group.size, assigned: assignment.size }, 'Assignment received from the leader')
        return driver.setAndPropagateAssignment(group, assignment)
      }
      case 'Stable':
        driver.removePendingSync(group, member.memberId)
        respond(syncResult(group, member.assignment))
        return driver.scheduleHeartbeat(group, member)
      default:
        return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID))
    }
  }
}
