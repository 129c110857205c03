import { TopologyError } from '../../processor-api/errors.js'
import type { KTable } from '../ktable.js'
import type { Suppressed } from '../options/suppressed.js'
import type { GraphNode } from './graph/graph-node.js'
import { ProcessorParameters, type DslProcessorSupplier } from './graph/processor-parameters.js'
import { StatefulProcessorNode } from './graph/stateful-processor-node.js'
import type { KTableImpl } from './ktable-impl.js'
import { KStreamSessionWindowAggregate } from './processors/kstream-session-window-aggregate.js'
import { KStreamSlidingWindowAggregate } from './processors/kstream-sliding-window-aggregate.js'
import { KStreamWindowAggregate } from './processors/kstream-window-aggregate.js'
import { KTableSuppress, type SuppressionSpec } from './processors/ktable-suppress.js'
import { StoreFactory } from './store-factory.js'
import { TimeOrderedKeyValueBufferBuilder } from './stores/time-ordered-key-value-buffer.js'

const SUPPRESS_NAME = 'KTABLE-SUPPRESS-'

/**
 * `KTable.suppress` (Kafka's `KTableImpl.suppress`): processor `KTABLE-SUPPRESS-n` (or the
 * suppression's name) with its buffer store `KTABLE-SUPPRESS-STATE-STORE-n` (or `<name>-store`).
 * `untilWindowCloses` waits for the grace period of the upstream windowed aggregation.
 */
export function suppressTable<K, V>(table: KTableImpl<K, unknown, V>, suppressed: Suppressed<K>): KTable<K, V> {
  const builder = table.builder
  const name = suppressed.name ?? builder.newProcessorName(SUPPRESS_NAME)
  const config = suppressed.bufferConfig
  let spec: SuppressionSpec
  if (suppressed.kind === 'windowClose') {
    const grace = findAndVerifyWindowGrace(table.graphNode, '')
    spec = { maxRecords: config.maxRecords, maxBytes: config.maxBytes, fullStrategy: 'SHUT_DOWN', suppressDurationMs: grace, timeDefinition: 'windowEnd', safeToDropTombstones: true }
  } else {
    spec = {
      maxRecords: config.maxRecords,
      maxBytes: config.maxBytes,
      fullStrategy: config.fullStrategy,
      suppressDurationMs: suppressed.timeToWaitMs,
      timeDefinition: 'recordTime',
      safeToDropTombstones: false,
    }
  }
  const storeName = suppressed.name !== undefined ? `${suppressed.name}-store` : builder.newStoreName(SUPPRESS_NAME)
  const supplier = new KTableSuppress<K, V>(spec, storeName, table)
  const storeFactory = new StoreFactory(storeName, () => {
    const b = new TimeOrderedKeyValueBufferBuilder<K, V>(storeName, table.keySerde, table.valueSerde)
    return config.loggingEnabled ? b.withLoggingEnabled(config.logConfig) : b.withLoggingDisabled()
  })
  const node = new StatefulProcessorNode(name, new ProcessorParameters(supplier as unknown as DslProcessorSupplier, name), { storeFactory })
  builder.addGraphNode(table.graphNode, node)
  return builder.create.ktable<K, V, V>(name, table.keySerde, table.valueSerde, new Set([table.name]), null, supplier, node, builder)
}

/** The grace period of the windowed aggregation upstream (Kafka's `GraphGraceSearchUtil`). */
function findAndVerifyWindowGrace(node: GraphNode | undefined, chain: string): number {
  if (node === undefined) throw windowCloseError(chain)
  if (node instanceof StatefulProcessorNode) {
    const supplier = node.processorParameters.supplier
    if (supplier instanceof KStreamWindowAggregate) return supplier.windows.graceMs
    if (supplier instanceof KStreamSessionWindowAggregate) return supplier.windows.graceMs + supplier.windows.gapMs
    if (supplier instanceof KStreamSlidingWindowAggregate) return supplier.windows.graceMs
  }
  const newChain = chain === '' ? node.nodeName : `${node.nodeName}->${chain}`
  if (node.parentNodes.size === 0) throw windowCloseError(newChain)
  let inherited = -1
  for (const parent of node.parentNodes) inherited = Math.max(inherited, findAndVerifyWindowGrace(parent, newChain))
  return inherited
}

function windowCloseError(chain: string): TopologyError {
  return new TopologyError(`Window close time is only defined for windowed computations. Got [${chain}].`)
}
