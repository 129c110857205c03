import type { Logger } from '../../logging/index.js'
import type { GroupAssignor, MemberAssignment, MemberSubscription } from '../ports.js'
import type { TopicPartition } from '../task/raw-record.js'
import { ASSIGNMENT_INFO_VERSION, AssignorErrorCode, encodeAssignmentInfo } from './assignment-info.js'
import { groupPartitions, type TaskDefinition } from './partition-grouper.js'
import { assignTasks, type ClientState } from './task-assignor.js'
import { planTopics, type TopicPlanInput } from './topic-plan.js'
import { decodeSubscriptionInfo, encodeSubscriptionInfo, LATEST_OFFSET, type SubscriptionInfo } from './subscription-info.js'

/** The protocol name of the streams assignor in the consumer group (as Kafka's `StreamsPartitionAssignor`). */
export const STREAMS_ASSIGNOR_NAME = 'stream'

/** What the assignor needs from its instance. */
export interface StreamsPartitionAssignorOptions {
  /** The topology's sub-topologies and internal topics (pattern sources resolved). */
  readonly planInput: () => TopicPlanInput
  readonly numStandbyReplicas: number
  /** This instance's subscription info, read each time the consumer (re)joins. */
  readonly subscriptionInfo: () => SubscriptionInfo
  readonly logger: Logger
}

/**
 * Kafka's `StreamsPartitionAssignor`: on the group leader, turns every member's subscription
 * info into clients, derives the tasks from the topology and partition counts, assigns them with
 * `assignTasks`, and hands each member the partitions of its active tasks plus an
 * `AssignmentInfo` naming its active and standby tasks. When the topology cannot be planned
 * (missing or mis-partitioned source topics) every member gets an error code and the message.
 */
export class StreamsPartitionAssignor implements GroupAssignor {
  readonly name = STREAMS_ASSIGNOR_NAME

  constructor(private readonly options: StreamsPartitionAssignorOptions) {}

  subscriptionUserData(): Buffer {
    return encodeSubscriptionInfo(this.options.subscriptionInfo())
  }

  assign(members: readonly MemberSubscription[], partitionsFor: (topic: string) => number | null): MemberAssignment[] {
    const input = this.options.planInput()
    let tasks: TaskDefinition[]
    try {
      tasks = groupPartitions(input.subtopologies, planTopics(input, partitionsFor))
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      this.options.logger.error({ err }, 'Cannot compute the assignment')
      return members.map((m) => ({
        memberId: m.memberId,
        partitions: [],
        userData: encodeAssignmentInfo({
          version: ASSIGNMENT_INFO_VERSION,
          activeTasks: [],
          standbyTasks: [],
          errorCode: AssignorErrorCode.INCOMPLETE_SOURCE_TOPIC_METADATA,
          errorMessage: message,
        }),
      }))
    }
    return computeMemberAssignments(members, tasks, this.options.numStandbyReplicas, this.options.logger)
  }
}

/**
 * The pure core of the assignor: members grouped into clients by process id, tasks assigned to
 * clients, then each client's tasks dealt out to its members (round robin, members sorted by id).
 */
export function computeMemberAssignments(
  members: readonly MemberSubscription[],
  tasks: readonly TaskDefinition[],
  numStandbyReplicas: number,
  logger?: Logger,
): MemberAssignment[] {
  const membersOfClient = new Map<string, string[]>()
  const clientStates = new Map<string, ClientState>()
  for (const m of members) {
    let info: SubscriptionInfo | null = null
    if (m.userData !== null && m.userData.length > 0) {
      try {
        info = decodeSubscriptionInfo(m.userData)
      } catch (err) {
        logger?.warn({ memberId: m.memberId, err }, 'Ignoring undecodable subscription user data')
      }
    }
    const clientId = info?.processId ?? `member:${m.memberId}`
    const list = membersOfClient.get(clientId)
    if (list === undefined) membersOfClient.set(clientId, [m.memberId])
    else list.push(m.memberId)
    const previous = clientStates.get(clientId)
    clientStates.set(clientId, mergeClientState(clientId, previous, info))
  }
  const taskById = new Map(tasks.map((t) => [t.id.toString(), t]))
  const byClient = assignTasks({
    tasks: [...taskById.keys()],
    statefulTasks: new Set(tasks.filter((t) => t.stateful).map((t) => t.id.toString())),
    clients: [...clientStates.values()],
    numStandbyReplicas,
  })
  const out: MemberAssignment[] = []
  for (const [clientId, assignment] of byClient) {
    const memberIds = [...membersOfClient.get(clientId)!].sort()
    const active = memberIds.map(() => [] as string[])
    const standby = memberIds.map(() => [] as string[])
    assignment.active.forEach((t, i) => active[i % memberIds.length]!.push(t))
    assignment.standby.forEach((t, i) => standby[i % memberIds.length]!.push(t))
    memberIds.forEach((memberId, i) => {
      const partitions: TopicPartition[] = []
      for (const t of active[i]!) partitions.push(...taskById.get(t)!.partitions)
      out.push({
        memberId,
        partitions,
        userData: encodeAssignmentInfo({
          version: ASSIGNMENT_INFO_VERSION,
          activeTasks: active[i]!,
          standbyTasks: standby[i]!,
          errorCode: AssignorErrorCode.NONE,
          errorMessage: null,
        }),
      })
    })
  }
  return out
}

function mergeClientState(id: string, previous: ClientState | undefined, info: SubscriptionInfo | null): ClientState {
  const prevActive = new Set(previous?.prevActiveTasks ?? [])
  const prevStandby = new Set(previous?.prevStandbyTasks ?? [])
  const sums = new Map(previous?.taskOffsetSums ?? [])
  if (info !== null) {
    for (const t of info.prevActiveTasks) prevActive.add(t)
    for (const t of info.prevStandbyTasks) prevStandby.add(t)
    for (const [t, s] of Object.entries(info.taskOffsetSums)) {
      const old = sums.get(t)
      sums.set(t, old === LATEST_OFFSET || s === LATEST_OFFSET ? LATEST_OFFSET : Math.max(old ?? -1, s))
    }
  }
  return { id, prevActiveTasks: prevActive, prevStandbyTasks: prevStandby, taskOffsetSums: sums }
}
