import type { SourceNodeModel } from '../../../../processor-api/internal/topology-model.js'
import type { Deserializer } from '../../../../processor-api/serde/serde.js'
import type { TimestampExtractor } from '../../../../processor-api/topology-options.js'
import { MissingSerdeError } from '../../errors.js'
import { ProcessorContextImpl, type ChildNode, type ContextOwner } from './processor-context-impl.js'
import type { ProcessingState } from './processing-state.js'

/**
 * Kafka's `SourceNode`: the deserializers and timestamp extractor its partition queues use, and
 * the context through which the task forwards each record to the source's children.
 */
export class SourceNode implements ContextOwner {
  readonly name: string
  readonly children: ChildNode[] = []
  readonly childByName = new Map<string, ChildNode>()
  readonly storeNames: ReadonlySet<string> = new Set()
  readonly keyDeserializer: Deserializer<unknown>
  readonly valueDeserializer: Deserializer<unknown>
  readonly timestampExtractor: TimestampExtractor
  readonly context: ProcessorContextImpl

  constructor(
    readonly model: SourceNodeModel,
    state: ProcessingState,
  ) {
    this.name = model.name
    const keyDeserializer = model.keyDeserializer ?? state.config.defaultKeySerde?.deserializer ?? null
    const valueDeserializer = model.valueDeserializer ?? state.config.defaultValueSerde?.deserializer ?? null
    if (keyDeserializer === null || valueDeserializer === null) {
      const what = keyDeserializer === null ? 'key' : 'value'
      throw new MissingSerdeError(
        `Source ${model.name} has no ${what} deserializer and no default ${what} serde is configured: pass one in ` +
          `the source options (Consumed.with(...)) or configure defaultKeySerde/defaultValueSerde`,
        { nodeName: model.name },
      )
    }
    this.keyDeserializer = keyDeserializer
    this.valueDeserializer = valueDeserializer
    this.timestampExtractor = model.timestampExtractor ?? state.config.defaultTimestampExtractor
    this.context = new ProcessorContextImpl(state, this)
  }

  addChild(child: ChildNode): void {
    this.children.push(child)
    this.childByName.set(child.name, child)
  }

  /** True when this source reads `topic` (by name or pattern). */
  reads(topic: string): boolean {
    if (this.model.topics.includes(topic)) return true
    const p = this.model.pattern
    if (p === null) return false
    p.lastIndex = 0
    const m = p.exec(topic)
    return m !== null && m.index === 0 && m[0].length === topic.length
  }
}
