/**
 * Orders per customer (the flagship demo): JSON orders on `orders` are re-keyed by their
 * `customer` field and counted; every new count goes to `order-counts`.
 */
import { Serdes } from '../../processor-api/index.js'
import { Consumed, Grouped, Produced, type StreamsBuilder } from '../../dsl/index.js'

/** An order as the demo's producer writes it. */
export interface Order {
  readonly id: string
  readonly customer: string
  readonly amount: number
}

export const ORDERS_TOPIC = 'orders'
export const ORDER_COUNTS_TOPIC = 'order-counts'
export const COUNTS_STORE = 'orders-per-customer'

/** Adds the orders-per-customer topology to `builder`. */
export function buildTopology(builder: StreamsBuilder): void {
  builder
    .stream<string, Order>(ORDERS_TOPIC, Consumed.with(Serdes.String(), Serdes.JSON<Order>()))
    .groupBy((_orderId, order) => order.customer, Grouped.with(Serdes.String(), Serdes.JSON<Order>()))
    .count({ materialized: COUNTS_STORE })
    .toStream()
    .to(ORDER_COUNTS_TOPIC, Produced.with(Serdes.String(), Serdes.Long()))
}
