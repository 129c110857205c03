import { compareTaskIds } from './partition-grouper.js'
import { LATEST_OFFSET } from './subscription-info.js'

/** What the assignor knows about one client (one instance, identified by its process id). */
export interface ClientState {
  readonly id: string
  readonly prevActiveTasks: ReadonlySet<string>
  readonly prevStandbyTasks: ReadonlySet<string>
  /** Changelog offset sums of tasks whose state the client holds; `LATEST_OFFSET` (-2) = running active. */
  readonly taskOffsetSums: ReadonlyMap<string, number>
}

/** The tasks one client gets. */
export interface ClientAssignment {
  readonly active: string[]
  readonly standby: string[]
}

/** Input of `assignTasks`. */
export interface TaskAssignmentInput {
  /** Every task id (`<subtopology>_<partition>`). */
  readonly tasks: readonly string[]
  /** Tasks with logged state: only they get standby replicas. */
  readonly statefulTasks: ReadonlySet<string>
  readonly clients: readonly ClientState[]
  readonly numStandbyReplicas: number
}

/**
 * Assigns tasks to clients, in the spirit of Kafka's `StickyTaskAssignor`:
 * - balanced: every client gets ⌊tasks/clients⌋ or one more active task, and stateful tasks are
 *   balanced on their own first (so state is spread too);
 * - sticky: a task stays with its previous active owner while that keeps the balance;
 * - state-aware: otherwise it goes to the client holding the most caught-up copy of its state
 *   (a previous standby or a client with its checkpoints on disk), then to the least loaded;
 * - standbys: each stateful task gets up to `numStandbyReplicas` replicas on other clients,
 *   preferring clients that already hold its state, then the least loaded.
 * Deterministic: the same input gives the same output (clients are ordered by id).
 */
export function assignTasks(input: TaskAssignmentInput): Map<string, ClientAssignment> {
  const clients = [...input.clients].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const result = new Map<string, ClientAssignment>()
  for (const c of clients) result.set(c.id, { active: [], standby: [] })
  if (clients.length === 0) return result
  const tasks = [...input.tasks].sort(compareTaskIds)
  assignActive(tasks, input.statefulTasks, clients, result)
  assignStandbys(tasks, clients, input, result)
  for (const a of result.values()) {
    a.active.sort(compareTaskIds)
    a.standby.sort(compareTaskIds)
  }
  return result
}

/**
 * Stateful tasks first, balanced among themselves (so state spreads evenly), then stateless
 * tasks filling every client up to the overall balance, as Kafka's assignors do.
 */
function assignActive(
  tasks: readonly string[],
  statefulTasks: ReadonlySet<string>,
  clients: readonly ClientState[],
  result: Map<string, ClientAssignment>,
): void {
  const stateful = tasks.filter((t) => statefulTasks.has(t))
  const stateless = tasks.filter((t) => !statefulTasks.has(t))
  const statefulCount = new Map(clients.map((c) => [c.id, 0]))
  assignWithQuota(stateful, clients, result, (c) => statefulCount.get(c.id)!, (c) => statefulCount.set(c.id, statefulCount.get(c.id)! + 1))
  // Stateless tasks: quotas on the total, counting what the stateful pass already placed.
  assignWithQuota(stateless, clients, result, (c) => result.get(c.id)!.active.length, () => {}, tasks.length)
}

/**
 * Places `tasks` so that every client ends with ⌊total/clients⌋ or one more (by `count`):
 * sticky to the previous owner first, then to the client with the most caught-up state, then
 * to the least loaded client.
 */
function assignWithQuota(
  tasks: readonly string[],
  clients: readonly ClientState[],
  result: Map<string, ClientAssignment>,
  count: (c: ClientState) => number,
  counted: (c: ClientState) => void,
  total: number = tasks.length,
): void {
  if (tasks.length === 0) return
  const base = Math.floor(total / clients.length)
  const above = clients.filter((c) => count(c) > base).length
  let extraSlots = (total % clients.length) - above
  const take = (client: ClientState, task: string): void => {
    if (count(client) === base) extraSlots--
    result.get(client.id)!.active.push(task)
    counted(client)
  }
  const canTake = (client: ClientState): boolean => {
    const n = count(client)
    return n < base || (n === base && extraSlots > 0)
  }
  const unassigned: string[] = []
  // 1. Sticky: keep tasks on their previous owner. An owner over its quota keeps first the tasks
  //    no other client holds state for, so the ones it gives up can move without a full restore.
  const stateElsewhere = (task: string): number => {
    const owner = clients.find((c) => c.prevActiveTasks.has(task))
    return clients.some((c) => c !== owner && holdsState(c, task)) ? 1 : 0
  }
  const stickyOrder = [...tasks].sort((a, b) => stateElsewhere(a) - stateElsewhere(b))
  for (const task of stickyOrder) {
    const owner = clients.find((c) => c.prevActiveTasks.has(task))
    if (owner !== undefined && canTake(owner)) take(owner, task)
    else unassigned.push(task)
  }
  // 2. State-aware, then 3. least loaded.
  for (const task of unassigned) {
    const holders = clients.filter((c) => holdsState(c, task) && canTake(c)).sort((a, b) => stateRank(b, task) - stateRank(a, task))
    const chosen = holders[0] ?? leastLoaded(clients.filter(canTake), count)
    if (chosen === undefined) throw new Error(`BUG: no client can take task ${task}`)
    take(chosen, task)
  }
}

function assignStandbys(
  tasks: readonly string[],
  clients: readonly ClientState[],
  input: TaskAssignmentInput,
  result: Map<string, ClientAssignment>,
): void {
  if (input.numStandbyReplicas <= 0 || clients.length < 2) return
  const load = (c: ClientState): number => {
    const a = result.get(c.id)!
    return a.active.length + a.standby.length
  }
  for (let replica = 0; replica < input.numStandbyReplicas; replica++) {
    for (const task of tasks) {
      if (!input.statefulTasks.has(task)) continue
      const candidates = clients.filter((c) => {
        const a = result.get(c.id)!
        return !a.active.includes(task) && !a.standby.includes(task)
      })
      if (candidates.length === 0) continue
      const withState = candidates.filter((c) => holdsState(c, task))
      const pool = withState.length > 0 ? withState : candidates
      const chosen = leastLoaded(pool, load)!
      result.get(chosen.id)!.standby.push(task)
    }
  }
}

/** The client has some of the task's state: it ran it, kept a standby, or has checkpointed data on disk (an offset sum of 0 is an empty store). */
function holdsState(c: ClientState, task: string): boolean {
  const sum = c.taskOffsetSums.get(task)
  return c.prevStandbyTasks.has(task) || c.prevActiveTasks.has(task) || (sum !== undefined && sum !== 0)
}

/** Higher is more caught up: a running active copy beats any checkpoint; larger offset sums beat smaller. */
function stateRank(c: ClientState, task: string): number {
  const sum = c.taskOffsetSums.get(task)
  if (sum === LATEST_OFFSET || c.prevActiveTasks.has(task)) return Number.MAX_SAFE_INTEGER
  return sum ?? -1
}

function leastLoaded(pool: readonly ClientState[], load: (c: ClientState) => number): ClientState | undefined {
  let best: ClientState | undefined
  let bestLoad = Number.POSITIVE_INFINITY
  for (const c of pool) {
    const l = load(c)
    if (l < bestLoad) {
      best = c
      bestLoad = l
    }
  }
  return best
}
