import type { KeyValue } from '../../processor-api/key-value.js'
import type { Change } from '../../state-stores/cached-state-store.js'
import { DslArgumentError, requireArgument } from '../errors.js'
import type { KeyValueMapper, Predicate, ValueJoiner, ValueMapper } from '../functions.js'
import type { KGroupedTable } from '../kgrouped-table.js'
import type { KStream } from '../kstream.js'
import type { ForeignKeyJoinOptions, KTable, TableOperationOptions } from '../ktable.js'
import { Grouped, type GroupedOptions } from '../options/grouped.js'
import { Materialized, type MaterializedOptions } from '../options/materialized.js'
import { Named, type NamedOptions } from '../options/named.js'
import type { Suppressed } from '../options/suppressed.js'
import { AbstractStream, type StreamState } from './abstract-stream.js'
import type { GraphNode } from './graph/graph-node.js'
import { ProcessorGraphNode } from './graph/processor-graph-node.js'
import { ProcessorParameters, type DslProcessorSupplier } from './graph/processor-parameters.js'
import { TableProcessorNode } from './graph/table-processor-node.js'
import type { KTableValueGetterSupplier, KTableViewProvider } from './ktable-value-getter.js'
import { MaterializedInternal } from './materialized-internal.js'
import { orElseGenerateWithPrefix } from './name-provider.js'
import { KStreamMapValues } from './processors/kstream-map-values.js'
import { KTableFilter } from './processors/ktable-filter.js'
import { KTableMapValues } from './processors/ktable-map-values.js'
import { KTableRepartitionMap } from './processors/ktable-repartition-map.js'
import { keyValueStoreFactory } from './stores/materializers.js'
import { joinTables } from './ktable-ktable-join-builder.js'
import { joinTablesOnForeignKey } from './foreign-key-join-builder.js'
import { suppressTable } from './suppress-builder.js'
import type { DslKind } from './kstream-impl.js'

const FILTER_NAME = 'KTABLE-FILTER-'
const MAPVALUES_NAME = 'KTABLE-MAPVALUES-'
const SELECT_NAME = 'KTABLE-SELECT-'
const TOSTREAM_NAME = 'KTABLE-TOSTREAM-'

/** The state of a KTable: the common state, its processor supplier and queryable store name. */
export interface KTableState<K, V> extends StreamState<K, V> {
  readonly queryableStoreName: string | null
  /** The supplier of the processor producing this table (null for tables no one can query). */
  readonly processorSupplier: KTableViewProvider<K, V> | null
}

/**
 * The KTable implementation (Kafka's `KTableImpl<K, S, V>`; `S` is the upstream's value type and
 * only documents where the table came from).
 */
export class KTableImpl<K, S, V> extends AbstractStream<K, V> implements KTable<K, V>, KTableViewProvider<K, V> {
  readonly dslKind: DslKind = 'ktable'
  readonly processorSupplier: KTableViewProvider<K, V> | null
  private readonly queryableName: string | null
  private sendOldValues = false
  /** Phantom: the upstream value type. */
  declare readonly upstreamValueType?: S

  constructor(state: KTableState<K, V>) {
    super(state)
    this.processorSupplier = state.processorSupplier
    this.queryableName = state.queryableStoreName
  }

  queryableStoreName(): string | null {
    return this.queryableName
  }

  filter(predicate: Predicate<K, V>, options?: TableOperationOptions<K, V> | Materialized<K, V>): KTable<K, V> {
    return this.doFilter(requireArgument(predicate, 'predicate'), options, false)
  }

  filterNot(predicate: Predicate<K, V>, options?: TableOperationOptions<K, V> | Materialized<K, V>): KTable<K, V> {
    return this.doFilter(requireArgument(predicate, 'predicate'), options, true)
  }

  private doFilter(predicate: Predicate<K, V>, options: TableOperationOptions<K, V> | Materialized<K, V> | undefined, filterNot: boolean): KTable<K, V> {
    const { name: userName, materialized } = tableOptions(options)
    let keySerde = this.keySerde
    let valueSerde = this.valueSerde
    let queryableStoreName: string | null = null
    let storeFactory = null
    if (materialized !== undefined) {
      const m = new MaterializedInternal<K, V>(materialized, null, FILTER_NAME)
      if (!m.queryable) this.builder.newStoreName(FILTER_NAME)
      keySerde = m.keySerde ?? this.keySerde
      valueSerde = m.valueSerde ?? this.valueSerde
      m.withDefaultSerdes(keySerde, valueSerde)
      queryableStoreName = m.queryableStoreName()
      storeFactory = queryableStoreName !== null ? keyValueStoreFactory(m) : null
    }
    const name = orElseGenerateWithPrefix(userName, this.builder, FILTER_NAME)
    const supplier = new KTableFilter<K, V>(this, predicate, filterNot, queryableStoreName)
    const node = new TableProcessorNode(name, new ProcessorParameters(supplier as unknown as DslProcessorSupplier, name), storeFactory)
    this.builder.addGraphNode(this.graphNode, node)
    return this.builder.create.ktable<K, V, V>(name, keySerde, valueSerde, this.subTopologySourceNodes, queryableStoreName, supplier, node, this.builder)
  }

  mapValues<VR>(mapper: ValueMapper<V, VR, K>, options?: TableOperationOptions<K, VR> | Materialized<K, VR>): KTable<K, VR> {
    requireArgument(mapper, 'mapper')
    const { name: userName, materialized } = tableOptions(options)
    let keySerde = this.keySerde
    let valueSerde = undefined
    let queryableStoreName: string | null = null
    let storeFactory = null
    if (materialized !== undefined) {
      const m = new MaterializedInternal<K, VR>(materialized, null, MAPVALUES_NAME)
      if (!m.queryable) this.builder.newStoreName(MAPVALUES_NAME)
      keySerde = m.keySerde ?? this.keySerde
      valueSerde = m.valueSerde
      m.withDefaultSerdes(keySerde, undefined)
      queryableStoreName = m.queryableStoreName()
      storeFactory = queryableStoreName !== null ? keyValueStoreFactory(m) : null
    }
    const name = orElseGenerateWithPrefix(userName, this.builder, MAPVALUES_NAME)
    const supplier = new KTableMapValues<K, V, VR>(this, mapper, queryableStoreName)
    const node = new TableProcessorNode(name, new ProcessorParameters(supplier as unknown as DslProcessorSupplier, name), storeFactory)
    this.builder.addGraphNode(this.graphNode, node)
    return this.builder.create.ktable<K, V, VR>(name, keySerde, valueSerde, this.subTopologySourceNodes, queryableStoreName, supplier, node, this.builder)
  }

  toStream<KR>(mapper: KeyValueMapper<K, V | null, KR>, named?: NamedOptions): KStream<KR, V | null>
  toStream(named?: NamedOptions): KStream<K, V | null>
  toStream<KR>(mapperOrNamed?: KeyValueMapper<K, V | null, KR> | NamedOptions, named?: NamedOptions): KStream<K, V | null> | KStream<KR, V | null> {
    if (typeof mapperOrNamed === 'function') return this.toStream(named).selectKey(mapperOrNamed as KeyValueMapper<K, V | null, KR>)
    const userName = mapperOrNamed?.name
    if (userName !== undefined) Named.validate(userName)
    const name = orElseGenerateWithPrefix(userName, this.builder, TOSTREAM_NAME)
    const supplier = new KStreamMapValues<K, Change<V>, V | null>((change) => change.newValue)
    const node = new ProcessorGraphNode(name, new ProcessorParameters(supplier as unknown as DslProcessorSupplier, name))
    this.builder.addGraphNode(this.graphNode, node)
    return this.builder.create.kstream<K, V | null>(name, this.keySerde, this.valueSerde, this.subTopologySourceNodes, false, node, this.builder)
  }

  suppress(suppressed: Suppressed<K>): KTable<K, V> {
    return suppressTable(this, requireArgument(suppressed, 'suppressed'))
  }

  groupBy<KR, VR>(selector: KeyValueMapper<K, V, KeyValue<KR, VR>>, grouped: GroupedOptions<KR, VR> = {}): KGroupedTable<KR, VR> {
    requireArgument(selector, 'selector')
    const g = Grouped.from(grouped)
    const selectName = orElseGenerateWithPrefix(g.name, this.builder, SELECT_NAME)
    const supplier = new KTableRepartitionMap<K, V, KR, VR>(this, selector)
    const node = new ProcessorGraphNode(selectName, new ProcessorParameters(supplier as unknown as DslProcessorSupplier, selectName))
    this.builder.addGraphNode(this.graphNode, node)
    this.enableSendingOldValues(true)
    return this.builder.create.kgroupedTable<KR, VR>(selectName, this.subTopologySourceNodes, g, node, this.builder)
  }

  readonly join = ((other: KTable<unknown, unknown>, b: unknown, c?: unknown, d?: unknown) => this.doJoin(other, b, c, d, false, false)) as unknown as KTable<K, V>['join']

  readonly leftJoin = ((other: KTable<unknown, unknown>, b: unknown, c?: unknown, d?: unknown) => this.doJoin(other, b, c, d, true, false)) as unknown as KTable<K, V>['leftJoin']

  outerJoin<VO, VR>(
    other: KTable<K, VO>,
    joiner: ValueJoiner<V | null, VO | null, VR, K>,
    options?: TableOperationOptions<K, VR> | Materialized<K, VR>,
  ): KTable<K, VR> {
    return this.doJoin(other as unknown as KTable<unknown, unknown>, joiner, options, undefined, true, true) as unknown as KTable<K, VR>
  }

  private doJoin(other: KTable<unknown, unknown>, b: unknown, c: unknown, d: unknown, leftOuter: boolean, rightOuter: boolean): KTable<K, never> {
    requireArgument(other, 'other')
    const otherImpl = other as unknown as KTableImpl<unknown, unknown, unknown>
    if (otherImpl.dslKind !== 'ktable') throw new DslArgumentError('other', 'a table can only be joined with another KTable')
    if (typeof c === 'function') {
      // Foreign-key join: (other, foreignKeyExtractor, joiner, options)
      const fk = requireArgument(b, 'foreignKeyExtractor') as (value: V) => unknown
      const opts = (d instanceof Materialized ? { materialized: d } : (d ?? {})) as ForeignKeyJoinOptions<K, unknown, never>
      return joinTablesOnForeignKey(this, otherImpl, fk, c as ValueJoiner<V, unknown, never, K>, opts, leftOuter) as KTable<K, never>
    }
    const joiner = requireArgument(b, 'joiner') as ValueJoiner<V | null, unknown, never, K>
    const { name, materialized } = tableOptions(c as TableOperationOptions<K, never> | Materialized<K, never> | undefined)
    return joinTables(this, otherImpl as KTableImpl<K, unknown, unknown>, joiner, name, materialized, leftOuter, rightOuter) as KTable<K, never>
  }

  /** The table's value getter (materializing a source table when needed). */
  valueGetterSupplier(): KTableValueGetterSupplier<K, V> {
    if (this.processorSupplier === null) throw new DslArgumentError('table', `KTable ${this.name} cannot be read by a join`)
    return this.processorSupplier.view()
  }

  view(): KTableValueGetterSupplier<K, V> {
    return this.valueGetterSupplier()
  }

  /** Asks the table's processor to forward old values; false when it cannot without materializing. */
  enableSendingOldValues(forceMaterialization: boolean): boolean {
    if (!this.sendOldValues) {
      if (this.processorSupplier !== null && !this.processorSupplier.enableSendingOldValues(forceMaterialization)) return false
      this.sendOldValues = true
    }
    return true
  }

  sendingOldValueEnabled(): boolean {
    return this.sendOldValues
  }

  /** The graph node producing this table. */
  get node(): GraphNode {
    return this.graphNode
  }
}

/** Splits a KTable operation's options into the user name and the Materialized (if any). */
export function tableOptions<K, V>(
  options: TableOperationOptions<K, V> | Materialized<K, V> | undefined,
): { name: string | undefined; materialized: Materialized<K, V> | undefined } {
  if (options === undefined) return { name: undefined, materialized: undefined }
  if (options instanceof Materialized) return { name: undefined, materialized: options }
  if (options.name !== undefined) Named.validate(options.name)
  const m = options.materialized
  return { name: options.name, materialized: m === undefined ? undefined : Materialized.from<K, V>(m as string | MaterializedOptions<K, V>) }
}
