import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Record } from '../../../processor-api/record.js'
import type { WindowStore } from '../../../state-stores/window-store.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'

/**
 * One side's window of a stream-stream join (Kafka's `KStreamJoinWindow`): forwards the record to
 * the join processor, then remembers it in this side's window store for the other side to find.
 */
export class KStreamJoinWindow<K, V> implements DslProcessorSupplier<K, V, K, V> {
  constructor(private readonly windowName: string) {}

  get(): Processor<K, V, K, V> {
    const windowName = this.windowName
    let context: ProcessorContext<K, V>
    let window: WindowStore<K, V>
    return {
      init(ctx) {
        context = ctx
        window = ctx.getStateStore<WindowStore<K, V>>(windowName)
      },
      process(record: Record<K, V>) {
        context.forward(record)
        if (record.key !== null && record.key !== undefined) window.put(record.key, record.value, record.timestamp)
      },
    }
  }
}
