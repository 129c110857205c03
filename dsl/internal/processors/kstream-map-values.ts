import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Record } from '../../../processor-api/record.js'
import type { ValueMapper } from '../../functions.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'

/** `mapValues`: forwards the record with the mapped value; key, timestamp and headers kept. */
export class KStreamMapValues<K, V, VR> implements DslProcessorSupplier<K, V, K, VR> {
  constructor(private readonly mapper: ValueMapper<V, VR, K>) {}

  get(): Processor<K, V, K, VR> {
    return new KStreamMapValuesProcessor(this.mapper)
  }
}

class KStreamMapValuesProcessor<K, V, VR> implements Processor<K, V, K, VR> {
  private context!: ProcessorContext<K, VR>

  constructor(private readonly mapper: ValueMapper<V, VR, K>) {}

  init(context: ProcessorContext<K, VR>): void {
    this.context = context
  }

  process(record: Record<K, V>): void {
    this.context.forward(record.withValue(this.mapper(record.value, record.key)))
  }
}
