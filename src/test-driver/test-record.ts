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

  /** Kafka's text: `TestRecord[key=k, value=v, headers=RecordHeaders(...), recordTime=2019-06-01T10:00:00Z]`. */
  toString(): string {
    return `TestRecord[key=${String(this.key)}, value=${String(this.value)}, headers=${this.headers.toString()}, recordTime=${instantText(this.timestamp)}]`
  }
}

/** Java's `Instant.toString()` of an epoch-ms timestamp: ISO-8601 in UTC, milliseconds only when not zero. */
function instantText(timestampMs: number | null): string {
  if (timestampMs === null) return 'null'
  return new Date(timestampMs).toISOString().replace('.000Z', 'Z')
}
