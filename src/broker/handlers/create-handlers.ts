import { apiVersionsEntries } from '../protocol/index.js'
import type { HandlerTable } from './api-handler.js'
import { alterConfigsHandler } from './alter-configs-handler.js'
import { apiVersionsHandler } from './api-versions-handler.js'
import { createPartitionsHandler } from './create-partitions-handler.js'
import { createTopicsHandler } from './create-topics-handler.js'
import { deleteGroupsHandler } from './delete-groups-handler.js'
import { deleteRecordsHandler } from './delete-records-handler.js'
import { deleteTopicsHandler } from './delete-topics-handler.js'
import { describeConfigsHandler } from './describe-configs-handler.js'
import { describeGroupsHandler } from './describe-groups-handler.js'
import { fetchHandler } from './fetch-handler.js'
import { findCoordinatorHandler } from './find-coordinator-handler.js'
import type { HandlerServices } from './handler-services.js'
import { heartbeatHandler } from './heartbeat-handler.js'
import { incrementalAlterConfigsHandler } from './incremental-alter-configs-handler.js'
import { initProducerIdHandler } from './init-producer-id-handler.js'
import { brokerConfigEntries } from './internal/broker-config-entries.js'
import { joinGroupHandler } from './join-group-handler.js'
import { leaveGroupHandler } from './leave-group-handler.js'
import { listGroupsHandler } from './list-groups-handler.js'
import { listOffsetsHandler } from './list-offsets-handler.js'
import { metadataHandler } from './metadata-handler.js'
import { offsetCommitHandler } from './offset-commit-handler.js'
import { offsetFetchHandler } from './offset-fetch-handler.js'
import { produceHandler } from './produce-handler.js'
import { syncGroupHandler } from './sync-group-handler.js'

/**
 * Builds the handler of every API the broker serves. ApiVersions advertises exactly the keys
 * present here (so the transactional APIs stay unadvertised until their handlers exist); `extra`
 * adds or replaces handlers (for example a transaction coordinator's).
 */
export function createHandlers(services: HandlerServices, extra: HandlerTable = {}): HandlerTable {
  const { config, catalog, groups, fetches, logger } = services
  const nodeId = config.nodeId
  const table: HandlerTable = {
    0: produceHandler({ partitions: catalog, fetches, producerState: services.producerState, logger }),
    1: fetchHandler({ partitions: catalog, fetches, isolation: services.isolation, logger }),
    2: listOffsetsHandler(catalog, services.isolation),
    3: metadataHandler({ catalog, node: services.node, clusterId: services.clusterId, autoCreateTopics: config.autoCreateTopics, logger }),
    8: offsetCommitHandler(groups),
    9: offsetFetchHandler(groups),
    10: findCoordinatorHandler(services.node),
    11: joinGroupHandler(groups),
    12: heartbeatHandler(groups),
    13: leaveGroupHandler(groups),
    14: syncGroupHandler(groups),
    15: describeGroupsHandler(groups),
    16: listGroupsHandler(groups),
    19: createTopicsHandler(catalog, nodeId),
    20: deleteTopicsHandler(catalog, groups, fetches),
    21: deleteRecordsHandler(catalog, logger),
    22: initProducerIdHandler(services.producerIds, services.transactions),
    32: describeConfigsHandler({
      topicOverrides: (topic) => catalog.topicConfigOverrides(topic),
      brokerEntries: () => brokerConfigEntries(config, services.node()),
      nodeId,
    }),
    33: alterConfigsHandler(catalog, nodeId),
    37: createPartitionsHandler(catalog, nodeId, fetches),
    42: deleteGroupsHandler(groups),
    44: incrementalAlterConfigsHandler(catalog, nodeId),
    ...extra,
  }
  const served = new Set(Object.keys(table).map(Number))
  served.add(18)
  const entries = apiVersionsEntries().filter((e) => served.has(e.apiKey))
  return { ...table, 18: apiVersionsHandler(entries) }
}
