import type { Windowed } from '../../processor-api/windowed.js'
import type { Aggregator, Initializer } from '../functions.js'
import type { KTable } from '../ktable.js'
import type { TimeWindows } from '../windows/time-windows.js'
import { TimeWindowedSerde } from '../windows/windowed-serdes.js'
import { AbstractTimeWindowedKStream } from './abstract-time-windowed-kstream.js'
import type { KGroupedStreamImpl } from './kgrouped-stream-impl.js'
import type { MaterializedInternal } from './materialized-internal.js'
import { KStreamWindowAggregate } from './processors/kstream-window-aggregate.js'
import { windowStoreFactory } from './stores/materializers.js'

/** `groupedStream.windowedBy(TimeWindows)` (Kafka's `TimeWindowedKStreamImpl`). */
export class TimeWindowedKStreamImpl<K, V> extends AbstractTimeWindowedKStream<K, V> {
  constructor(
    private readonly windows: TimeWindows,
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
    const factory = windowStoreFactory(m, {
      sizeMs: this.windows.sizeMs,
      graceMs: this.windows.graceMs,
      emitOnWindowClose: this.strategy.type === 'ON_WINDOW_CLOSE',
    })
    const supplier = new KStreamWindowAggregate<K, V, VA>(this.windows, m.storeName, this.strategy, initializer, aggregator)
    const keySerde = m.keySerde !== undefined ? new TimeWindowedSerde(m.keySerde, this.windows.sizeMs) : undefined
    return this.grouped.aggregateBuilder.build<Windowed<K>, VA>(processorName, factory, supplier, m.queryableStoreName(), keySerde, m.valueSerde)
  }
}
