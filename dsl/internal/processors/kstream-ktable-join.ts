import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Record } from '../../../processor-api/record.js'
import type { KeyValueMapper, ValueJoiner } from '../../functions.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import type { KTableValueGetterSupplier } from '../ktable-value-getter.js'

/**
 * Stream-table and stream-global-table joins (Kafka's `KStreamKTableJoin`,
 * `KStreamGlobalKTableJoin`): each stream record looks up the table's current value for
 * `keyMapper(key, value)`. Records with a null value or null join key are dropped, except that a
 * left join keeps a null-key record (joining it with null).
 */
export class KStreamKTableJoin<K, V, KT, VT, VR> implements DslProcessorSupplier<K, V, K, VR> {
  constructor(
    private readonly valueGetterSupplier: KTableValueGetterSupplier<KT, VT>,
    private readonly joiner: ValueJoiner<V, VT | null, VR, K>,
    private readonly keyMapper: KeyValueMapper<K, V, KT>,
    private readonly leftJoin: boolean,
  ) {}

  get(): Processor<K, V, K, VR> {
    const getter = this.valueGetterSupplier.get()
    const { joiner, keyMapper, leftJoin } = this
    let context: ProcessorContext<K, VR>
    return {
      init(ctx) {
        context = ctx
        getter.init(ctx as ProcessorContext<unknown, unknown>)
      },
      process(record: Record<K, V>) {
        const value = record.value
        const mappedKey = keyMapper(record.key, value)
        const keepNullKey = leftJoin && (record.key === null || record.key === undefined) && value !== null && value !== undefined
        if (!keepNullKey && (mappedKey === null || mappedKey === undefined || value === null || value === undefined)) return
        const vt = mappedKey === null || mappedKey === undefined ? null : getter.get(mappedKey)
        const value2 = vt === null ? null : vt.value
        if (leftJoin || value2 !== null) context.forward(record.withValue(joiner(value, value2, record.key)))
      },
      close() {
        getter.close()
      },
    }
  }
}
