import type { GroupProtocol, JoinGroupResult, SyncGroupResult } from './group-requests.js'
import type { TimerHandle } from './scheduler.js'

/** Answers a parked JoinGroup. */
export type JoinCallback = (result: JoinGroupResult) => void
/** Answers a parked SyncGroup. */
export type SyncCallback = (result: SyncGroupResult) => void

const EMPTY = Buffer.alloc(0)

/** What a member sends when it (re)joins: the fields a later JoinGroup may change. */
export interface MemberJoinInfo {
  readonly clientId: string
  readonly clientHost: string
  readonly rebalanceTimeoutMs: number
  readonly sessionTimeoutMs: number
  readonly protocolType: string
  readonly protocols: readonly GroupProtocol[]
}

/**
 * One member of a classic group (Kafka's `MemberMetadata`): identity, timeouts, supported
 * protocols, current assignment and its parked JoinGroup/SyncGroup callbacks.
 */
export class GroupMember {
  /** Changes only when a static member rejoins and is given a new id. */
  memberId: string
  readonly groupInstanceId: string | null
  readonly clientId: string
  readonly clientHost: string
  readonly protocolType: string
  rebalanceTimeoutMs: number
  sessionTimeoutMs: number
  protocols: readonly GroupProtocol[]
  assignment: Buffer = EMPTY
  awaitingJoin: JoinCallback | null = null
  awaitingSync: SyncCallback | null = null
  /** True from the first JoinGroup until that rebalance completes (longer join timeout applies). */
  isNew = false
  /** The member's session (or new-member join) expiration timer. */
  heartbeatTimer: TimerHandle | null = null

  constructor(memberId: string, groupInstanceId: string | null, info: MemberJoinInfo) {
    this.memberId = memberId
    this.groupInstanceId = groupInstanceId
    this.clientId = info.clientId
    this.clientHost = info.clientHost
    this.protocolType = info.protocolType
    this.rebalanceTimeoutMs = info.rebalanceTimeoutMs
    this.sessionTimeoutMs = info.sessionTimeoutMs
    this.protocols = info.protocols
  }

  get isAwaitingJoin(): boolean {
    return this.awaitingJoin !== null
  }

  get isAwaitingSync(): boolean {
    return this.awaitingSync !== null
  }

  get isStatic(): boolean {
    return this.groupInstanceId !== null
  }

  /** The metadata bytes this member sent for `protocol` (empty if it does not support it). */
  metadataFor(protocol: string): Buffer {
    for (const p of this.protocols) if (p.name === protocol) return p.metadata
    return EMPTY
  }

  /** Same protocols, in the same order, with byte-identical metadata. */
  matches(protocols: readonly GroupProtocol[]): boolean {
    if (protocols.length !== this.protocols.length) return false
    for (let i = 0; i < protocols.length; i++) {
      const a = protocols[i]!
      const b = this.protocols[i]!
      if (a.name !== b.name || !a.metadata.equals(b.metadata)) return false
    }
    return true
  }

  /** This member's vote: its most preferred protocol among `candidates`. */
  vote(candidates: ReadonlySet<string>): string | undefined {
    for (const p of this.protocols) if (candidates.has(p.name)) return p.name
    return undefined
  }

  /** Stops the session timer. */
  cancelHeartbeat(): void {
    this.heartbeatTimer?.cancel()
    this.heartbeatTimer = null
  }
}
