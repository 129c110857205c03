/** Shared builders for the group coordinator tests: a coordinator on a manual clock and request helpers. */
import { GroupCoordinator, ManualScheduler, type GroupCoordinatorOptions, type GroupProtocol, type JoinGroupRequest, type JoinGroupResult } from '../../../src/broker/coordinator/index.js'

/** A started coordinator with a manual scheduler (initial rebalance delay 0 unless overridden). */
export function startCoordinator(options: GroupCoordinatorOptions = {}): { coordinator: GroupCoordinator; scheduler: ManualScheduler } {
  const scheduler = new ManualScheduler(1_000_000)
  const coordinator = new GroupCoordinator({ groupInitialRebalanceDelayMs: 0, scheduler, ...options })
  coordinator.startup()
  return { coordinator, scheduler }
}

/** Protocols `[name, metadata]` as JoinGroup sends them. */
export function protocols(...entries: [string, string][]): GroupProtocol[] {
  return entries.map(([name, metadata]) => ({ name, metadata: Buffer.from(metadata) }))
}

/** A JoinGroup v5 request with sensible defaults. */
export function joinRequest(overrides: Partial<JoinGroupRequest> = {}): JoinGroupRequest {
  return {
    groupId: 'g',
    memberId: '',
    groupInstanceId: null,
    clientId: 'client',
    clientHost: '/127.0.0.1',
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 30_000,
    protocolType: 'consumer',
    protocols: protocols(['range', 'meta']),
    apiVersion: 5,
    ...overrides,
  }
}

/** Tracks whether a promise has settled, without awaiting it. */
export interface Tracked<T> {
  readonly settled: boolean
  readonly value: T | undefined
  readonly promise: Promise<T>
}

export function track<T>(promise: Promise<T>): Tracked<T> {
  const t = { settled: false, value: undefined as T | undefined, promise }
  void promise.then((v) => {
    t.settled = true
    t.value = v
  })
  return t
}

/** Lets already-resolved promise callbacks run (no time passes). */
export async function flush(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve))
}

/** MEMBER_ID_REQUIRED round trip then the real join; returns the (possibly parked) second join. */
export async function joinWithId(coordinator: GroupCoordinator, overrides: Partial<JoinGroupRequest> = {}): Promise<{ memberId: string; join: Tracked<JoinGroupResult> }> {
  const first = await coordinator.joinGroup(joinRequest(overrides))
  if (first.errorCode !== 79) throw new Error(`expected MEMBER_ID_REQUIRED, got ${first.errorCode}`)
  const join = track(coordinator.joinGroup(joinRequest({ ...overrides, memberId: first.memberId })))
  await flush()
  return { memberId: first.memberId, join }
}
