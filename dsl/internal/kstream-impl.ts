import type { KeyValue } from '../../processor-api/key-value.js'
import type { FixedKeyProcessorSupplier, ProcessorSupplier } from '../../processor-api/processor.js'
import type { Serde } from '../../processor-api/serde/serde.js'
import type { TopicNameExtractor } from '../../processor-api/topology-options.js'
import type { BranchedKStream } from '../branched-kstream.js'
import { DslArgumentError, requireArgument } from '../errors.js'
import type { ForeachAction, KeyValueMapper, Predicate, ValueJoiner, ValueMapper } from '../functions.js'
import type { KGroupedStream } from '../kgrouped-stream.js'
import type { KStream, ToTableOptions } from '../kstream.js'
import type { KTable } from '../ktable.js'
import { Grouped, type GroupedOptions } from '../options/grouped.js'
import { Joined, type JoinedOptions } from '../options/joined.js'
import { Materialized } from '../options/materialized.js'
import { Named, type NamedOptions } from '../options/named.js'
import type { Printed } from '../options/printed.js'
import { Produced, type ProducedOptions } from '../options/produced.js'
import { Repartitioned, type RepartitionedOptions } from '../options/repartitioned.js'
import { StreamJoined, type StreamJoinedOptions } from '../options/stream-joined.js'
import { JoinWindows } from '../windows/join-windows.js'
import { AbstractStream, type StreamState } from './abstract-stream.js'
import { createRepartitionedSource } from './create-repartitioned-source.js'
import type { GraphNode } from './graph/graph-node.js'
import { ProcessorGraphNode } from './graph/processor-graph-node.js'
import { fromProcessorSupplier, ProcessorParameters } from './graph/processor-parameters.js'
import type { RepartitionNode } from './graph/repartition-node.js'
import { StatefulProcessorNode } from './graph/stateful-processor-node.js'
import { StreamSinkNode } from './graph/stream-sink-node.js'
import { TableProcessorNode } from './graph/table-processor-node.js'
import { SINK_NAME } from './internal-streams-builder.js'
import { MaterializedInternal } from './materialized-internal.js'
import { orElseGenerateWithPrefix } from './name-provider.js'
import { ForeachProcessorSupplier } from './processors/foreach-processor.js'
import { KStreamFilter } from './processors/kstream-filter.js'
import { KStreamFlatMap } from './processors/kstream-flat-map.js'
import { KStreamFlatMapValues } from './processors/kstream-flat-map-values.js'
import { KStreamMap } from './processors/kstream-map.js'
import { KStreamMapValues } from './processors/kstream-map-values.js'
import { KStreamPeek } from './processors/kstream-peek.js'
import { KStreamPrint } from './processors/kstream-print.js'
import { KTableSource } from './processors/ktable-source.js'
import { PassThrough } from './processors/pass-through.js'
import { keyValueStoreFactory } from './stores/materializers.js'
import { joinStreamWithGlobalTable, joinStreamWithTable } from './kstream-table-join-builder.js'
import { joinStreams } from './kstream-impl-join.js'
import type { KTableImpl } from './ktable-impl.js'
import type { GlobalKTableImpl } from './global-ktable-impl.js'

const FILTER_NAME = 'KSTREAM-FILTER-'
const PEEK_NAME = 'KSTREAM-PEEK-'
const FLATMAP_NAME = 'KSTREAM-FLATMAP-'
const FLATMAPVALUES_NAME = 'KSTREAM-FLATMAPVALUES-'
const MAP_NAME = 'KSTREAM-MAP-'
const MAPVALUES_NAME = 'KSTREAM-MAPVALUES-'
const PROCESSOR_NAME = 'KSTREAM-PROCESSOR-'
const PROCESSVALUES_NAME = 'KSTREAM-PROCESSVALUES-'
const PRINTING_NAME = 'KSTREAM-PRINTER-'
const KEY_SELECT_NAME = 'KSTREAM-KEY-SELECT-'
const FOREACH_NAME = 'KSTREAM-FOREACH-'
const TO_KTABLE_NAME = 'KSTREAM-TOTABLE-'
const REPARTITION_NAME = 'KSTREAM-REPARTITION-'
const MERGE_NAME = 'KSTREAM-MERGE-'

/** State of a KStream: the common state plus whether its key changed since the last repartition. */
export interface KStreamState<K, V> extends StreamState<K, V> {
  readonly repartitionRequired: boolean
}

/** Discriminates DSL objects at runtime without importing their classes. */
export type DslKind = 'kstream' | 'ktable' | 'globalKTable'

/** The KStream implementation (Kafka's `KStreamImpl`): each operation adds graph nodes. */
export class KStreamImpl<K, V> extends AbstractStream<K, V> implements KStream<K, V> {
  readonly dslKind: DslKind = 'kstream'
  readonly repartitionRequired: boolean
  /** The repartition node created for joins, reused when the same stream is joined again. */
  private repartitionNode: RepartitionNode | null = null

  constructor(state: KStreamState<K, V>) {
    super(state)
    this.repartitionRequired = state.repartitionRequired
  }

  /** A new stream below `node` with this stream's sub-topology sources. */
  private derive<K2, V2>(
    name: string,
    node: GraphNode,
    keySerde: Serde<K2> | undefined,
    valueSerde: Serde<V2> | undefined,
    repartitionRequired: boolean,
    subTopologySourceNodes: ReadonlySet<string> = this.subTopologySourceNodes,
  ): KStreamImpl<K2, V2> {
    return this.builder.create.kstream<K2, V2>(name, keySerde, valueSerde, subTopologySourceNodes, repartitionRequired, node, this.builder)
  }

  private addProcessor(prefix: string, named: NamedOptions | undefined, supplier: ProcessorParameters['supplier']): ProcessorGraphNode {
    const name = orElseGenerateWithPrefix(validName(named), this.builder, prefix)
    const node = new ProcessorGraphNode(name, new ProcessorParameters(supplier, name))
    return node
  }

  filter(predicate: Predicate<K, V>, named?: NamedOptions): KStream<K, V> {
    requireArgument(predicate, 'predicate')
    const node = this.addProcessor(FILTER_NAME, named, new KStreamFilter(predicate, false) as ProcessorParameters['supplier'])
    this.builder.addGraphNode(this.graphNode, node)
    return this.derive(node.nodeName, node, this.keySerde, this.valueSerde, this.repartitionRequired)
  }

  filterNot(predicate: Predicate<K, V>, named?: NamedOptions): KStream<K, V> {
    requireArgument(predicate, 'predicate')
    const node = this.addProcessor(FILTER_NAME, named, new KStreamFilter(predicate, true) as ProcessorParameters['supplier'])
    this.builder.addGraphNode(this.graphNode, node)
    return this.derive(node.nodeName, node, this.keySerde, this.valueSerde, this.repartitionRequired)
  }

  selectKey<KR>(mapper: KeyValueMapper<K, V, KR>, named?: NamedOptions): KStream<KR, V> {
    requireArgument(mapper, 'mapper')
    const node = this.internalSelectKey(mapper, validName(named))
    node.keyChangingOperation = true
    this.builder.addGraphNode(this.graphNode, node)
    return this.derive<KR, V>(node.nodeName, node, undefined, this.valueSerde, true)
  }

  /** The key-selecting node of `selectKey` and `groupBy` (not yet added to the graph). */
  internalSelectKey<KR>(mapper: KeyValueMapper<K, V, KR>, name: string | undefined): ProcessorGraphNode {
    const nodeName = orElseGenerateWithPrefix(name, this.builder, KEY_SELECT_NAME)
    const map = new KStreamMap<K, V, KR, V>((key, value) => ({ key: mapper(key, value), value }))
    return new ProcessorGraphNode(nodeName, new ProcessorParameters(map as ProcessorParameters['supplier'], nodeName))
  }

  map<KR, VR>(mapper: KeyValueMapper<K, V, KeyValue<KR, VR>>, named?: NamedOptions): KStream<KR, VR> {
    requireArgument(mapper, 'mapper')
    const node = this.addProcessor(MAP_NAME, named, new KStreamMap(mapper) as ProcessorParameters['supplier'])
    node.keyChangingOperation = true
    this.builder.addGraphNode(this.graphNode, node)
    return this.derive<KR, VR>(node.nodeName, node, undefined, undefined, true)
  }

  mapValues<VR>(mapper: ValueMapper<V, VR, K>, named?: NamedOptions): KStream<K, VR> {
    requireArgument(mapper, 'mapper')
    const node = this.addProcessor(MAPVALUES_NAME, named, new KStreamMapValues(mapper) as ProcessorParameters['supplier'])
    node.valueChangingOperation = true
    this.builder.addGraphNode(this.graphNode, node)
    return this.derive<K, VR>(node.nodeName, node, this.keySerde, undefined, this.repartitionRequired)
  }

  flatMap<KR, VR>(mapper: KeyValueMapper<K, V, Iterable<KeyValue<KR, VR>>>, named?: NamedOptions): KStream<KR, VR> {
    requireArgument(mapper, 'mapper')
    const node = this.addProcessor(FLATMAP_NAME, named, new KStreamFlatMap(mapper) as ProcessorParameters['supplier'])
    node.keyChangingOperation = true
    this.builder.addGraphNode(this.graphNode, node)
    return this.derive<KR, VR>(node.nodeName, node, undefined, undefined, true)
  }

  flatMapValues<VR>(mapper: ValueMapper<V, Iterable<VR>, K>, named?: NamedOptions): KStream<K, VR> {
    requireArgument(mapper, 'mapper')
    const node = this.addProcessor(FLATMAPVALUES_NAME, named, new KStreamFlatMapValues(mapper) as ProcessorParameters['supplier'])
    node.valueChangingOperation = true
    this.builder.addGraphNode(this.graphNode, node)
    return this.derive<K, VR>(node.nodeName, node, this.keySerde, undefined, this.repartitionRequired)
  }

  print(printed: Printed<K, V>): void {
    requireArgument(printed, 'printed')
    const name = orElseGenerateWithPrefix(printed.name, this.builder, PRINTING_NAME)
    const supplier = new KStreamPrint(printed.sink, printed.mapper, printed.label ?? this.name)
    const node = new ProcessorGraphNode(name, new ProcessorParameters(supplier as ProcessorParameters['supplier'], name))
    this.builder.addGraphNode(this.graphNode, node)
  }

  foreach(action: ForeachAction<K, V>, named?: NamedOptions): void {
    requireArgument(action, 'action')
    const node = this.addProcessor(FOREACH_NAME, named, new ForeachProcessorSupplier(action) as ProcessorParameters['supplier'])
    this.builder.addGraphNode(this.graphNode, node)
  }

  peek(action: ForeachAction<K, V>, named?: NamedOptions): KStream<K, V> {
    requireArgument(action, 'action')
    const node = this.addProcessor(PEEK_NAME, named, new KStreamPeek(action) as ProcessorParameters['supplier'])
    this.builder.addGraphNode(this.graphNode, node)
    return this.derive(node.nodeName, node, this.keySerde, this.valueSerde, this.repartitionRequired)
  }

  split(named?: NamedOptions): BranchedKStream<K, V> {
    return this.builder.create.branchedKStream(this, validName(named))
  }

  merge(stream: KStream<K, V>, named?: NamedOptions): KStream<K, V> {
    requireArgument(stream, 'stream')
    const other = stream as unknown as KStreamImpl<K, V>
    const name = orElseGenerateWithPrefix(validName(named), this.builder, MERGE_NAME)
    const node = new ProcessorGraphNode(name, new ProcessorParameters(new PassThrough() as ProcessorParameters['supplier'], name))
    node.mergeNode = true
    this.builder.addGraphNode([this.graphNode, other.graphNode], node)
    const sources = new Set([...this.subTopologySourceNodes, ...other.subTopologySourceNodes])
    return this.derive<K, V>(name, node, undefined, undefined, this.repartitionRequired || other.repartitionRequired, sources)
  }

  repartition(repartitioned: RepartitionedOptions<K, V> = {}): KStream<K, V> {
    const r = Repartitioned.from(repartitioned)
    const name = r.name ?? this.builder.newProcessorName(REPARTITION_NAME)
    const valueSerde = r.valueSerde ?? this.valueSerde
    const keySerde = r.keySerde ?? this.keySerde
    const node = createRepartitionedSource(
      this.builder,
      'unoptimizable',
      name,
      r.keySerde as Serde<unknown> | undefined,
      valueSerde as Serde<unknown> | undefined,
      r.partitioner as Parameters<typeof createRepartitionedSource>[5],
      { partitions: r.numberOfPartitions },
    )
    this.builder.addGraphNode(this.graphNode, node)
    return this.derive<K, V>(node.sourceName, node, keySerde, valueSerde, false, new Set([node.nodeName]))
  }

  to(topic: string | TopicNameExtractor<K, V>, produced: ProducedOptions<K, V> = {}): void {
    if (typeof topic !== 'string' && typeof topic !== 'function') throw new DslArgumentError('topic', "topic can't be null")
    const p = Produced.from(produced)
    const name = orElseGenerateWithPrefix(p.name, this.builder, SINK_NAME)
    const node = new StreamSinkNode(
      name,
      topic as string | TopicNameExtractor<unknown, unknown>,
      (p.keySerde ?? this.keySerde) as Serde<unknown> | undefined,
      (p.valueSerde ?? this.valueSerde) as Serde<unknown> | undefined,
      p.partitioner as ConstructorParameters<typeof StreamSinkNode>[4],
    )
    this.builder.addGraphNode(this.graphNode, node)
  }

  toTable(options: ToTableOptions<K, V> | Materialized<K, V> = {}): KTable<K, V> {
    const opts: ToTableOptions<K, V> = options instanceof Materialized ? { materialized: options } : options
    const name = orElseGenerateWithPrefix(validName(opts), this.builder, TO_KTABLE_NAME)
    const materialized = new MaterializedInternal<K, V>(Materialized.from(opts.materialized), this.builder, TO_KTABLE_NAME)
    const keySerde = materialized.keySerde ?? this.keySerde
    const valueSerde = materialized.valueSerde ?? this.valueSerde
    materialized.withDefaultSerdes(keySerde, valueSerde)
    let parent: GraphNode = this.graphNode
    let sources = this.subTopologySourceNodes
    if (this.repartitionRequired) {
      const node = createRepartitionedSource(this.builder, 'optimizable', name, keySerde as Serde<unknown>, valueSerde as Serde<unknown>, undefined)
      this.builder.addGraphNode(this.graphNode, node)
      parent = node
      sources = new Set([node.sourceName])
    }
    const tableSource = new KTableSource<K, V>(materialized.storeName, materialized.queryableStoreName())
    const tableNode = new TableProcessorNode(
      name,
      new ProcessorParameters(tableSource as ProcessorParameters['supplier'], name),
      keyValueStoreFactory(materialized),
      () => [],
      () => tableSource.materialized(),
    )
    this.builder.addGraphNode(parent, tableNode)
    return this.builder.create.ktable<K, V, V>(name, keySerde, valueSerde, sources, materialized.queryableStoreName(), tableSource, tableNode, this.builder)
  }

  groupBy<KR>(keySelector: KeyValueMapper<K, V, KR>, grouped?: GroupedOptions<KR, V>): KGroupedStream<KR, V> {
    requireArgument(keySelector, 'keySelector')
    const g = grouped === undefined ? Grouped.with<KR, V>(undefined, this.valueSerde) : Grouped.from(grouped)
    const node = this.internalSelectKey(keySelector, g.name)
    node.keyChangingOperation = true
    this.builder.addGraphNode(this.graphNode, node)
    return this.builder.create.kgroupedStream<KR, V>(node.nodeName, this.subTopologySourceNodes, g, true, node, this.builder)
  }

  groupByKey(grouped?: GroupedOptions<K, V>): KGroupedStream<K, V> {
    const g = grouped === undefined ? Grouped.with<K, V>(this.keySerde, this.valueSerde) : Grouped.from(grouped)
    return this.builder.create.kgroupedStream<K, V>(this.name, this.subTopologySourceNodes, g, this.repartitionRequired, this.graphNode, this.builder)
  }

  readonly join = ((other: unknown, b: unknown, c?: unknown, d?: unknown) => this.doJoin('join', other, b, c, d)) as KStream<K, V>['join']

  readonly leftJoin = ((other: unknown, b: unknown, c?: unknown, d?: unknown) => this.doJoin('leftJoin', other, b, c, d)) as KStream<K, V>['leftJoin']

  readonly outerJoin = ((other: unknown, b: unknown, c: unknown, d?: unknown) => this.doJoin('outerJoin', other, b, c, d)) as KStream<K, V>['outerJoin']

  private doJoin(type: 'join' | 'leftJoin' | 'outerJoin', other: unknown, b: unknown, c: unknown, d: unknown): KStream<K, unknown> {
    const kind = (other as { dslKind?: DslKind } | null)?.dslKind
    if (kind === 'kstream') {
      if (!(c instanceof JoinWindows)) throw new DslArgumentError('windows', "windows can't be null")
      const joined = StreamJoined.from((d ?? {}) as StreamJoinedOptions<K, V, unknown>)
      return joinStreams(this, other as KStreamImpl<K, unknown>, requireArgument(b, 'joiner') as ValueJoiner<unknown, unknown, never, K>, c, joined, type) as unknown as KStream<K, unknown>
    }
    if (type === 'outerJoin') throw new DslArgumentError('otherStream', 'outerJoin needs another KStream')
    if (kind === 'ktable') {
      const joined = Joined.from((c ?? {}) as JoinedOptions<K, V, unknown>)
      return joinStreamWithTable<K, V, unknown, unknown>(this, other as KTableImpl<K, unknown, unknown>, requireArgument(b, 'joiner') as ValueJoiner<V, unknown, unknown, K>, joined, type === 'leftJoin')
    }
    if (kind === 'globalKTable') {
      return joinStreamWithGlobalTable<K, V, unknown, unknown, unknown>(
        this,
        other as GlobalKTableImpl<unknown, unknown>,
        requireArgument(b, 'keySelector') as KeyValueMapper<K, V, unknown>,
        requireArgument(c, 'joiner') as ValueJoiner<V, unknown, unknown, K>,
        validName(d as NamedOptions | undefined),
        type === 'leftJoin',
      )
    }
    throw new DslArgumentError('other', 'join needs a KStream, KTable or GlobalKTable')
  }

  /**
   * This stream, repartitioned for a join through `<repartitionName>-repartition` when its key
   * changed (Kafka's `repartitionForJoin`). The repartition node is reused for the same name.
   */
  repartitionForJoin(repartitionName: string, keySerdeOverride: Serde<K> | undefined, valueSerdeOverride: Serde<V> | undefined): KStreamImpl<K, V> {
    const keySerde = keySerdeOverride ?? this.keySerde
    const valueSerde = valueSerdeOverride ?? this.valueSerde
    const created = createRepartitionedSource(this.builder, 'optimizable', repartitionName, keySerde as Serde<unknown>, valueSerde as Serde<unknown>, undefined)
    if (this.repartitionNode === null || this.name !== repartitionName) {
      this.repartitionNode = created
      this.builder.addGraphNode(this.graphNode, created)
    }
    return this.derive<K, V>(created.sourceName, this.repartitionNode, keySerde, valueSerde, false, new Set([created.sourceName]))
  }

  process<KOut, VOut>(supplier: ProcessorSupplier<K, V, KOut, VOut>, ...rest: (Named | string)[]): KStream<KOut, VOut> {
    const { name, stores } = this.processArgs(rest, PROCESSOR_NAME)
    checkSupplierFunction(supplier)
    const node = new StatefulProcessorNode(name, new ProcessorParameters(fromProcessorSupplier(supplier) as ProcessorParameters['supplier'], name), {
      storeNames: stores,
    })
    this.builder.addGraphNode(this.graphNode, node)
    return this.derive<KOut, VOut>(name, node, undefined, undefined, true)
  }

  processValues<VOut>(supplier: FixedKeyProcessorSupplier<K, V, VOut>, ...rest: (Named | string)[]): KStream<K, VOut> {
    const { name, stores } = this.processArgs(rest, PROCESSVALUES_NAME)
    checkSupplierFunction(supplier)
    const wrapped = fromProcessorSupplier(supplier as unknown as ProcessorSupplier<unknown, unknown, unknown, unknown>)
    const node = new StatefulProcessorNode(name, new ProcessorParameters(wrapped, name), { storeNames: stores })
    node.valueChangingOperation = true
    this.builder.addGraphNode(this.graphNode, node)
    return this.derive<K, VOut>(name, node, this.keySerde, undefined, this.repartitionRequired)
  }

  private processArgs(rest: readonly (Named | string)[], prefix: string): { name: string; stores: string[] } {
    const first = rest[0]
    if (first instanceof Named) {
      return { name: first.name, stores: rest.slice(1).map((s) => requireArgument(s, 'stateStoreNames') as string) }
    }
    return { name: this.builder.newProcessorName(prefix), stores: rest.map((s) => requireArgument(s, 'stateStoreNames') as string) }
  }
}

/** The validated user name in an options object, or undefined. */
export function validName(named: NamedOptions | undefined): string | undefined {
  const name = named?.name
  if (name !== undefined) Named.validate(name)
  return name
}

function checkSupplierFunction(supplier: unknown): void {
  if (typeof supplier !== 'function') throw new DslArgumentError('processorSupplier', "processorSupplier can't be null")
}
