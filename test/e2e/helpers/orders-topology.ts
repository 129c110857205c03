import { Consumed, Grouped, Produced, StreamsBuilder } from '../../../dsl/index.js'
import { Serdes } from '../../../processor-api/index.js'
import type { Topology } from '../../../processor-api/topology.js'

/** Input topic: key = order id, value = customer id. */
export const ORDERS = 'orders'
/** Output topic: key = customer id, value = count (8-byte big-endian). */
export const ORDER_COUNTS = 'order-counts'
/** The count store (persistent, cached, logged). */
export const ORDERS_STORE = 'orders-per-customer'

/** The orders-per-customer application: re-key by customer (a repartition), count, emit the counts. */
export function ordersPerCustomerTopology(): Topology {
  const S = Serdes.String()
  const b = new StreamsBuilder()
  b.stream<string, string>(ORDERS, Consumed.with(S, S))
    .groupBy((_orderId, customer) => customer, Grouped.with(S, S))
    .count({ materialized: ORDERS_STORE })
    .toStream()
    .to(ORDER_COUNTS, Produced.with(S, Serdes.Long()))
  return b.build()
}
