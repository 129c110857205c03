import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Record } from '../../../processor-api/record.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'

/** Forwards every record unchanged (merge, branch children). */
export class PassThrough<K, V> implements DslProcessorSupplier<K, V, K, V> {
  get(): Processor<K, V, K, V> {
    let context: ProcessorContext<K, V>
    return {
      init(ctx) {
        context = ctx
      },
      process(record: Record<K, V>) {
        context.forward(record)
      },
    }
  }
}
