import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Record } from '../../../processor-api/record.js'
import type { ForeachAction } from '../../functions.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'

/** `peek`: calls the action, then forwards the record unchanged. */
export class KStreamPeek<K, V> implements DslProcessorSupplier<K, V, K, V> {
  constructor(private readonly action: ForeachAction<K, V>) {}

  get(): Processor<K, V, K, V> {
    const action = this.action
    let context: ProcessorContext<K, V>
    return {
      init(ctx) {
        context = ctx
      },
      process(record: Record<K, V>) {
        action(record.key, record.value)
        context.forward(record)
      },
    }
  }
}
