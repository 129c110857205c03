/** A value with the timestamp of the record that last updated it (Kafka's `ValueAndTimestamp`). */
export interface ValueAndTimestamp<V> {
  readonly value: V
  readonly timestamp: number
}

/** Helpers for `ValueAndTimestamp` (Kafka's static `make` and `getValueOrNull`). */
export const ValueAndTimestamp = {
  make<V>(value: V, timestamp: number): ValueAndTimestamp<V> {
    return { value, timestamp }
  },
  /** Null in, null out: Kafka's `getValueOrNull`. */
  getValueOrNull<V>(vt: ValueAndTimestamp<V> | null | undefined): V | null {
    return vt == null ? null : vt.value
  },
}
