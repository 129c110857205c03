import type { DslFactories } from './dsl-factories.js'
import { BranchedKStreamImpl } from './branched-kstream-impl.js'
import { GlobalKTableImpl } from './global-ktable-impl.js'
import { KGroupedStreamImpl } from './kgrouped-stream-impl.js'
import { KGroupedTableImpl } from './kgrouped-table-impl.js'
import { KStreamImpl } from './kstream-impl.js'
import { KTableImpl } from './ktable-impl.js'

/** Wires the DSL implementations together (the only module importing all of them). */
export function createDslFactories(): DslFactories {
  return {
    kstream: (name, keySerde, valueSerde, subTopologySourceNodes, repartitionRequired, graphNode, builder) =>
      new KStreamImpl({ name, keySerde, valueSerde, subTopologySourceNodes, repartitionRequired, graphNode, builder }),
    ktable: (name, keySerde, valueSerde, subTopologySourceNodes, queryableStoreName, processorSupplier, graphNode, builder) =>
      new KTableImpl({ name, keySerde, valueSerde, subTopologySourceNodes, queryableStoreName, processorSupplier, graphNode, builder }),
    kgroupedStream: (name, subTopologySourceNodes, grouped, repartitionRequired, graphNode, builder) =>
      new KGroupedStreamImpl(name, subTopologySourceNodes, grouped, repartitionRequired, graphNode, builder),
    kgroupedTable: (name, subTopologySourceNodes, grouped, graphNode, builder) =>
      new KGroupedTableImpl(name, subTopologySourceNodes, grouped, graphNode, builder),
    globalKTable: (storeName, queryableStoreName) => new GlobalKTableImpl(storeName, queryableStoreName),
    branchedKStream: (source, name) => new BranchedKStreamImpl(source, name),
  }
}
