import type { TopologyModel } from './topology-model.js'

/**
 * Removes the caching layer from every store of a topology, as Kafka's
 * `InternalTopologyBuilder.rewriteTopology` does when `statestore.cache.max.bytes` is 0: the
 * stores are then built without a cache, so table processors forward each update themselves
 * (deletes of rows that never existed included) instead of through a cache flush.
 * Like Kafka, this changes the topology's store builders.
 */
export function stripCachingLayers(model: TopologyModel): void {
  for (const store of model.stores.values()) store.builder.withCachingDisabled()
  for (const global of model.globalStores) global.store.builder.withCachingDisabled()
}
