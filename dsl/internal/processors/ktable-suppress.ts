import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import { StreamsError } from '../../../processor-api/errors.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import { makeValueAndTimestamp, type KTableValueGetterSupplier, type KTableViewProvider } from '../ktable-value-getter.js'
import type { Eviction, TimeOrderedKeyValueBuffer } from '../stores/time-ordered-key-value-buffer.js'

/** A resolved `Suppressed` (Kafka's `SuppressedInternal`). */
export interface SuppressionSpec {
  readonly maxRecords: number
  readonly maxBytes: number
  readonly fullStrategy: 'EMIT' | 'SHUT_DOWN'
  /** How long (stream time) an update stays buffered after its buffer time. */
  readonly suppressDurationMs: number
  /** `windowEnd`: buffer time is the windowed key's end; `recordTime`: the record's timestamp. */
  readonly timeDefinition: 'windowEnd' | 'recordTime'
  /** Final results never emit deletes that were never emitted as values. */
  readonly safeToDropTombstones: boolean
}

/**
 * `KTable.suppress` (Kafka's `KTableSuppressProcessorSupplier`): buffers the latest update per key
 * and emits it once stream time passed its buffer time + the suppression duration (or early when
 * the buffer is full and allowed to), with the metadata of the update.
 */
export class KTableSuppress<K, V> implements DslProcessorSupplier<K, Change<V>, K, Change<V>>, KTableViewProvider<K, V> {
  constructor(
    private readonly spec: SuppressionSpec,
    readonly storeName: string,
    private readonly parent: KTableViewProvider<K, V>,
  ) {}

  get(): Processor<K, Change<V>, K, Change<V>> {
    const { spec, storeName } = this
    let context: ProcessorContext<K, Change<V>>
    let buffer: TimeOrderedKeyValueBuffer<K, V>
    let observedStreamTime = -1
    const overCapacity = (): boolean => buffer.numRecords() > spec.maxRecords || buffer.bufferSize() > spec.maxBytes
    const emit = (e: Eviction<K, V>): void => {
      if (e.newValue === null && spec.safeToDropTombstones) return
      context.forward(new Record<K, Change<V>>(e.key, { newValue: e.newValue, oldValue: e.oldValue }, e.context.timestamp, e.context.headers))
    }
    return {
      init(ctx) {
        context = ctx
        buffer = ctx.getStateStore<TimeOrderedKeyValueBuffer<K, V>>(storeName)
      },
      process(record: Record<K, Change<V>>) {
        observedStreamTime = Math.max(observedStreamTime, record.timestamp)
        const time = spec.timeDefinition === 'windowEnd' ? (record.key as Windowed<unknown>).window.end : record.timestamp
        const topic = context.recordMetadata()?.topic
        const recordContext = topic === undefined ? { timestamp: record.timestamp, headers: record.headers } : { timestamp: record.timestamp, headers: record.headers, topic }
        buffer.put(time, record.key, record.value, recordContext)
        const expiryTime = observedStreamTime - spec.suppressDurationMs
        buffer.evictWhile(() => buffer.minTimestamp() <= expiryTime, emit)
        if (overCapacity()) {
          if (spec.fullStrategy === 'EMIT') {
            buffer.evictWhile(overCapacity, emit)
            return
          }
          throw new StreamsError(
            'KS_ERR_SUPPRESSION_BUFFER_FULL',
            `${storeName} buffer exceeded its max capacity. Currently [${buffer.numRecords()}/${spec.maxRecords}] records and [${buffer.bufferSize()}/${spec.maxBytes}] bytes.`,
          )
        }
      },
    }
  }

  enableSendingOldValues(forceMaterialization: boolean): boolean {
    return this.parent.enableSendingOldValues(forceMaterialization)
  }

  /** While a key is buffered, the table still shows the value it had before (as Kafka). */
  view(): KTableValueGetterSupplier<K, V> {
    const parentSupplier = this.parent.view()
    const storeName = this.storeName
    return {
      storeNames: () => [storeName, ...parentSupplier.storeNames()],
      get() {
        const parentGetter = parentSupplier.get()
        let buffer: TimeOrderedKeyValueBuffer<K, V>
        let context: ProcessorContext<unknown, unknown>
        return {
          init(ctx) {
            context = ctx
            parentGetter.init(ctx)
            buffer = ctx.getStateStore<TimeOrderedKeyValueBuffer<K, V>>(storeName)
          },
          get(key: K): ValueAndTimestamp<V> | null {
            const prior = buffer.priorValueForBuffered(key)
            if (prior !== null) return makeValueAndTimestamp(prior.value, context.currentStreamTimeMs())
            return parentGetter.get(key)
          },
          close() {
            parentGetter.close()
          },
        }
      },
    }
  }
}
