import { AssignmentCodecError } from './assignment-codec-error.js'

/** Version of the assignment user data this runtime writes. */
export const ASSIGNMENT_INFO_VERSION = 1

/** Assignment error codes (Kafka's `AssignorError`). */
export const AssignorErrorCode = {
  NONE: 0,
  /** Source topics are missing or not co-partitioned: every member shuts down with the message. */
  INCOMPLETE_SOURCE_TOPIC_METADATA: 1,
} as const

/** One of `AssignorErrorCode`'s values. */
export type AssignorErrorCode = (typeof AssignorErrorCode)[keyof typeof AssignorErrorCode]

/** What the leader tells each member besides its partitions (Kafka's `AssignmentInfo`). */
export interface AssignmentInfo {
  readonly version: number
  /** Active tasks (`<subtopology>_<partition>`) of this member. */
  readonly activeTasks: readonly string[]
  /** Standby tasks of this member. */
  readonly standbyTasks: readonly string[]
  readonly errorCode: AssignorErrorCode
  /** Why the assignment failed (when `errorCode` is not NONE). */
  readonly errorMessage: string | null
}

/** Encodes assignment info as the SyncGroup user data (UTF-8 JSON). */
export function encodeAssignmentInfo(info: AssignmentInfo): Buffer {
  return Buffer.from(JSON.stringify(info), 'utf8')
}

/**
 * Decodes the user data written by `encodeAssignmentInfo`.
 * @throws AssignmentCodecError when the bytes are not an assignment of a known version.
 */
export function decodeAssignmentInfo(data: Buffer): AssignmentInfo {
  let parsed: unknown
  try {
    parsed = JSON.parse(data.toString('utf8'))
  } catch (err) {
    throw new AssignmentCodecError('assignment', 'not valid JSON', { cause: err })
  }
  if (typeof parsed !== 'object' || parsed === null) throw new AssignmentCodecError('assignment', 'not an object')
  const o = parsed as { [k: string]: unknown }
  if (typeof o['version'] !== 'number' || o['version'] < 1) throw new AssignmentCodecError('assignment', 'missing version')
  const code = o['errorCode']
  const errorCode: AssignorErrorCode = code === AssignorErrorCode.INCOMPLETE_SOURCE_TOPIC_METADATA ? code : AssignorErrorCode.NONE
  return {
    version: o['version'],
    activeTasks: stringList(o['activeTasks']),
    standbyTasks: stringList(o['standbyTasks']),
    errorCode,
    errorMessage: typeof o['errorMessage'] === 'string' ? o['errorMessage'] : null,
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
