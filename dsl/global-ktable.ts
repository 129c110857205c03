/**
 * A table replicated in full to every instance (Kafka's `GlobalKTable`): usable in
 * `KStream.join/leftJoin(globalTable, keySelector, joiner)` without co-partitioning.
 *
 * @example
 * const products = builder.globalTable<string, Product>('products', Consumed.with(Serdes.String(), productSerde))
 * orders.join(products, (orderId, order) => order.productId, (order, product) => ({ ...order, product }))
 */
export interface GlobalKTable<K, V> {
  /** The store name when the table was materialized under a name the user chose, else null. */
  queryableStoreName(): string | null
  /** Phantom: keeps the key and value types. */
  readonly types?: { key: K; value: V }
}
