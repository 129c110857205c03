import type { KeyValue } from '../../../processor-api/key-value.js'
import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import type { KeyValueMapper } from '../../functions.js'
import { DslArgumentError } from '../../errors.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'

/** `map`/`selectKey`: forwards the pair the mapper returns, with the record's timestamp and headers. */
export class KStreamMap<K, V, KR, VR> implements DslProcessorSupplier<K, V, KR, VR> {
  constructor(private readonly mapper: KeyValueMapper<K, V, KeyValue<KR, VR>>) {}

  get(): Processor<K, V, KR, VR> {
    return new KStreamMapProcessor(this.mapper)
  }
}

class KStreamMapProcessor<K, V, KR, VR> implements Processor<K, V, KR, VR> {
  private context!: ProcessorContext<KR, VR>

  constructor(private readonly mapper: KeyValueMapper<K, V, KeyValue<KR, VR>>) {}

  init(context: ProcessorContext<KR, VR>): void {
    this.context = context
  }

  process(record: Record<K, V>): void {
    const pair = this.mapper(record.key, record.value)
    if (pair === null || pair === undefined) throw new DslArgumentError('mapper', "The provided KeyValueMapper returned null which is not allowed.")
    this.context.forward(new Record(pair.key, pair.value, record.timestamp, record.headers))
  }
}
