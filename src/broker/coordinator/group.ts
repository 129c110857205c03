import { randomUUID } from 'node:crypto'
import { CoordinatorStateError } from './errors.js'
import type { DescribedGroup, GroupProtocol, JoinGroupMember, JoinGroupResult, ListedGroup, SyncGroupResult } from './group-requests.js'
import { isValidTransition, type GroupState } from './group-state.js'
import { ErrorCode } from '../protocol/error-codes.js'
import { joinError, syncError } from './internal/results.js'
import type { GroupMember, JoinCallback } from './member.js'
import type { TimerHandle } from './scheduler.js'

const EMPTY = Buffer.alloc(0)

/** The delayed join currently holding a group in PreparingRebalance. */
export interface RebalanceOperation {
  /** `initial`: the Empty-group delay (never completes early); `join`: completes once all joined. */
  readonly kind: 'initial' | 'join'
  readonly delayMs: number
  /** Initial delay only: how much of the rebalance timeout is left to extend into. */
  readonly remainingMs: number
  timer: TimerHandle | null
}

/**
 * A classic consumer group (Kafka's `GroupMetadata`): state, generation, chosen protocol, leader,
 * members (with static and pending ones) and protocol votes. Pure bookkeeping: timers and
 * transitions are driven by the coordinator.
 */
export class Group {
  readonly groupId: string
  private currentState: GroupState
  generationId = 0
  protocolType: string | null = null
  protocolName: string | null = null
  leaderId: string | null = null
  /** Set while an initial (Empty-group) delayed join should be extended by one more delay. */
  newMemberAdded = false
  rebalanceOp: RebalanceOperation | null = null
  syncTimer: TimerHandle | null = null
  readonly pendingMemberTimers = new Map<string, TimerHandle>()

  private readonly members = new Map<string, GroupMember>()
  private readonly staticMembers = new Map<string, string>()
  private readonly pendingMembers = new Set<string>()
  private readonly pendingSyncMembers = new Set<string>()
  private readonly protocolVotes = new Map<string, number>()
  private numAwaitingJoin = 0

  constructor(groupId: string, state: GroupState = 'Empty') {
    this.groupId = groupId
    this.currentState = state
  }

  get state(): GroupState {
    return this.currentState
  }

  is(state: GroupState): boolean {
    return this.currentState === state
  }

  has(memberId: string): boolean {
    return this.members.has(memberId)
  }

  get(memberId: string): GroupMember | undefined {
    return this.members.get(memberId)
  }

  get size(): number {
    return this.members.size
  }

  allMembers(): IterableIterator<GroupMember> {
    return this.members.values()
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId
  }

  /** Max rebalance timeout over the members (0 for an empty group). */
  get rebalanceTimeoutMs(): number {
    let max = 0
    for (const m of this.members.values()) if (m.rebalanceTimeoutMs > max) max = m.rebalanceTimeoutMs
    return max
  }

  transitionTo(state: GroupState): void {
    if (!isValidTransition(this.currentState, state)) {
      throw new CoordinatorStateError(`Group ${this.groupId} cannot move from ${this.currentState} to ${state}`)
    }
    this.currentState = state
  }

  /** Whether a rebalance may start from the current state. */
  get canRebalance(): boolean {
    return isValidTransition(this.currentState, 'PreparingRebalance')
  }

  /** `clientId-UUID`, or `groupInstanceId-UUID` for static members (Kafka's scheme). */
  generateMemberId(clientId: string, groupInstanceId: string | null): string {
    return `${groupInstanceId ?? clientId}-${randomUUID()}`
  }

  add(member: GroupMember, callback: JoinCallback | null): void {
    if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, member.memberId)
    if (this.members.size === 0) this.protocolType = member.protocolType
    if (this.leaderId === null) this.leaderId = member.memberId
    this.members.set(member.memberId, member)
    this.vote(member.protocols, 1)
    member.awaitingJoin = callback
    if (callback !== null) this.numAwaitingJoin++
    this.pendingMembers.delete(member.memberId)
  }

  /** Removes a member (or pending member); a new leader is picked if it led. */
  remove(memberId: string): void {
    const member = this.members.get(memberId)
    if (member !== undefined) {
      this.members.delete(memberId)
      this.vote(member.protocols, -1)
      if (member.isAwaitingJoin) this.numAwaitingJoin--
      if (member.groupInstanceId !== null) this.staticMembers.delete(member.groupInstanceId)
    }
    if (this.isLeader(memberId)) {
      const next = this.members.keys().next()
      this.leaderId = next.done === true ? null : next.value
    }
    this.pendingMembers.delete(memberId)
    this.pendingSyncMembers.delete(memberId)
  }

  /** Keeps the leader if it rejoined, else picks any rejoined member; false if nobody rejoined. */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false
    const leader = this.members.get(this.leaderId)
    if (leader?.isAwaitingJoin === true) return true
    for (const m of this.members.values()) {
      if (m.isAwaitingJoin) {
        this.leaderId = m.memberId
        return true
      }
    }
    return false
  }

  /** Static member rejoining with an unknown member id: fences the old id's parked requests and renames it. */
  replaceStaticMember(groupInstanceId: string, oldMemberId: string, newMemberId: string): GroupMember {
    const member = this.members.get(oldMemberId)
    if (member === undefined) throw new CoordinatorStateError(`Cannot replace unknown member ${oldMemberId}`)
    this.members.delete(oldMemberId)
    this.maybeInvokeJoinCallback(member, joinError(oldMemberId, ErrorCode.FENCED_INSTANCE_ID))
    this.maybeInvokeSyncCallback(member, syncError(ErrorCode.FENCED_INSTANCE_ID))
    member.memberId = newMemberId
    this.members.set(newMemberId, member)
    if (this.isLeader(oldMemberId)) this.leaderId = newMemberId
    this.staticMembers.set(groupInstanceId, newMemberId)
    if (this.pendingSyncMembers.delete(oldMemberId)) this.pendingSyncMembers.add(newMemberId)
    return member
  }

  currentStaticMemberId(groupInstanceId: string): string | undefined {
    return this.staticMembers.get(groupInstanceId)
  }

  isPendingMember(memberId: string): boolean {
    return this.pendingMembers.has(memberId)
  }

  addPendingMember(memberId: string): void {
    this.pendingMembers.add(memberId)
  }

  get numPending(): number {
    return this.pendingMembers.size
  }

  addPendingSyncMember(memberId: string): void {
    this.pendingSyncMembers.add(memberId)
  }

  removePendingSyncMember(memberId: string): void {
    this.pendingSyncMembers.delete(memberId)
  }

  hasReceivedSyncFromAllMembers(): boolean {
    return this.pendingSyncMembers.size === 0
  }

  allPendingSyncMembers(): string[] {
    return [...this.pendingSyncMembers]
  }

  clearPendingSyncMembers(): void {
    this.pendingSyncMembers.clear()
  }

  notYetRejoinedMembers(): GroupMember[] {
    return [...this.members.values()].filter((m) => !m.isAwaitingJoin)
  }

  hasAllMembersJoined(): boolean {
    return this.members.size === this.numAwaitingJoin && this.pendingMembers.size === 0
  }

  /** An Empty group accepts a non-empty type and protocol list; otherwise the same type and a protocol every member supports. */
  supportsProtocols(protocolType: string, protocols: readonly GroupProtocol[]): boolean {
    if (this.is('Empty')) return protocolType.length > 0 && protocols.length > 0
    if (this.protocolType !== protocolType) return false
    return protocols.some((p) => this.protocolVotes.get(p.name) === this.members.size)
  }

  /** The protocol every member supports that most members prefer (ties: the leader's preference order). */
  selectProtocol(): string {
    const candidates = new Set<string>()
    for (const [name, count] of this.protocolVotes) if (count === this.members.size) candidates.add(name)
    const votes = new Map<string, number>()
    for (const m of this.members.values()) {
      const choice = m.vote(candidates)
      if (choice !== undefined) votes.set(choice, (votes.get(choice) ?? 0) + 1)
    }
    const leader = this.leaderId === null ? undefined : this.members.get(this.leaderId)
    const order = leader?.protocols.map((p) => p.name) ?? [...candidates]
    let best: string | undefined
    let bestVotes = -1
    for (const name of order) {
      const n = votes.get(name) ?? 0
      if (candidates.has(name) && n > bestVotes) {
        best = name
        bestVotes = n
      }
    }
    if (best === undefined) throw new CoordinatorStateError(`No common protocol in group ${this.groupId}`)
    return best
  }

  /** Replaces a member's protocols and timeouts and parks (or clears) its JoinGroup. */
  updateMember(member: GroupMember, protocols: readonly GroupProtocol[], rebalanceTimeoutMs: number, sessionTimeoutMs: number, callback: JoinCallback | null): void {
    this.vote(member.protocols, -1)
    member.protocols = protocols
    this.vote(member.protocols, 1)
    member.rebalanceTimeoutMs = rebalanceTimeoutMs
    member.sessionTimeoutMs = sessionTimeoutMs
    if (callback !== null && !member.isAwaitingJoin) this.numAwaitingJoin++
    else if (callback === null && member.isAwaitingJoin) this.numAwaitingJoin--
    member.awaitingJoin = callback
  }

  maybeInvokeJoinCallback(member: GroupMember, result: JoinGroupResult): void {
    const callback = member.awaitingJoin
    if (callback === null) return
    member.awaitingJoin = null
    this.numAwaitingJoin--
    callback(result)
  }

  /** True if a parked SyncGroup was answered. */
  maybeInvokeSyncCallback(member: GroupMember, result: SyncGroupResult): boolean {
    const callback = member.awaitingSync
    if (callback === null) return false
    member.awaitingSync = null
    callback(result)
    return true
  }

  /** Next generation: CompletingRebalance with a chosen protocol, or Empty without members. */
  initNextGeneration(): void {
    this.generationId++
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol()
      this.transitionTo('CompletingRebalance')
    } else {
      this.protocolName = null
      this.transitionTo('Empty')
    }
    this.pendingSyncMembers.clear()
  }

  /** What the leader receives: every member's metadata for the chosen protocol. */
  currentMemberMetadata(): JoinGroupMember[] {
    const protocol = this.protocolName ?? ''
    return [...this.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadataFor(protocol) }))
  }

  summary(): DescribedGroup {
    const stable = this.is('Stable')
    const protocol = stable ? (this.protocolName ?? '') : ''
    const members = [...this.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      metadata: stable ? m.metadataFor(protocol) : EMPTY,
      assignment: stable ? m.assignment : EMPTY,
    }))
    return { errorCode: ErrorCode.NONE, groupId: this.groupId, state: this.currentState, protocolType: this.protocolType ?? '', protocolData: protocol, members }
  }

  overview(): ListedGroup {
    return { groupId: this.groupId, protocolType: this.protocolType ?? '', state: this.currentState }
  }

  /** Topics the members subscribe to (consumer protocol), or undefined if unknown. */
  subscribedTopics(parse: (metadata: Buffer) => readonly string[] | undefined): Set<string> | undefined {
    if (this.protocolType !== 'consumer' || this.protocolName === null) return undefined
    const topics = new Set<string>()
    for (const m of this.members.values()) {
      const t = parse(m.metadataFor(this.protocolName))
      if (t === undefined) return undefined
      for (const topic of t) topics.add(topic)
    }
    return topics
  }

  private vote(protocols: readonly GroupProtocol[], delta: number): void {
    for (const p of protocols) this.protocolVotes.set(p.name, (this.protocolVotes.get(p.name) ?? 0) + delta)
  }
}

/** A successful SyncGroup response. */
export function syncResult(group: Group, assignment: Buffer): SyncGroupResult {
  return { errorCode: ErrorCode.NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment }
}
