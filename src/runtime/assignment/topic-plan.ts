import type { TopologyModel } from '../../../processor-api/internal/topology-model.js'
import { MissingSourceTopicError, NotCopartitionedError } from '../errors.js'

/** One sub-topology as the planner needs it (topic names are final). */
export interface PlanSubtopology {
  readonly id: number
  /** Source topics, with pattern subscriptions already resolved to concrete topics. */
  readonly sourceTopics: readonly string[]
  readonly sinkTopics: readonly string[]
  /** Names of the changelog topics of this sub-topology's logged stores. */
  readonly changelogTopics: readonly string[]
}

/** What the planner derives partition counts for. */
export interface TopicPlanInput {
  readonly subtopologies: readonly PlanSubtopology[]
  /** Repartition topics: fixed partition count or null (derive from upstream sources). */
  readonly repartitionTopics: ReadonlyMap<string, number | null>
  readonly copartitionGroups: readonly (readonly string[])[]
}

/** Partition counts of every topic the application reads or creates. */
export interface TopicPlan {
  /** Every source topic (external and repartition) → partition count. */
  readonly sourcePartitions: ReadonlyMap<string, number>
  /** Repartition topic → partition count (to create). */
  readonly repartitionPartitions: ReadonlyMap<string, number>
  /** Changelog topic → partition count (the number of tasks of its sub-topology). */
  readonly changelogPartitions: ReadonlyMap<string, number>
  /** Sub-topology id → number of tasks (max partition count of its source topics). */
  readonly tasksPerSubtopology: ReadonlyMap<number, number>
}

/**
 * The planner's input for `model`; `patternTopics(pattern)` lists existing topics matching a
 * pattern source (Kafka resolves pattern subscriptions against cluster metadata).
 */
export function topicPlanInputOf(model: TopologyModel, patternTopics: (pattern: RegExp) => readonly string[] = () => []): TopicPlanInput {
  const subtopologies = model.subtopologies.map((s) => {
    const sourceTopics = [...s.sourceTopics]
    for (const p of s.sourcePatterns) for (const t of patternTopics(p)) if (!sourceTopics.includes(t)) sourceTopics.push(t)
    const changelogTopics: string[] = []
    for (const name of s.stores) {
      const topic = model.stores.get(name)?.changelogTopic
      if (topic != null && !changelogTopics.includes(topic)) changelogTopics.push(topic)
    }
    return { id: s.id, sourceTopics, sinkTopics: s.sinkTopics, changelogTopics }
  })
  return {
    subtopologies,
    repartitionTopics: new Map(model.internalTopics.map((t) => [t.name, t.partitions])),
    copartitionGroups: model.copartitionGroups,
  }
}

/**
 * Derives partition counts as Kafka's `RepartitionTopics` and `CopartitionedTopicsEnforcer`
 * do: a repartition topic without a fixed count gets the maximum count of the source topics of
 * the sub-topologies writing to it (repeated until every count is known); a co-partition group
 * must agree on its external topics' count, and its repartition topics take that count (or the
 * group's maximum when all are internal); a task per partition of a sub-topology's widest input.
 * @param externalPartitions partition count of an existing topic, or null when it does not exist.
 * @throws MissingSourceTopicError when an external source topic does not exist.
 * @throws NotCopartitionedError when co-partitioned topics have different counts.
 */
export function planTopics(input: TopicPlanInput, externalPartitions: (topic: string) => number | null): TopicPlan {
  const repartition = input.repartitionTopics
  const counts = new Map<string, number>()
  const missing: string[] = []
  for (const s of input.subtopologies) {
    for (const t of s.sourceTopics) {
      if (repartition.has(t) || counts.has(t)) continue
      const n = externalPartitions(t)
      if (n === null) {
        if (!missing.includes(t)) missing.push(t)
      } else counts.set(t, n)
    }
  }
  if (missing.length > 0) throw new MissingSourceTopicError(missing)
  for (const [t, n] of repartition) if (n !== null) counts.set(t, n)

  resolveRepartitionCounts(input, counts)
  enforceCopartitioning(input, counts)

  const tasksPerSubtopology = new Map<number, number>()
  const changelogPartitions = new Map<string, number>()
  for (const s of input.subtopologies) {
    let max = 0
    for (const t of s.sourceTopics) max = Math.max(max, counts.get(t) ?? 0)
    tasksPerSubtopology.set(s.id, max)
    for (const c of s.changelogTopics) changelogPartitions.set(c, Math.max(changelogPartitions.get(c) ?? 0, max))
  }
  const repartitionPartitions = new Map<string, number>()
  for (const t of repartition.keys()) repartitionPartitions.set(t, counts.get(t)!)
  const sourcePartitions = new Map<string, number>()
  for (const s of input.subtopologies) for (const t of s.sourceTopics) sourcePartitions.set(t, counts.get(t)!)
  return { sourcePartitions, repartitionPartitions, changelogPartitions, tasksPerSubtopology }
}

function resolveRepartitionCounts(input: TopicPlanInput, counts: Map<string, number>): void {
  const unresolved = new Set([...input.repartitionTopics.keys()].filter((t) => !counts.has(t)))
  let progressed = true
  while (unresolved.size > 0 && progressed) {
    progressed = false
    for (const topic of [...unresolved]) {
      let best: number | null = null
      for (const s of input.subtopologies) {
        if (!s.sinkTopics.includes(topic)) continue
        for (const src of s.sourceTopics) {
          const n = counts.get(src)
          if (n !== undefined) best = Math.max(best ?? 0, n)
        }
      }
      if (best !== null) {
        counts.set(topic, best)
        unresolved.delete(topic)
        progressed = true
      }
    }
  }
  // Topics no upstream count reaches take their co-partition group's count, else 1 partition.
  for (const t of unresolved) {
    const group = input.copartitionGroups.find((g) => g.includes(t))
    const known = group?.map((x) => counts.get(x)).filter((n): n is number => n !== undefined) ?? []
    counts.set(t, known.length > 0 ? Math.max(...known) : 1)
  }
}

function enforceCopartitioning(input: TopicPlanInput, counts: Map<string, number>): void {
  const repartition = input.repartitionTopics
  for (const group of input.copartitionGroups) {
    const external = group.filter((t) => !repartition.has(t) && counts.has(t))
    const fixed = group.filter((t) => repartition.get(t) != null)
    const externalCounts = new Set(external.map((t) => counts.get(t)!))
    if (externalCounts.size > 1) {
      throw new NotCopartitionedError(new Map(external.sort().map((t) => [t, counts.get(t)!])))
    }
    let target: number
    if (external.length > 0) target = counts.get(external[0]!)!
    else if (fixed.length > 0) target = counts.get(fixed[0]!)!
    else target = Math.max(...group.filter((t) => counts.has(t)).map((t) => counts.get(t)!), 1)
    for (const t of fixed) {
      if (counts.get(t) !== target) {
        throw new NotCopartitionedError(new Map(group.filter((x) => counts.has(x)).sort().map((x) => [x, counts.get(x)!])))
      }
    }
    for (const t of group) if (repartition.has(t) && repartition.get(t) == null) counts.set(t, target)
  }
}
