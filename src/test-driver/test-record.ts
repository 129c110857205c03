import { Headers, type Header } from '../../processor-api/headers.js'

/**
 * A record piped into or read from a test topic (Kafka's `TestRecord`): key, value, timestamp
 * (ms; null on an input record means "use the input topic's current time") and headers.
 * Immutable apart from the (mutable, copied) headers.
 */
export class TestRecord<K, V> {
  readonly key: K
  readonly value: V
  readonly timestamp: number | null
  readonly headers: Headers

  constructor(key: K, value: V, options: { timestamp?: number | null; headers?: Headers | Iterable<Header> } = {}) {
    const ts = options.timestamp ?? null
    if (ts !== null && (!Number.isFinite(ts) || ts < 0)) throw new RangeError(`Timestamp must be a non-negative number of ms, got ${ts}`)
    this.key = key
    this.value = value
    this.timestamp = ts
    this.headers = options.headers instanceof Headers ? options.headers.copy() : new Headers(options.headers ?? [])
  }
}
