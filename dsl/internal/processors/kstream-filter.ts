import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Record } from '../../../processor-api/record.js'
import type { Predicate } from '../../functions.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'

/** `filter`/`filterNot`: forwards records whose predicate result differs from `filterNot`. */
export class KStreamFilter<K, V> implements DslProcessorSupplier<K, V, K, V> {
  constructor(
    private readonly predicate: Predicate<K, V>,
    private readonly filterNot: boolean,
  ) {}

  get(): Processor<K, V, K, V> {
    return new KStreamFilterProcessor(this.predicate, this.filterNot)
  }
}

class KStreamFilterProcessor<K, V> implements Processor<K, V, K, V> {
  private context!: ProcessorContext<K, V>

  constructor(
    private readonly predicate: Predicate<K, V>,
    private readonly filterNot: boolean,
  ) {}

  init(context: ProcessorContext<K, V>): void {
    this.context = context
  }

  process(record: Record<K, V>): void {
    if (this.predicate(record.key, record.value) !== this.filterNot) this.context.forward(record)
  }
}
