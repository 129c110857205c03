import type { KeyValue } from '../../../processor-api/key-value.js'
import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import type { KeyValueMapper } from '../../functions.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'

/** `flatMap`: forwards every pair the mapper returns, each with the input's timestamp and headers. */
export class KStreamFlatMap<K, V, KR, VR> implements DslProcessorSupplier<K, V, KR, VR> {
  constructor(private readonly mapper: KeyValueMapper<K, V, Iterable<KeyValue<KR, VR>>>) {}

  get(): Processor<K, V, KR, VR> {
    return new KStreamFlatMapProcessor(this.mapper)
  }
}

class KStreamFlatMapProcessor<K, V, KR, VR> implements Processor<K, V, KR, VR> {
  private context!: ProcessorContext<KR, VR>

  constructor(private readonly mapper: KeyValueMapper<K, V, Iterable<KeyValue<KR, VR>>>) {}

  init(context: ProcessorContext<KR, VR>): void {
    this.context = context
  }

  process(record: Record<K, V>): void {
    for (const pair of this.mapper(record.key, record.value)) {
      this.context.forward(new Record(pair.key, pair.value, record.timestamp, record.headers))
    }
  }
}
