import type { Serde } from '../../processor-api/serde/serde.js'
import type { Grouped } from '../options/grouped.js'
import type { GraphNode } from './graph/graph-node.js'
import type { InternalStreamsBuilder } from './internal-streams-builder.js'
import type { KTableViewProvider } from './ktable-value-getter.js'
import type { KStreamImpl } from './kstream-impl.js'
import type { KTableImpl } from './ktable-impl.js'
import type { KGroupedStreamImpl } from './kgrouped-stream-impl.js'
import type { KGroupedTableImpl } from './kgrouped-table-impl.js'
import type { GlobalKTableImpl } from './global-ktable-impl.js'
import type { BranchedKStreamImpl } from './branched-kstream-impl.js'

/**
 * Constructors of the DSL implementations, handed to the graph builder so implementations that
 * create each other (a stream makes tables, a table makes streams...) need no import cycle.
 * Wired in `create-dsl-factories.ts`.
 */
export interface DslFactories {
  kstream<K, V>(
    name: string,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    subTopologySourceNodes: ReadonlySet<string>,
    repartitionRequired: boolean,
    graphNode: GraphNode,
    builder: InternalStreamsBuilder,
  ): KStreamImpl<K, V>
  ktable<K, S, V>(
    name: string,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    subTopologySourceNodes: ReadonlySet<string>,
    queryableStoreName: string | null,
    processorSupplier: KTableViewProvider<K, V> | null,
    graphNode: GraphNode,
    builder: InternalStreamsBuilder,
  ): KTableImpl<K, S, V>
  kgroupedStream<K, V>(
    name: string,
    subTopologySourceNodes: ReadonlySet<string>,
    grouped: Grouped<K, V>,
    repartitionRequired: boolean,
    graphNode: GraphNode,
    builder: InternalStreamsBuilder,
  ): KGroupedStreamImpl<K, V>
  kgroupedTable<K, V>(
    name: string,
    subTopologySourceNodes: ReadonlySet<string>,
    grouped: Grouped<K, V>,
    graphNode: GraphNode,
    builder: InternalStreamsBuilder,
  ): KGroupedTableImpl<K, V>
  globalKTable<K, V>(storeName: string, queryableStoreName: string | null): GlobalKTableImpl<K, V>
  branchedKStream<K, V>(source: KStreamImpl<K, V>, name: string | undefined): BranchedKStreamImpl<K, V>
}
