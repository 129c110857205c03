import type { Processor } from '../../../processor-api/processor.js'
import type { Record } from '../../../processor-api/record.js'
import type { ForeachAction } from '../../functions.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'

/** `foreach`: calls the action for each record; a terminal operation. */
export class ForeachProcessorSupplier<K, V> implements DslProcessorSupplier<K, V, never, never> {
  constructor(private readonly action: ForeachAction<K, V>) {}

  get(): Processor<K, V, never, never> {
    const action = this.action
    return {
      process(record: Record<K, V>) {
        action(record.key, record.value)
      },
    }
  }
}
