import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import {
  makeValueAndTimestamp,
  type KTableValueGetter,
  type KTableValueGetterSupplier,
  type KTableViewProvider,
} from '../ktable-value-getter.js'

/** Which rows a table-table join side emits: Kafka's inner, left, right (the other side of a left join) and outer joins. */
export type TableJoinMode = 'inner' | 'left' | 'right' | 'outer'

/** A joiner of table values; null stands for a missing row. */
export type TableJoiner<V1, V2, VR, K> = (value1: V1 | null, value2: V2 | null, key: K) => VR

/**
 * One side of a table-table join (Kafka's `KTableKTableInnerJoin`, `LeftJoin`, `RightJoin`,
 * `OuterJoin`): for each update of this table, looks up the other table's current value and
 * forwards the joined new (and, with old values, old) result with the larger of the timestamps.
 */
export class KTableKTableJoin<K, V1, V2, VR> implements DslProcessorSupplier<K, Change<V1>, K, Change<VR>>, KTableViewProvider<K, VR> {
  private sendOldValues = false

  constructor(
    private readonly mode: TableJoinMode,
    private readonly table1: KTableViewProvider<K, V1>,
    private readonly table2: KTableViewProvider<K, V2>,
    private readonly getter1: KTableValueGetterSupplier<K, V1>,
    private readonly getter2: KTableValueGetterSupplier<K, V2>,
    private readonly joiner: TableJoiner<V1, V2, VR, K>,
  ) {}

  get(): Processor<K, Change<V1>, K, Change<VR>> {
    const { mode, joiner, sendOldValues } = this
    const getter = this.getter2.get()
    let context: ProcessorContext<K, Change<VR>>
    return {
      init(ctx) {
        context = ctx
        getter.init(ctx as ProcessorContext<unknown, unknown>)
      },
      process(record: Record<K, Change<V1>>) {
        const key = record.key
        if (key === null || key === undefined) return
        const { newValue: n, oldValue: o } = record.value
        const vt2 = getter.get(key)
        const v2 = vt2 === null ? null : vt2.value
        let newValue: VR | null = null
        let oldValue: VR | null = null
        let timestamp: number
        if (mode === 'inner' || mode === 'right') {
          if (v2 === null) return
          timestamp = Math.max(record.timestamp, vt2!.timestamp)
          if (mode === 'right' || n !== null) newValue = joiner(n, v2, key)
          if (sendOldValues && (mode === 'right' || o !== null)) oldValue = joiner(o, v2, key)
        } else if (mode === 'left') {
          if (v2 === null && n === null && o === null) return
          timestamp = Math.max(record.timestamp, v2 === null ? -1 : vt2!.timestamp)
          if (n !== null) newValue = joiner(n, v2, key)
          if (sendOldValues && o !== null) oldValue = joiner(o, v2, key)
        } else {
          if (v2 === null && n === null && o === null) return
          timestamp = v2 === null ? record.timestamp : Math.max(record.timestamp, vt2!.timestamp)
          if (v2 !== null || n !== null) newValue = joiner(n, v2, key)
          if (sendOldValues && (v2 !== null || o !== null)) oldValue = joiner(o, v2, key)
        }
        context.forward(new Record<K, Change<VR>>(key, { newValue, oldValue }, timestamp, record.headers))
      },
      close() {
        getter.close()
      },
    }
  }

  /** Both tables must send old values (and so be materialized). */
  enableSendingOldValues(): boolean {
    this.table1.enableSendingOldValues(true)
    this.table2.enableSendingOldValues(true)
    this.sendOldValues = true
    return true
  }

  /** The joined table's value for a key, computed from both tables' getters. */
  view(): KTableValueGetterSupplier<K, VR> {
    const { mode, joiner, getter1, getter2 } = this
    return {
      storeNames: () => [...getter1.storeNames(), ...getter2.storeNames()],
      get(): KTableValueGetter<K, VR> {
        const g1 = getter1.get()
        const g2 = getter2.get()
        return {
          init(context) {
            g1.init(context)
            g2.init(context)
          },
          get(key: K): ValueAndTimestamp<VR> | null {
            const vt1 = g1.get(key)
            const v1 = vt1 === null ? null : vt1.value
            if (mode === 'outer') {
              const vt2 = g2.get(key)
              if (vt1 === null && vt2 === null) return null
              const ts = Math.max(vt1?.timestamp ?? -1, vt2?.timestamp ?? -1)
              return makeValueAndTimestamp(joiner(v1, vt2 === null ? null : vt2.value, key), ts)
            }
            if (v1 === null) return null
            const vt2 = g2.get(key)
            const v2 = vt2 === null ? null : vt2.value
            if ((mode === 'inner' || mode === 'right') && v2 === null) return null
            return makeValueAndTimestamp(joiner(v1, v2, key), Math.max(vt1!.timestamp, vt2?.timestamp ?? -1))
          },
          close() {
            g1.close()
            g2.close()
          },
        }
      },
    }
  }
}
