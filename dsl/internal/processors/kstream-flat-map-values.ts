import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Record } from '../../../processor-api/record.js'
import type { ValueMapper } from '../../functions.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'

/** `flatMapValues`: forwards one record per returned value, with the input's key, timestamp and headers. */
export class KStreamFlatMapValues<K, V, VR> implements DslProcessorSupplier<K, V, K, VR> {
  constructor(private readonly mapper: ValueMapper<V, Iterable<VR>, K>) {}

  get(): Processor<K, V, K, VR> {
    return new KStreamFlatMapValuesProcessor(this.mapper)
  }
}

class KStreamFlatMapValuesProcessor<K, V, VR> implements Processor<K, V, K, VR> {
  private context!: ProcessorContext<K, VR>

  constructor(private readonly mapper: ValueMapper<V, Iterable<VR>, K>) {}

  init(context: ProcessorContext<K, VR>): void {
    this.context = context
  }

  process(record: Record<K, V>): void {
    for (const value of this.mapper(record.value, record.key)) this.context.forward(record.withValue(value))
  }
}
