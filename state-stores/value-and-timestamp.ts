/** A value with the timestamp of the record that last updated it (Kafka's `ValueAndTimestamp`). */
export interface ValueAndTimestamp<V> {
  readonly value: V
  readonly timestamp: number
}

/** `ValueAndTimestamp.make`: null (or undefined) in, null out, as Kafka's `make`. */
interface Make {
  (value: null | undefined, timestamp: number): null
  <V>(value: V, timestamp: number): ValueAndTimestamp<V>
}

const make = ((value: unknown, timestamp: number) => (value === null || value === undefined ? null : { value, timestamp })) as Make

/** Helpers for `ValueAndTimestamp` (Kafka's static `make` and `getValueOrNull`). */
export const ValueAndTimestamp = {
  /** The pair of `value` and `timestamp`; null when `value` is null (Kafka: "a null value makes a null ValueAndTimestamp"). */
  make,
  /** Null in, null out: Kafka's `getValueOrNull`. */
  getValueOrNull<V>(vt: ValueAndTimestamp<V> | null | undefined): V | null {
    return vt == null ? null : vt.value
  },
}
