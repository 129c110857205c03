import { buildTopologyModel } from '../../../../processor-api/internal/build-topology-model.js'
import type { Topology } from '../../../../processor-api/topology.js'
import type { StateStoreContext } from '../../../../processor-api/state-store.js'
import { Serdes } from '../../../../processor-api/serde/serdes.js'
import { TaskId } from '../../../../processor-api/task-id.js'
import { ManualClock } from '../../../../processor-api/time.js'
import { Headers } from '../../../../processor-api/headers.js'
import { StreamTask } from '../../../../src/runtime/task/stream-task.js'
import { processorTopologyOf } from '../../../../src/runtime/task/processor-topology.js'
import { taskConfig, type TaskConfig } from '../../../../src/runtime/task/task-config.js'
import type { RawRecord, TopicPartition } from '../../../../src/runtime/task/raw-record.js'
import type { StateDirectory } from '../../../../src/runtime/state/state-directory.js'
import { MemoryCollector } from './memory-collector.js'

/** A running StreamTask over `topology` (all sub-topologies), string default serdes, a manual clock. */
export async function startTask(
  topology: Topology,
  options: {
    partitions: TopicPartition[]
    config?: Partial<TaskConfig>
    clock?: ManualClock
    stateDirectory?: StateDirectory | null
    taskId?: TaskId
    beforeStoreInit?: (context: StateStoreContext) => void
  },
): Promise<{ task: StreamTask; collector: MemoryCollector; clock: ManualClock }> {
  const model = buildTopologyModel(topology, 'app')
  const collector = new MemoryCollector()
  const clock = options.clock ?? new ManualClock(0)
  const task = new StreamTask({
    id: options.taskId ?? new TaskId(0, 0),
    model,
    topology: processorTopologyOf(model),
    inputPartitions: options.partitions,
    collector,
    config: taskConfig({
      applicationId: 'app',
      defaultKeySerde: Serdes.String(),
      defaultValueSerde: Serdes.String(),
      ...options.config,
    }),
    clock,
    stateDirectory: options.stateDirectory ?? null,
    ...(options.beforeStoreInit ? { beforeStoreInit: options.beforeStoreInit } : {}),
  })
  await task.initializeStateStores()
  await task.completeRestoration()
  for (const p of options.partitions) task.updateLag(p.topic, p.partition, 0)
  return { task, collector, clock }
}

let offsetCounter = 0

/** A raw string record. */
export function raw(key: string | null, value: string | null, timestamp: number, offset = offsetCounter++, headers?: Headers): RawRecord {
  return {
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    timestamp,
    offset,
    headers: headers ?? null,
  }
}

/** Processes everything processable (awaiting async processors). */
export async function drain(task: StreamTask, nowMs = 0): Promise<number> {
  let n = 0
  while (await task.process(nowMs)) n++
  return n
}

export { Headers }
