/**
 * Task assignment for KafkaStreams: internal topic partition counts (`planTopics`), tasks from
 * partitions (`groupPartitions`), the pure sticky/balanced `assignTasks`, and the group assignor
 * plugged into the consumer (`StreamsPartitionAssignor`, protocol name `stream`).
 */
export { planTopics, topicPlanInputOf } from './topic-plan.js'
export type { TopicPlan, TopicPlanInput, PlanSubtopology } from './topic-plan.js'
export { groupPartitions, compareTaskIds } from './partition-grouper.js'
export type { TaskDefinition } from './partition-grouper.js'
export { assignTasks } from './task-assignor.js'
export type { ClientState, ClientAssignment, TaskAssignmentInput } from './task-assignor.js'
export { StreamsPartitionAssignor, computeMemberAssignments, STREAMS_ASSIGNOR_NAME } from './streams-partition-assignor.js'
export type { StreamsPartitionAssignorOptions } from './streams-partition-assignor.js'
export { encodeSubscriptionInfo, decodeSubscriptionInfo, SUBSCRIPTION_INFO_VERSION, LATEST_OFFSET } from './subscription-info.js'
export type { SubscriptionInfo } from './subscription-info.js'
export { encodeAssignmentInfo, decodeAssignmentInfo, ASSIGNMENT_INFO_VERSION, AssignorErrorCode } from './assignment-info.js'
export type { AssignmentInfo } from './assignment-info.js'
export { AssignmentCodecError } from './assignment-codec-error.js'
