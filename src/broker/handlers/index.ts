/**
 * One handler per Kafka API: decoded request in, response body out, over the log manager and the
 * group coordinator. Start with `createHandlers` (the table the broker serves) and `ApiHandler`;
 * `ProducerStateCheck` and `ReadIsolation` are where transactions plug in.
 */
export { CloseConnection, NO_RESPONSE_BODY } from './api-handler.js'
export type { ApiHandler, HandlerResult, HandlerTable, NoResponseBody, RequestContext } from './api-handler.js'
export type { BrokerNode } from './broker-node.js'
export { createHandlers } from './create-handlers.js'
export type { HandlerServices } from './handler-services.js'
export type { TransactionalInitProducerId } from './init-producer-id-handler.js'
export type { PartitionLookup } from './partition-lookup.js'
export { APPEND, acceptAllProducers } from './producer-state-check.js'
export type { AppendDecision, PendingAppend, ProducerStateCheck } from './producer-state-check.js'
export { noTransactions } from './read-isolation.js'
export type { AbortedTransaction, CommittedRead, ReadIsolation } from './read-isolation.js'
export type { TopicCatalog, TopicInfo, TopicOperationResult, ValidateOnlyOption } from './topic-catalog.js'
export { DelayedFetches } from './internal/delayed-fetches.js'
export type { FetchWakeReason, WatchedPartition } from './internal/delayed-fetches.js'
export { ProducerIdAllocator } from './internal/producer-id-allocator.js'
