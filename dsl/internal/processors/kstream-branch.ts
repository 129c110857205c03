import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Record } from '../../../processor-api/record.js'
import type { Predicate } from '../../functions.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'

/**
 * `split()`: forwards each record to the child of the first predicate it satisfies, or to the
 * default branch (the extra last child) when there is one. The lists are filled as branches are
 * added, after the supplier was created.
 */
export class KStreamBranch<K, V> implements DslProcessorSupplier<K, V, K, V> {
  constructor(
    private readonly predicates: Predicate<K, V>[],
    private readonly childNames: string[],
  ) {}

  get(): Processor<K, V, K, V> {
    const predicates = this.predicates
    const childNames = this.childNames
    let context: ProcessorContext<K, V>
    return {
      init(ctx) {
        context = ctx
      },
      process(record: Record<K, V>) {
        for (let i = 0; i < predicates.length; i++) {
          if (predicates[i]!(record.key, record.value)) {
            context.forward(record, childNames[i])
            return
          }
        }
        if (childNames.length > predicates.length) context.forward(record, childNames[predicates.length])
      },
    }
  }
}
