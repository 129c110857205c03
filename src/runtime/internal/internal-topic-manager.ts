import { fullMatch } from '../../../processor-api/internal/full-match.js'
import type { TopologyModel } from '../../../processor-api/internal/topology-model.js'
import type { Logger } from '../../logging/index.js'
import { planTopics, topicPlanInputOf, type TopicPlan, type TopicPlanInput } from '../assignment/topic-plan.js'
import { InternalTopicError, MissingSourceTopicError } from '../errors.js'
import type { AdminPort, NewTopic } from '../ports.js'

/** What `prepareTopics` found and created. */
export interface PreparedTopics {
  /** The plan input with pattern sources resolved (what the assignor plans with). */
  readonly planInput: TopicPlanInput
  readonly plan: TopicPlan
  /** Partition counts of internal, source, sink and global topics (for partitioners). */
  readonly partitionCounts: Map<string, number>
  /** Source topics read from the end when nothing is committed (`offsetReset: 'latest'`). */
  readonly resetLatest: string[]
}

/**
 * Validates the topology against the cluster and creates its internal topics, as Kafka's
 * `InternalTopicManager` does during the first assignment: source and global topics must exist,
 * co-partitioned inputs must agree; repartition topics (`cleanup.policy=delete`) and changelog
 * topics (`cleanup.policy=compact`, plus the store's changelog config) are created with the
 * partition counts the plan derives; an existing internal topic with another count is an error.
 * @throws MissingSourceTopicError, NotCopartitionedError, InternalTopicError
 */
export async function prepareTopics(
  admin: AdminPort,
  model: TopologyModel,
  options: { readonly replicationFactor: number; readonly logger: Logger },
): Promise<PreparedTopics> {
  const existing = await admin.listTopics()
  const planInput = topicPlanInputOf(model, (pattern) => existing.filter((t) => !t.startsWith('__') && fullMatch(pattern, t)))
  const internal = new Set<string>(model.internalTopics.map((t) => t.name))
  const changelogConfigs = new Map<string, { readonly [k: string]: string }>()
  for (const s of model.stores.values()) if (s.changelogTopic !== null) changelogConfigs.set(s.changelogTopic, s.changelogConfig)
  const globalTopics = model.globalStores.map((g) => g.topic)
  const sinkTopics = planInput.subtopologies.flatMap((s) => s.sinkTopics).filter((t) => !internal.has(t))
  const external = new Set<string>([...planInput.subtopologies.flatMap((s) => s.sourceTopics).filter((t) => !internal.has(t)), ...globalTopics, ...sinkTopics])
  const counts = await admin.partitionCounts([...external, ...internal, ...changelogConfigs.keys()])

  const missingGlobal = globalTopics.filter((t) => !counts.has(t))
  if (missingGlobal.length > 0) throw new MissingSourceTopicError(missingGlobal)
  const plan = planTopics(planInput, (t) => counts.get(t) ?? null)

  const toCreate: NewTopic[] = []
  const check = (name: string, partitions: number, config: { readonly [k: string]: string }): void => {
    const actual = counts.get(name)
    if (actual === undefined) {
      toCreate.push({ name, partitions, replicationFactor: options.replicationFactor, config })
    } else if (actual !== partitions) {
      throw new InternalTopicError(
        `Existing internal topic ${name} has ${actual} partitions, but the topology needs ${partitions}. ` +
          'Delete it (and reset the application) or change the topology.',
        { topic: name },
      )
    }
  }
  for (const t of model.internalTopics) {
    check(t.name, plan.repartitionPartitions.get(t.name)!, { 'cleanup.policy': 'delete', 'segment.bytes': '52428800', ...t.config })
  }
  for (const [name, partitions] of plan.changelogPartitions) {
    check(name, partitions, { 'cleanup.policy': 'compact', ...changelogConfigs.get(name) })
  }
  if (toCreate.length > 0) {
    options.logger.info({ topics: toCreate.map((t) => `${t.name}(${t.partitions})`) }, 'Creating internal topics')
    await admin.createTopics(toCreate)
  }

  const partitionCounts = new Map<string, number>(counts)
  for (const [t, n] of plan.sourcePartitions) partitionCounts.set(t, n)
  for (const [t, n] of plan.repartitionPartitions) partitionCounts.set(t, n)
  for (const [t, n] of plan.changelogPartitions) partitionCounts.set(t, n)
  const resetLatest: string[] = []
  for (const node of model.nodes.values()) {
    if (node.kind !== 'source' || node.offsetReset !== 'latest') continue
    for (const t of node.topics) resetLatest.push(t)
    if (node.pattern !== null) for (const s of planInput.subtopologies) for (const t of s.sourceTopics) if (fullMatch(node.pattern, t)) resetLatest.push(t)
  }
  return { planInput, plan, partitionCounts, resetLatest }
}
