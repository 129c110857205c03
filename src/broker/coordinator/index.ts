/**
 * The bundled broker's group coordinator: classic consumer-group membership (join, sync,
 * heartbeat, leave, rebalances, static members) and committed offsets, durable under
 * `<dataDir>/__consumer_offsets/`. Handlers map wire requests to these domain calls.
 */
export { GroupCoordinator } from './group-coordinator.js'
export type { GroupCoordinatorOptions } from './group-coordinator-options.js'
export type {
  GroupProtocol,
  JoinGroupRequest,
  JoinGroupResult,
  JoinGroupMember,
  SyncGroupRequest,
  SyncGroupResult,
  HeartbeatRequest,
  HeartbeatResult,
  LeavingMember,
  LeaveGroupRequest,
  LeaveGroupResult,
  DescribedGroup,
  DescribedMember,
  ListedGroup,
  ListGroupsResult,
  DeleteGroupResult,
} from './group-requests.js'
export type {
  OffsetCommitPartition,
  OffsetCommitRequest,
  OffsetCommitPartitionResult,
  OffsetFetchTopic,
  OffsetFetchPartitionResult,
  OffsetFetchTopicResult,
  OffsetFetchResult,
  TopicPartitionRef,
  OffsetDeleteResult,
} from './offset-requests.js'
export type { GroupState } from './group-state.js'
export { SystemScheduler } from './scheduler.js'
export type { Scheduler, TimerHandle } from './scheduler.js'
export { ManualScheduler } from './manual-scheduler.js'
export { CONSUMER_OFFSETS_DIR } from './offset-store.js'
export { CoordinatorError, CoordinatorStorageError, CoordinatorStateError } from './errors.js'
export type { OffsetLogOptions } from './internal/offset-log.js'
