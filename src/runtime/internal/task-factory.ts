/**
 * Builds the stream thread's tasks: one processor topology per sub-topology (shared by its
 * tasks) and one record cache for them all, `cacheMaxBytes` in total, as Kafka's `ThreadCache`.
 */
import { TaskId } from '../../../processor-api/task-id.js'
import type { StateStore } from '../../../processor-api/state-store.js'
import type { Clock } from '../../../processor-api/time.js'
import type { TopologyModel } from '../../../processor-api/internal/topology-model.js'
import { attachThreadCache, cacheMaxBytesOf, ThreadCache } from '../../../state-stores/layers/caching/thread-cache.js'
import type { TopicPartition } from '../ports.js'
import type { StateDirectory } from '../state/state-directory.js'
import { processorTopologyOf, type ProcessorTopology } from '../task/processor-topology.js'
import type { RecordCollector } from '../task/record-collector.js'
import { StreamTask } from '../task/stream-task.js'
import type { TaskConfig } from '../task/task-config.js'

/** What every task of a stream thread shares. */
export interface TaskFactoryOptions {
  readonly model: TopologyModel
  readonly config: TaskConfig
  readonly clock: Clock
  readonly stateDirectory: StateDirectory
  readonly globalStores: ReadonlyMap<string, StateStore>
  readonly collector: RecordCollector
}

/** Creates `StreamTask`s for task ids of one stream thread. */
export class TaskFactory {
  private readonly topologies = new Map<number, ProcessorTopology>()
  private readonly threadCache: ThreadCache

  constructor(private readonly options: TaskFactoryOptions) {
    this.threadCache = new ThreadCache(cacheMaxBytesOf(options.config.appConfigs))
  }

  create(id: string, partitions: readonly TopicPartition[]): StreamTask {
    const taskId = TaskId.parse(id)
    let topology = this.topologies.get(taskId.subtopology)
    if (topology === undefined) {
      topology = processorTopologyOf(this.options.model, [taskId.subtopology])
      this.topologies.set(taskId.subtopology, topology)
    }
    const { model, collector, config, clock, stateDirectory, globalStores } = this.options
    const threadCache = this.threadCache
    return new StreamTask({
      id: taskId,
      model,
      topology,
      inputPartitions: partitions,
      collector,
      config,
      clock,
      stateDirectory,
      globalStores,
      beforeStoreInit: (context) => attachThreadCache(context, threadCache),
    })
  }
}
