/** A key-value pair, as Kafka's `KeyValue`. Build one with `KeyValue.pair(key, value)`. */
export interface KeyValue<K, V> {
  readonly key: K
  readonly value: V
}

export const KeyValue = {
  pair<K, V>(key: K, value: V): KeyValue<K, V> {
    return { key, value }
  },
}
