import { AssignmentCodecError } from './assignment-codec-error.js'

/** Version of the subscription user data this runtime writes. */
export const SUBSCRIPTION_INFO_VERSION = 1

/**
 * What each instance tells the group leader when it joins (Kafka's `SubscriptionInfo`): who it
 * is, where it serves interactive queries, and which tasks it ran or holds state for, so the
 * assignor can keep tasks where their state already is.
 */
export interface SubscriptionInfo {
  readonly version: number
  /** The instance's process id (a UUID, stable across restarts with the same state directory). */
  readonly processId: string
  /** `application.server` (`host:port`) or null. */
  readonly endpoint: string | null
  /** Tasks this instance ran as active before the rebalance. */
  readonly prevActiveTasks: readonly string[]
  /** Tasks this instance kept as standby before the rebalance. */
  readonly prevStandbyTasks: readonly string[]
  /**
   * Sum of the changelog offsets (checkpoints) of each task whose state is on this instance's
   * disk; -2 (Kafka's `LATEST_OFFSET`) for tasks running as active (fully caught up).
   */
  readonly taskOffsetSums: { readonly [taskId: string]: number }
}

/** Kafka's `Task.LATEST_OFFSET`: the task is active and caught up on this instance. */
export const LATEST_OFFSET = -2

/** Encodes subscription info as the JoinGroup user data (UTF-8 JSON). */
export function encodeSubscriptionInfo(info: SubscriptionInfo): Buffer {
  return Buffer.from(JSON.stringify(info), 'utf8')
}

/**
 * Decodes the user data written by `encodeSubscriptionInfo`.
 * @throws AssignmentCodecError when the bytes are not a subscription of a known version.
 */
export function decodeSubscriptionInfo(data: Buffer): SubscriptionInfo {
  let parsed: unknown
  try {
    parsed = JSON.parse(data.toString('utf8'))
  } catch (err) {
    throw new AssignmentCodecError('subscription', 'not valid JSON', { cause: err })
  }
  if (typeof parsed !== 'object' || parsed === null) throw new AssignmentCodecError('subscription', 'not an object')
  const o = parsed as { [k: string]: unknown }
  if (typeof o['version'] !== 'number' || o['version'] < 1) throw new AssignmentCodecError('subscription', 'missing version')
  if (typeof o['processId'] !== 'string' || o['processId'].length === 0) throw new AssignmentCodecError('subscription', 'missing processId')
  const endpoint = o['endpoint']
  if (endpoint !== null && typeof endpoint !== 'string') throw new AssignmentCodecError('subscription', 'bad endpoint')
  const sums = o['taskOffsetSums']
  const taskOffsetSums: { [taskId: string]: number } = {}
  if (typeof sums === 'object' && sums !== null) {
    for (const [task, sum] of Object.entries(sums)) if (typeof sum === 'number') taskOffsetSums[task] = sum
  }
  return {
    version: o['version'],
    processId: o['processId'],
    endpoint,
    prevActiveTasks: stringList(o['prevActiveTasks']),
    prevStandbyTasks: stringList(o['prevStandbyTasks']),
    taskOffsetSums,
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
