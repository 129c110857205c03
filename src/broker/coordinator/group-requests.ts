/**
 * The domain-level requests and results of the group membership APIs (JoinGroup, SyncGroup,
 * Heartbeat, LeaveGroup, DescribeGroups, ListGroups, DeleteGroups). Handlers map wire <-> these.
 * Error codes are Kafka's numeric codes; `null` marks a value Kafka leaves null (the handler
 * writes `''` where an old version's field is not nullable).
 */

/** One protocol a member supports (e.g. `range`), with its opaque subscription bytes. */
export interface GroupProtocol {
  readonly name: string
  readonly metadata: Buffer
}

/** A JoinGroup request (any version; absent fields take Kafka's defaults). */
export interface JoinGroupRequest {
  readonly groupId: string
  /** `''` for a member joining for the first time. */
  readonly memberId: string
  /** `group.instance.id` of a static member, else null. */
  readonly groupInstanceId: string | null
  readonly clientId: string
  readonly clientHost: string
  readonly sessionTimeoutMs: number
  /** v0 has none: pass `sessionTimeoutMs` (Kafka's rule). */
  readonly rebalanceTimeoutMs: number
  readonly protocolType: string
  readonly protocols: readonly GroupProtocol[]
  /** The request version: v4+ dynamic members get MEMBER_ID_REQUIRED on an empty member id. */
  readonly apiVersion: number
}

/** One member as the leader sees it in a JoinGroup response. */
export interface JoinGroupMember {
  readonly memberId: string
  readonly groupInstanceId: string | null
  /** The member's metadata for the chosen protocol, byte-for-byte as it sent it. */
  readonly metadata: Buffer
}

/** A JoinGroup response. */
export interface JoinGroupResult {
  readonly errorCode: number
  /** -1 on errors. */
  readonly generationId: number
  readonly protocolType: string | null
  /** The chosen protocol; null on errors (write `''` below v7). */
  readonly protocolName: string | null
  /** Leader's member id (`''` on errors). */
  readonly leader: string
  readonly memberId: string
  /** Non-empty only for the leader. */
  readonly members: readonly JoinGroupMember[]
}

/** A SyncGroup request. */
export interface SyncGroupRequest {
  readonly groupId: string
  readonly generationId: number
  readonly memberId: string
  readonly groupInstanceId: string | null
  /** v5+: checked against the group when given. */
  readonly protocolType?: string | null
  /** v5+: checked against the group when given. */
  readonly protocolName?: string | null
  /** The leader's assignment; empty for followers. */
  readonly assignments: readonly { readonly memberId: string; readonly assignment: Buffer }[]
}

/** A SyncGroup response. */
export interface SyncGroupResult {
  readonly errorCode: number
  readonly protocolType: string | null
  readonly protocolName: string | null
  /** This member's assignment (empty on errors). */
  readonly assignment: Buffer
}

/** A Heartbeat request. */
export interface HeartbeatRequest {
  readonly groupId: string
  readonly generationId: number
  readonly memberId: string
  readonly groupInstanceId: string | null
}

/** A Heartbeat response. */
export interface HeartbeatResult {
  readonly errorCode: number
}

/** One member leaving; v0-2 carry one `memberId` and no instance id. */
export interface LeavingMember {
  readonly memberId: string
  readonly groupInstanceId: string | null
}

/** A LeaveGroup request (v0-2: one member; v3+: a batch). */
export interface LeaveGroupRequest {
  readonly groupId: string
  readonly members: readonly LeavingMember[]
}

/**
 * A LeaveGroup response. For v0-2 the wire has only a top-level error: use `errorCode` if it is
 * non-zero, else `members[0].errorCode` (what Kafka does).
 */
export interface LeaveGroupResult {
  readonly errorCode: number
  readonly members: readonly (LeavingMember & { readonly errorCode: number })[]
}

/** A member in a DescribeGroups response. */
export interface DescribedMember {
  readonly memberId: string
  readonly groupInstanceId: string | null
  readonly clientId: string
  readonly clientHost: string
  /** Metadata for the chosen protocol (empty unless the group is Stable). */
  readonly metadata: Buffer
  /** Current assignment (empty unless the group is Stable). */
  readonly assignment: Buffer
}

/** One group in a DescribeGroups response. */
export interface DescribedGroup {
  readonly errorCode: number
  readonly groupId: string
  /** `Empty`, `PreparingRebalance`, `CompletingRebalance`, `Stable` or `Dead` (unknown groups). */
  readonly state: string
  readonly protocolType: string
  /** The chosen protocol name when Stable, else `''`. */
  readonly protocolData: string
  readonly members: readonly DescribedMember[]
}

/** One group in a ListGroups response. */
export interface ListedGroup {
  readonly groupId: string
  readonly protocolType: string
  readonly state: string
}

/** A ListGroups response. */
export interface ListGroupsResult {
  readonly errorCode: number
  readonly groups: readonly ListedGroup[]
}

/** One group's outcome in a DeleteGroups response. */
export interface DeleteGroupResult {
  readonly groupId: string
  readonly errorCode: number
}
