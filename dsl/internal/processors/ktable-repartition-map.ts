import type { KeyValue } from '../../../processor-api/key-value.js'
import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import { StreamsError } from '../../../processor-api/errors.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { KeyValueMapper } from '../../functions.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import { keysEqual } from '../keys-equal.js'
import type { KTableViewProvider } from '../ktable-value-getter.js'
import { bindDefaultSerdes, type DefaultSerdeBinding } from '../serdes/default-serde-binding.js'

/**
 * `KTable.groupBy` (Kafka's `KTableRepartitionMap`): maps old and new values to their new
 * (key, value); when both map to the same key one `Change(new, old)` is sent, otherwise the old
 * pair is retracted from its group (`Change(null, old)`) and the new one added (`Change(new, null)`).
 */
export class KTableRepartitionMap<K, V, KR, VR> implements DslProcessorSupplier<K, Change<V>, KR, Change<VR>> {
  /** Serde wrappers of the repartition topic written below, bound to the defaults in `init`. */
  readonly bindings: DefaultSerdeBinding[] = []

  constructor(
    readonly parent: KTableViewProvider<K, V>,
    private readonly mapper: KeyValueMapper<K, V, KeyValue<KR, VR>>,
  ) {}

  get(): Processor<K, Change<V>, KR, Change<VR>> {
    const mapper = this.mapper
    const bindings = this.bindings
    let context: ProcessorContext<KR, Change<VR>>
    return {
      init(ctx) {
        context = ctx
        bindDefaultSerdes(bindings, ctx)
      },
      process(record: Record<K, Change<V>>) {
        if (record.key === null || record.key === undefined) {
          throw new StreamsError('KS_ERR_NULL_KEY', 'Record key for the grouping KTable should not be null.')
        }
        const { newValue, oldValue } = record.value
        const newPair = newValue === null ? null : mapper(record.key, newValue)
        const oldPair = oldValue === null ? null : mapper(record.key, oldValue)
        const oldOk = oldPair !== null && oldPair !== undefined && oldPair.key != null && oldPair.value != null
        const newOk = newPair !== null && newPair !== undefined && newPair.key != null && newPair.value != null
        if (oldOk && newOk && keysEqual(oldPair.key, newPair.key)) {
          context.forward(new Record<KR, Change<VR>>(oldPair.key, { newValue: newPair.value, oldValue: oldPair.value }, record.timestamp, record.headers))
          return
        }
        if (oldOk) context.forward(new Record<KR, Change<VR>>(oldPair.key, { newValue: null, oldValue: oldPair.value }, record.timestamp, record.headers))
        if (newOk) context.forward(new Record<KR, Change<VR>>(newPair.key, { newValue: newPair.value, oldValue: null }, record.timestamp, record.headers))
      },
    }
  }
}
