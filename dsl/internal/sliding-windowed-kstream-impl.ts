import type { Windowed } from '../../processor-api/windowed.js'
import { DslArgumentError } from '../errors.js'
import type { Aggregator, Initializer } from '../functions.js'
import type { KTable } from '../ktable.js'
import type { SlidingWindows } from '../windows/sliding-windows.js'
import { TimeWindowedSerde } from '../windows/windowed-serdes.js'
import { AbstractTimeWindowedKStream } from './abstract-time-windowed-kstream.js'
import type { KGroupedStreamImpl } from './kgrouped-stream-impl.js'
import type { MaterializedInternal } from './materialized-internal.js'
import { KStreamSlidingWindowAggregate } from './processors/kstream-sliding-window-aggregate.js'
import { windowStoreFactory } from './stores/materializers.js'

/** `groupedStream.windowedBy(SlidingWindows)` (Kafka's `SlidingWindowedKStreamImpl`). */
export class SlidingWindowedKStreamImpl<K, V> extends AbstractTimeWindowedKStream<K, V> {
  constructor(
    private readonly windows: SlidingWindows,
    grouped: KGroupedStreamImpl<K, V>,
  ) {
    super(grouped)
  }

  protected buildWindowedTable<VA>(
    processorName: string,
    m: MaterializedInternal<K, VA>,
    initializer: Initializer<VA | null>,
    aggregator: Aggregator<K, V, VA | null>,
  ): KTable<Windowed<K>, VA> {
    const d = this.windows.timeDifferenceMs
    const retentionMs = m.retentionMs ?? 2 * d + this.windows.graceMs
    if (2 * d + this.windows.graceMs > retentionMs) {
      throw new DslArgumentError(
        'retentionMs',
        `The retention period of the window store ${m.storeName} must be no smaller than 2 * time difference plus the grace period. Got time difference=[${d}], grace=[${this.windows.graceMs}], retention=[${retentionMs}]`,
      )
    }
    // The store keeps windows of size d for 2d + grace (records up to 2d back may need them).
    const factory = windowStoreFactory(m, { sizeMs: d, graceMs: retentionMs - d, emitOnWindowClose: this.strategy.type === 'ON_WINDOW_CLOSE' })
    const supplier = new KStreamSlidingWindowAggregate<K, V, VA>(this.windows, m.storeName, this.strategy, initializer, aggregator)
    const keySerde = m.keySerde !== undefined ? new TimeWindowedSerde(m.keySerde, d) : undefined
    return this.grouped.aggregateBuilder.build<Windowed<K>, VA>(processorName, factory, supplier, m.queryableStoreName(), keySerde, m.valueSerde)
  }
}
