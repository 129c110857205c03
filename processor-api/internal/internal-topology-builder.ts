/**
 * The mutable graph behind `Topology` (Kafka's `InternalTopologyBuilder`): nodes in the order they
 * were added (a topological order, since parents must exist first), stores and who uses them,
 * global stores, internal topics and co-partition groups. `Topology` validates nothing itself; the
 * DSL writes through this class directly (via `topology.internalTopologyBuilder`).
 */
import { TopologyError } from '../errors.js'
import type { FixedKeyProcessorSupplier, ProcessorSupplier } from '../processor.js'
import type { LogConfig, StateStore, StoreBuilder } from '../state-store.js'
import type { SinkOptions, SourceOptions, TopicNameExtractor } from '../topology-options.js'
import type {
  GlobalStoreDefinition,
  InternalTopicProperties,
  NodeDefinition,
  ProcessorNodeDefinition,
  SourceNodeDefinition,
  StoreDefinition,
} from './node-definitions.js'
import { QuickUnion } from './quick-union.js'
import { fullMatch } from './full-match.js'
import { alreadyRegistered, checkName, checkSupplier } from './topology-checks.js'

type AnySupplier = ProcessorSupplier<unknown, unknown, unknown, unknown>

/** Kafka's `InternalTopologyBuilder`: validates every addition and records the graph (mutable). */
export class InternalTopologyBuilder {
  private readonly nodeFactories = new Map<string, NodeDefinition>()
  private readonly stateFactories = new Map<string, StoreDefinition>()
  private readonly globalStateBuilders = new Map<string, GlobalStoreDefinition>()
  private readonly rawSourceTopicNames = new Set<string>()
  private readonly globalTopics = new Set<string>()
  private readonly sourcePatterns = new Map<string, RegExp>()
  private readonly sinkTopics = new Map<string, string>()
  private readonly internalTopicProperties = new Map<string, InternalTopicProperties>()
  private readonly copartitionSourceGroups: Set<string>[] = []
  private readonly sourceStoreTopics = new Map<string, string>()
  private readonly nodeGrouper = new QuickUnion()

  // ----- writing ---------------------------------------------------------------------------

  /** Adds a source reading `topics` (raw names) or every topic matching a pattern. */
  addSource(name: string, topics: string | readonly string[] | RegExp, options: SourceOptions = {}): void {
    checkName(name, 'Source')
    if (options === null || typeof options !== 'object') {
      throw new TopologyError(`Source ${name} cannot have a parent: a source reads topics (got ${String(options)} as options)`, {
        nodeName: name,
      })
    }
    this.checkNotAdded(name)
    let list: string[] = []
    let pattern: RegExp | null = null
    if (topics === null || topics === undefined) throw new TopologyError('You must provide at least one topic', { nodeName: name })
    if (topics instanceof RegExp) {
      pattern = topics
      for (const topic of this.rawSourceTopicNames) {
        if (fullMatch(pattern, topic)) {
          throw new TopologyError(
            `Pattern ${pattern.source} will match a topic that has already been registered by another source.`,
            { nodeName: name },
          )
        }
      }
    } else {
      list = typeof topics === 'string' ? [topics] : [...topics]
      if (list.length === 0) throw new TopologyError('You must provide at least one topic', { nodeName: name })
      for (const topic of list) {
        if (typeof topic !== 'string' || topic.length === 0) {
          throw new TopologyError(`Source ${name}: topic names must be non-empty strings`, { nodeName: name })
        }
      }
      const seen = new Set<string>()
      for (const topic of list) {
        if (seen.has(topic)) throw alreadyRegistered(name, topic)
        this.checkTopicNotRegistered(name, topic)
        seen.add(topic)
      }
      for (const topic of list) this.rawSourceTopicNames.add(topic)
    }
    const node: SourceNodeDefinition = {
      kind: 'source',
      name,
      topics: list,
      pattern,
      keyDeserializer: options.keyDeserializer ?? options.keySerde?.deserializer ?? null,
      valueDeserializer: options.valueDeserializer ?? options.valueSerde?.deserializer ?? null,
      timestampExtractor: options.timestampExtractor ?? null,
      offsetReset: options.offsetReset ?? null,
    }
    this.nodeFactories.set(name, node)
    if (pattern) this.sourcePatterns.set(name, pattern)
    this.nodeGrouper.add(name)
  }

  /** Adds a processor; its supplier's `stores` are added and connected too (ConnectedStoreProvider). */
  addProcessor(name: string, supplier: AnySupplier, parentNames: readonly string[]): void {
    checkName(name, 'Processor')
    if (typeof supplier !== 'function') throw new TopologyError(`Processor ${name}: supplier must be a function`, { nodeName: name })
    checkSupplier(name, supplier)
    this.checkNotAdded(name)
    this.checkParents(name, parentNames, 'Processor')
    const node: ProcessorNodeDefinition = { kind: 'processor', name, predecessors: [...parentNames], supplier, stores: new Set() }
    this.nodeFactories.set(name, node)
    this.nodeGrouper.add(name)
    this.nodeGrouper.unite(name, parentNames)
    const stores = supplier.stores?.()
    if (stores) for (const builder of stores) this.addStateStore(builder, [name])
  }

  /**
   * Adds a processor that never changes keys. The engine runs it like any processor: a
   * `FixedKeyProcessor` has the same shape, and records it forwards are plain records.
   */
  addFixedKeyProcessor(name: string, supplier: FixedKeyProcessorSupplier<unknown, unknown, unknown>, parentNames: readonly string[]): void {
    this.addProcessor(name, supplier as unknown as AnySupplier, parentNames)
  }

  /** Adds a sink writing to a raw topic name (decorated later if internal) or an extractor's pick. */
  addSink(
    name: string,
    topic: string | TopicNameExtractor<unknown, unknown>,
    options: SinkOptions,
    parentNames: readonly string[],
  ): void {
    checkName(name, 'Sink')
    if (typeof topic === 'string') {
      if (topic.length === 0) throw new TopologyError(`Sink ${name}: topic must be a non-empty string`, { nodeName: name })
    } else if (typeof topic !== 'function') {
      throw new TopologyError(`Sink ${name}: topic must be a string or a TopicNameExtractor`, { nodeName: name })
    }
    this.checkNotAdded(name)
    if (parentNames.length === 0) throw new TopologyError(`Sink ${name} must have at least one parent`, { nodeName: name })
    this.checkParents(name, parentNames, 'Sink')
    this.nodeFactories.set(name, {
      kind: 'sink',
      name,
      predecessors: [...parentNames],
      topic,
      keySerializer: options.keySerializer ?? options.keySerde?.serializer ?? null,
      valueSerializer: options.valueSerializer ?? options.valueSerde?.serializer ?? null,
      partitioner: options.partitioner ?? null,
    })
    if (typeof topic === 'string') this.sinkTopics.set(name, topic)
    this.nodeGrouper.add(name)
    this.nodeGrouper.unite(name, parentNames)
  }

  /**
   * Adds a store and connects it to `processorNames`. Adding the same builder instance again only
   * connects more processors; a different builder under a used name is an error unless
   * `allowOverride` (used by DSL optimisations) is set.
   */
  addStateStore(builder: StoreBuilder<StateStore>, processorNames: readonly string[], options: { allowOverride?: boolean } = {}): void {
    if (builder === null || typeof builder !== 'object' || typeof builder.name !== 'string' || builder.name.length === 0) {
      throw new TopologyError('addStateStore: a StoreBuilder with a non-empty name is required')
    }
    const name = builder.name
    const existing = this.stateFactories.get(name)
    if (existing && existing.builder !== builder && !options.allowOverride) {
      throw new TopologyError(`A different StateStore has already been added with the name ${name}`, { nodeName: name })
    }
    if (this.globalStateBuilders.has(name)) {
      throw new TopologyError(`A different GlobalStateStore has already been added with the name ${name}`, { nodeName: name })
    }
    if (existing && existing.builder !== builder) {
      this.stateFactories.set(name, { builder, users: existing.users, changelogConfig: existing.changelogConfig })
    } else if (!existing) {
      this.stateFactories.set(name, { builder, users: [], changelogConfig: null })
    }
    for (const processorName of processorNames) this.connectProcessorAndStateStore(processorName, name)
  }

  /** Connects existing stores to an existing processor. */
  connectProcessorAndStateStores(processorName: string, storeNames: readonly string[]): void {
    if (storeNames.length === 0) {
      throw new TopologyError('Must provide at least one state store name.', { nodeName: processorName })
    }
    for (const storeName of storeNames) this.connectProcessorAndStateStore(processorName, storeName)
  }

  /**
   * Adds a global store with the source and processor that keep it up to date. As in Kafka, the
   * builder must have logging disabled: the topic itself is the store's changelog.
   */
  addGlobalStore(
    builder: StoreBuilder<StateStore>,
    sourceName: string,
    topic: string,
    options: SourceOptions,
    processorName: string,
    stateUpdateSupplier: AnySupplier,
  ): void {
    checkName(sourceName, 'Source')
    checkName(processorName, 'Processor')
    if (typeof topic !== 'string' || topic.length === 0) {
      throw new TopologyError(`Global store source ${sourceName}: topic must be a non-empty string`, { nodeName: sourceName })
    }
    if (typeof stateUpdateSupplier !== 'function') {
      throw new TopologyError(`Processor ${processorName}: supplier must be a function`, { nodeName: processorName })
    }
    checkSupplier(processorName, stateUpdateSupplier)
    this.checkNotAdded(sourceName)
    this.checkNotAdded(processorName)
    const storeName = builder.name
    if (this.stateFactories.has(storeName)) {
      throw new TopologyError(`A different StateStore has already been added with the name ${storeName}`, { nodeName: storeName })
    }
    if (this.globalStateBuilders.has(storeName)) {
      throw new TopologyError(`A different GlobalStateStore has already been added with the name ${storeName}`, { nodeName: storeName })
    }
    if (builder.loggingEnabled) {
      throw new TopologyError(`StateStore ${storeName} for global table must not have logging enabled.`, { nodeName: storeName })
    }
    if (sourceName === processorName) {
      throw new TopologyError('sourceName and processorName must be different.', { nodeName: sourceName })
    }
    this.checkTopicNotRegistered(sourceName, topic)
    if (this.sourceStoreTopics.has(storeName)) throw new TopologyError(`Source store ${storeName} is already added.`, { nodeName: storeName })

    this.globalTopics.add(topic)
    this.nodeFactories.set(sourceName, {
      kind: 'source',
      name: sourceName,
      topics: [topic],
      pattern: null,
      keyDeserializer: options.keyDeserializer ?? options.keySerde?.deserializer ?? null,
      valueDeserializer: options.valueDeserializer ?? options.valueSerde?.deserializer ?? null,
      timestampExtractor: options.timestampExtractor ?? null,
      offsetReset: options.offsetReset ?? null,
    })
    this.nodeGrouper.add(sourceName)
    this.nodeFactories.set(processorName, {
      kind: 'processor',
      name: processorName,
      predecessors: [sourceName],
      supplier: stateUpdateSupplier,
      stores: new Set([storeName]),
    })
    this.nodeGrouper.add(processorName)
    this.nodeGrouper.unite(processorName, [sourceName])
    this.globalStateBuilders.set(storeName, { builder, sourceName, processorName, topic })
    this.sourceStoreTopics.set(storeName, topic)
  }

  /**
   * Declares that `storeName` restores from `topic` (a raw source topic) instead of its own
   * changelog: Kafka's source-topic KTable optimisation and read-only stores.
   */
  connectSourceStoreAndTopic(storeName: string, topic: string): void {
    if (this.sourceStoreTopics.has(storeName)) throw new TopologyError(`Source store ${storeName} is already added.`, { nodeName: storeName })
    this.sourceStoreTopics.set(storeName, topic)
  }

  /** Marks `name` as an internal (repartition) topic; its final name is `<applicationId>-<name>`. */
  addInternalTopic(name: string, properties: { partitions?: number; config?: { readonly [key: string]: string } } = {}): void {
    if (typeof name !== 'string' || name.length === 0) throw new TopologyError('Internal topic name must be a non-empty string')
    const partitions = properties.partitions ?? null
    if (partitions !== null && (!Number.isInteger(partitions) || partitions < 1)) {
      throw new TopologyError(`Internal topic ${name}: partitions must be a positive integer, got ${partitions}`)
    }
    this.internalTopicProperties.set(name, { partitions, config: { ...(properties.config ?? {}) } })
  }

  /** Records that the topics read by these sources must be co-partitioned (joins). */
  copartitionSources(sourceNames: readonly string[]): void {
    this.copartitionSourceGroups.push(new Set(sourceNames))
  }

  /** Replaces a source in every co-partition group (after a DSL optimisation merged sources). */
  maybeUpdateCopartitionSourceGroups(replacedNodeName: string, optimizedNodeName: string): void {
    for (const group of this.copartitionSourceGroups) {
      if (group.delete(replacedNodeName)) group.add(optimizedNodeName)
    }
  }

  /** Sets the changelog topic config of a store (merged over its builder's `logConfig`). */
  setStoreChangelogConfig(storeName: string, config: LogConfig): void {
    const store = this.stateFactories.get(storeName)
    if (!store) throw new TopologyError(`StateStore ${storeName} is not added yet.`, { nodeName: storeName })
    store.changelogConfig = { ...(store.changelogConfig ?? {}), ...config }
  }

  // ----- reading ---------------------------------------------------------------------------

  /** Nodes in the order they were added. */
  get nodes(): ReadonlyMap<string, NodeDefinition> {
    return this.nodeFactories
  }
  /** Non-global stores by name, in the order they were added. */
  get stores(): ReadonlyMap<string, StoreDefinition> {
    return this.stateFactories
  }
  /** Global stores by store name, in the order they were added. */
  get globalStores(): ReadonlyMap<string, GlobalStoreDefinition> {
    return this.globalStateBuilders
  }
  /** Internal topics by raw name. */
  get internalTopics(): ReadonlyMap<string, InternalTopicProperties> {
    return this.internalTopicProperties
  }
  /** Co-partition groups of source node names. */
  get copartitionGroups(): ReadonlyArray<ReadonlySet<string>> {
    return this.copartitionSourceGroups
  }
  /** Stores restored from a source topic (raw name) instead of their own changelog. */
  get sourceStoreChangelogTopics(): ReadonlyMap<string, string> {
    return this.sourceStoreTopics
  }

  /** True when a source, processor or sink of this name exists. */
  hasNode(name: string): boolean {
    return this.nodeFactories.has(name)
  }
  /** True when a store (global or not) of this name exists. */
  hasStore(name: string): boolean {
    return this.stateFactories.has(name) || this.globalStateBuilders.has(name)
  }
  /** True when `topic` (raw name) was registered with `addInternalTopic`. */
  isInternalTopic(topic: string): boolean {
    return this.internalTopicProperties.has(topic)
  }
  /** True for the source node of a global store. */
  isGlobalSource(name: string): boolean {
    const node = this.nodeFactories.get(name)
    return node?.kind === 'source' && node.topics.length === 1 && this.globalTopics.has(node.topics[0]!)
  }

  /**
   * Kafka's node groups: nodes joined by parent links or shared stores, numbered in the order
   * their first node was added. Global store pairs are groups too (and take an id).
   */
  nodeGroups(): Map<number, string[]> {
    return this.nodeGrouper.groups(this.nodeFactories.keys())
  }

  // ----- checks ----------------------------------------------------------------------------

  private checkNotAdded(name: string): void {
    if (this.nodeFactories.has(name)) throw new TopologyError(`Processor ${name} is already added.`, { nodeName: name })
  }

  private checkParents(name: string, parentNames: readonly string[], what: string): void {
    if (parentNames.length === 0) throw new TopologyError(`${what} ${name} must have at least one parent`, { nodeName: name })
    const seen = new Set<string>()
    for (const parent of parentNames) {
      if (typeof parent !== 'string') throw new TopologyError(`${what} ${name}: parent names must be strings`, { nodeName: name })
      if (parent === name) throw new TopologyError(`Processor ${name} cannot be a predecessor of itself.`, { nodeName: name })
      if (!this.nodeFactories.has(parent)) {
        // Kafka's wording differs between addSink and addProcessor.
        const message = what === 'Sink' ? `Predecessor processor ${parent} is not added yet.` : `Predecessor processor ${parent} is not added yet for ${name}`
        throw new TopologyError(message, { nodeName: name })
      }
      if (this.sinkTopics.has(parent) || this.nodeFactories.get(parent)!.kind === 'sink') {
        throw new TopologyError(`Sink ${parent} cannot be used a parent.`, { nodeName: name })
      }
      if (this.isGlobalNode(parent)) {
        throw new TopologyError(`${what} ${name}: ${parent} belongs to a global store and cannot be a parent.`, { nodeName: name })
      }
      if (seen.has(parent)) throw new TopologyError(`${what} ${name} lists parent ${parent} twice.`, { nodeName: name })
      seen.add(parent)
    }
  }

  private isGlobalNode(name: string): boolean {
    for (const g of this.globalStateBuilders.values()) if (g.sourceName === name || g.processorName === name) return true
    return false
  }

  private checkTopicNotRegistered(nodeName: string, topic: string): void {
    if (this.rawSourceTopicNames.has(topic) || this.globalTopics.has(topic)) throw alreadyRegistered(nodeName, topic)
    for (const pattern of this.sourcePatterns.values()) {
      if (fullMatch(pattern, topic)) {
        throw new TopologyError(`Topic ${topic} matches a Pattern already registered by another source.`, { nodeName })
      }
    }
  }

  private connectProcessorAndStateStore(processorName: string, storeName: string): void {
    if (this.globalStateBuilders.has(storeName)) {
      throw new TopologyError(
        `Global StateStore ${storeName} can be used by a Processor without being specified; it should not be explicitly passed.`,
        { nodeName: storeName },
      )
    }
    const store = this.stateFactories.get(storeName)
    if (!store) throw new TopologyError(`StateStore ${storeName} is not added yet.`, { nodeName: storeName })
    const node = this.nodeFactories.get(processorName)
    if (!node) throw new TopologyError(`Processor ${processorName} is not added yet.`, { nodeName: processorName })
    if (node.kind !== 'processor') {
      throw new TopologyError(`cannot connect a state store ${storeName} to a source node or a sink node.`, { nodeName: processorName })
    }
    const firstUser = store.users[0]
    if (firstUser !== undefined) this.nodeGrouper.unite(firstUser, [processorName])
    if (!store.users.includes(processorName)) store.users.push(processorName)
    node.stores.add(storeName)
  }
}
