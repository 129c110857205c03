/**
 * Type tests for the DSL's generics and option objects: checked by `tsc --noEmit` (this file is
 * not run). `@ts-expect-error` lines must fail to compile.
 */
import { describe, expectTypeOf, it } from 'vitest'
import { KeyValue, Serdes } from '../../processor-api/index.js'
import type { Windowed } from '../../processor-api/windowed.js'
import {
  BufferConfig,
  Consumed,
  Grouped,
  JoinWindows,
  Materialized,
  Produced,
  SessionWindows,
  StreamsBuilder,
  Suppressed,
  TimeWindows,
  type KGroupedStream,
  type KStream,
  type KTable,
  type SessionWindowedKStream,
  type TimeWindowedKStream,
} from '../../dsl/index.js'

interface Order {
  readonly customer: string
  readonly total: number
}

const builder = new StreamsBuilder()
const orders = builder.stream<string, Order>('orders', { valueSerde: Serdes.JSON<Order>() })

describe('DSL types', () => {
  it('carries key and value types through stateless operations', () => {
    expectTypeOf(orders.mapValues((o) => o.total)).toEqualTypeOf<KStream<string, number>>()
    expectTypeOf(orders.mapValues((o, key) => `${key}:${o.customer}`)).toEqualTypeOf<KStream<string, string>>()
    expectTypeOf(orders.map((_k, o) => KeyValue.pair(o.customer, o.total))).toEqualTypeOf<KStream<string, number>>()
    expectTypeOf(orders.selectKey((_k, o) => o.total)).toEqualTypeOf<KStream<number, Order>>()
    expectTypeOf(orders.flatMapValues((o) => [o.total, o.total])).toEqualTypeOf<KStream<string, number>>()
    expectTypeOf(orders.filter((_k, o) => o.total > 0)).toEqualTypeOf<KStream<string, Order>>()
  })

  it('types grouped aggregations and windowed keys', () => {
    const grouped = orders.groupBy((_k, o) => o.customer, Grouped.with(Serdes.String(), Serdes.JSON<Order>()))
    expectTypeOf(grouped).toEqualTypeOf<KGroupedStream<string, Order>>()
    expectTypeOf(grouped.count()).toEqualTypeOf<KTable<string, number>>()
    expectTypeOf(grouped.aggregate(() => 0, (_k, o, sum) => sum + o.total)).toEqualTypeOf<KTable<string, number>>()
    expectTypeOf(grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(1000))).toEqualTypeOf<TimeWindowedKStream<string, Order>>()
    expectTypeOf(grouped.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(1000))).toEqualTypeOf<SessionWindowedKStream<string, Order>>()
    expectTypeOf(grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(1000)).count()).toEqualTypeOf<KTable<Windowed<string>, number>>()
  })

  it('makes table-to-stream values nullable (tombstones) and still accepts typed Produced', () => {
    const counts = orders.groupByKey().count()
    expectTypeOf(counts.toStream()).toEqualTypeOf<KStream<string, number | null>>()
    counts.toStream().to('out', Produced.with(Serdes.String(), Serdes.Long()))
    expectTypeOf(counts.toStream((k) => k.length)).toEqualTypeOf<KStream<number, number | null>>()
  })

  it('types join value joiners, with null for the missing side of left and outer joins', () => {
    const customers = builder.table<string, string>('customers', Consumed.with(Serdes.String(), Serdes.String()))
    orders.join(customers, (o, name) => {
      expectTypeOf(o).toEqualTypeOf<Order>()
      expectTypeOf(name).toEqualTypeOf<string>()
      return 1
    })
    orders.leftJoin(customers, (_o, name) => {
      expectTypeOf(name).toEqualTypeOf<string | null>()
      return 1
    })
    const other = builder.stream<string, number>('other')
    const w = JoinWindows.ofTimeDifferenceWithNoGrace(10)
    expectTypeOf(orders.join(other, (o, n) => o.total + n, w)).toEqualTypeOf<KStream<string, number>>()
    orders.outerJoin(other, (o, n) => {
      expectTypeOf(o).toEqualTypeOf<Order | null>()
      expectTypeOf(n).toEqualTypeOf<number | null>()
      return 0
    }, w)
  })

  it('rejects misuse at compile time', () => {
    // @ts-expect-error a String serde cannot read Order values
    builder.stream<string, Order>('orders', Consumed.with(Serdes.String(), Serdes.String()))
    // @ts-expect-error count() materializes numbers, not strings
    orders.groupByKey().count(Materialized.with<string, string>(Serdes.String(), Serdes.String()))
    const table = builder.table<string, string>('t')
    // @ts-expect-error untilWindowCloses needs a windowed table
    table.suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
    // @ts-expect-error untilWindowCloses needs a strict (never emit early) buffer
    Suppressed.untilWindowCloses(BufferConfig.maxRecords(10).emitEarlyWhenFull())
    const windowed = orders.groupByKey().windowedBy(TimeWindows.ofSizeWithNoGrace(10)).count()
    windowed.suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
  })
})
