/** What a `StreamTask` is built from, its lifecycle states, and the positions it commits. */
import type { StateStore, StateStoreContext } from '../../../processor-api/state-store.js'
import type { TaskId } from '../../../processor-api/task-id.js'
import type { Clock } from '../../../processor-api/time.js'
import type { TopologyModel } from '../../../processor-api/internal/topology-model.js'
import type { StateDirectory } from '../state/state-directory.js'
import type { TopicPartition } from './raw-record.js'
import type { RecordCollector } from './record-collector.js'
import type { TaskConfig } from './task-config.js'
import type { ProcessorTopology } from './processor-topology.js'

/** Lifecycle of a task: created → restoring (stores initialised) → running (processors initialised) → closed. */
export type StreamTaskState = 'created' | 'restoring' | 'running' | 'closed'

/** Everything a task is built from. */
export interface StreamTaskOptions {
  readonly id: TaskId
  readonly model: TopologyModel
  /** The nodes and stores this task runs (see `processorTopologyOf`). */
  readonly topology: ProcessorTopology
  /** The partitions this task consumes; each topic must be read by a source of `topology`. */
  readonly inputPartitions: readonly TopicPartition[]
  readonly collector: RecordCollector
  readonly config: TaskConfig
  /** Wall-clock time: the system clock in the runtime, a manual one in the test driver. */
  readonly clock: Clock
  /** Where persistent stores live; null: stores get `stateDir` null. */
  readonly stateDirectory: StateDirectory | null
  /** Global stores, readable by every processor. */
  readonly globalStores?: ReadonlyMap<string, StateStore>
  /**
   * Called with the context the task's stores are initialised with, before the first store's
   * `init` (the runtime attaches its stream thread's shared record cache there).
   */
  readonly beforeStoreInit?: (context: StateStoreContext) => void
}

/** A consumed position to commit: the next offset to read and the partition time (Kafka commits it as metadata). */
export interface CommittableOffset {
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly partitionTime: number
}
