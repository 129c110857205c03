import type { Processor } from '../../../processor-api/processor.js'
import type { Record } from '../../../processor-api/record.js'
import type { KeyValueMapper } from '../../functions.js'
import type { PrintSink } from '../../options/printed.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'

/** `print`: writes `[label]: <mapper(key, value)>` per record to the sink; closes it on close. */
export class KStreamPrint<K, V> implements DslProcessorSupplier<K, V, never, never> {
  constructor(
    private readonly sink: () => PrintSink,
    private readonly mapper: KeyValueMapper<K, V, string>,
    private readonly label: string,
  ) {}

  get(): Processor<K, V, never, never> {
    const { mapper, label } = this
    let out: PrintSink | null = null
    const sink = this.sink
    return {
      init() {
        out = sink()
      },
      process(record: Record<K, V>) {
        out?.write(`[${label}]: ${mapper(record.key, record.value)}`)
      },
      close() {
        out?.close?.()
        out = null
      },
    }
  }
}
