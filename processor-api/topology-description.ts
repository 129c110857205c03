import type { TopicNameExtractor } from './topology-options.js'

/** Any node of a described topology. Links are complete once `describe()` returns. */
export type TopologyNodeDescription = SourceNodeDescription | ProcessorNodeDescription | SinkNodeDescription

/** Java's `nodeNames`: comma-separated names, or `none`. */
function nodeNames(nodes: readonly TopologyNodeDescription[]): string {
  return nodes.length === 0 ? 'none' : nodes.map((n) => n.name).join(', ')
}

/** A source node (Kafka's `TopologyDescription.Source`). */
export class SourceNodeDescription {
  readonly type = 'source' as const
  /**
   * @param topicSet the topics read, in Kafka's (hash-set) order; null for a pattern source.
   * @param topicPattern the subscription pattern; null for a topic-list source.
   * @param predecessors always empty.
   * @param successors the children, in Kafka's order.
   */
  constructor(
    readonly name: string,
    readonly topicSet: readonly string[] | null,
    readonly topicPattern: RegExp | null,
    readonly predecessors: readonly TopologyNodeDescription[],
    readonly successors: readonly TopologyNodeDescription[],
  ) {}

  /** Kafka's text: `Source: name (topics: [a, b])` and the `-->` line. */
  toString(): string {
    const topics = this.topicSet !== null ? `[${this.topicSet.join(', ')}]` : (this.topicPattern?.source ?? '')
    return `Source: ${this.name} (topics: ${topics})\n      --> ${nodeNames(this.successors)}`
  }
}

/** A processor node and the stores it is connected to (Kafka's `TopologyDescription.Processor`). */
export class ProcessorNodeDescription {
  readonly type = 'processor' as const
  constructor(
    readonly name: string,
    /** Connected store names, in Kafka's (hash-set) order. */
    readonly stores: readonly string[],
    readonly predecessors: readonly TopologyNodeDescription[],
    readonly successors: readonly TopologyNodeDescription[],
  ) {}

  /** Kafka's text: `Processor: name (stores: [s])` and the `-->` / `<--` lines. */
  toString(): string {
    return (
      `Processor: ${this.name} (stores: [${this.stores.join(', ')}])\n      --> ${nodeNames(this.successors)}` +
      `\n      <-- ${nodeNames(this.predecessors)}`
    )
  }
}

/** A sink node (Kafka's `TopologyDescription.Sink`). */
export class SinkNodeDescription {
  readonly type = 'sink' as const
  constructor(
    readonly name: string,
    /** The topic as given to `addSink` (internal topics undecorated); null with an extractor. */
    readonly topic: string | null,
    /** The extractor choosing the topic per record; null for a fixed topic. */
    readonly topicNameExtractor: TopicNameExtractor<unknown, unknown> | null,
    readonly predecessors: readonly TopologyNodeDescription[],
    readonly successors: readonly TopologyNodeDescription[],
  ) {}

  /**
   * Kafka's text: `Sink: name (topic: t)`, or `(extractor class: x)` where x is the extractor's
   * own `toString()` when it defines one, else its function name (or `anonymous`).
   */
  toString(): string {
    if (this.topic !== null) return `Sink: ${this.name} (topic: ${this.topic})\n      <-- ${nodeNames(this.predecessors)}`
    return `Sink: ${this.name} (extractor class: ${extractorLabel(this.topicNameExtractor)})\n      <-- ${nodeNames(this.predecessors)}`
  }
}

function extractorLabel(extractor: TopicNameExtractor<unknown, unknown> | null): string {
  if (extractor === null) return 'null'
  if (extractor.toString !== Function.prototype.toString) return String(extractor)
  return extractor.name.length > 0 ? extractor.name : 'anonymous'
}

/** One sub-topology: the unit of tasks (Kafka's `TopologyDescription.Subtopology`). */
export class SubtopologyDescription {
  constructor(
    readonly id: number,
    /** Nodes in Kafka's order: larger sub-trees first, then by name. */
    readonly nodes: readonly TopologyNodeDescription[],
  ) {}

  /** Kafka's text: `Sub-topology: id`, one indented block per node, then a blank line. */
  toString(): string {
    let out = `Sub-topology: ${this.id}\n`
    for (const node of this.nodes) out += `    ${node.toString()}\n`
    return `${out}\n`
  }
}

/** A global store with its source and processor (Kafka's `TopologyDescription.GlobalStore`). */
export class GlobalStoreDescription {
  constructor(
    readonly id: number,
    readonly source: SourceNodeDescription,
    readonly processor: ProcessorNodeDescription,
  ) {}

  /** Kafka's text: `Sub-topology: id for global store (will not generate tasks)` and the two nodes. */
  toString(): string {
    return `Sub-topology: ${this.id} for global store (will not generate tasks)\n    ${this.source.toString()}\n    ${this.processor.toString()}\n`
  }
}

/**
 * A snapshot of a topology's structure (Kafka's `TopologyDescription`), from `Topology.describe()`.
 * Immutable; `toString()` is Kafka's text byte for byte.
 */
export class TopologyDescription {
  /** Sorted by id. */
  readonly subtopologies: readonly SubtopologyDescription[]
  /** Sorted by id. */
  readonly globalStores: readonly GlobalStoreDescription[]

  constructor(subtopologies: readonly SubtopologyDescription[], globalStores: readonly GlobalStoreDescription[]) {
    this.subtopologies = [...subtopologies].sort((a, b) => a.id - b.id)
    this.globalStores = [...globalStores].sort((a, b) => a.id - b.id)
  }

  /**
   * Kafka's text: `Topologies:` then every sub-topology and global store, in id order
   * (an empty topology prints `Topologies:\n `).
   */
  toString(): string {
    let out = 'Topologies:\n '
    let s = 0
    let g = 0
    let expectedId = 0
    // Kafka interleaves the two id-sorted lists by expecting ids 0, 1, 2, ...
    while (s < this.subtopologies.length && g < this.globalStores.length) {
      const sub = this.subtopologies[s]!
      if (sub.id === expectedId) {
        out += `  ${sub.toString()}`
        s++
      } else {
        out += `  ${this.globalStores[g]!.toString()}`
        g++
      }
      expectedId++
    }
    for (; s < this.subtopologies.length; s++) out += `  ${this.subtopologies[s]!.toString()}`
    for (; g < this.globalStores.length; g++) out += `  ${this.globalStores[g]!.toString()}`
    return out
  }
}
