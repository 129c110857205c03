import { TaskId } from '../../../processor-api/task-id.js'
import type { TopicPartition } from '../task/raw-record.js'
import type { PlanSubtopology, TopicPlan } from './topic-plan.js'

/** A task to run: a sub-topology applied to one partition number of its inputs. */
export interface TaskDefinition {
  readonly id: TaskId
  /** Every source partition of the task (partition `id.partition` of each source topic that has it). */
  readonly partitions: readonly TopicPartition[]
  /** True when the sub-topology has logged stores (standby replicas make sense). */
  readonly stateful: boolean
}

/**
 * Kafka's `PartitionGrouper`: one task per partition number of each sub-topology, holding that
 * partition of every source topic of the sub-topology (so co-partitioned inputs land in one task).
 * Tasks come out sorted by sub-topology, then partition.
 */
export function groupPartitions(subtopologies: readonly PlanSubtopology[], plan: TopicPlan): TaskDefinition[] {
  const tasks: TaskDefinition[] = []
  for (const s of [...subtopologies].sort((a, b) => a.id - b.id)) {
    const n = plan.tasksPerSubtopology.get(s.id) ?? 0
    for (let p = 0; p < n; p++) {
      const partitions: TopicPartition[] = []
      for (const topic of s.sourceTopics) {
        if (p < (plan.sourcePartitions.get(topic) ?? 0)) partitions.push({ topic, partition: p })
      }
      tasks.push({ id: new TaskId(s.id, p), partitions, stateful: s.changelogTopics.length > 0 })
    }
  }
  return tasks
}

/** Sorts task id strings as Kafka sorts `TaskId`s: by sub-topology, then partition. */
export function compareTaskIds(a: string, b: string): number {
  const x = TaskId.parse(a)
  const y = TaskId.parse(b)
  return x.subtopology - y.subtopology || x.partition - y.partition
}
