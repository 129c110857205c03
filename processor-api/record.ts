import { Headers, type Header } from './headers.js'

/**
 * A data record flowing through a topology: key, value, timestamp (ms) and headers.
 * Immutable: the `with*` methods return a new record (headers are copied).
 * A null value is a tombstone for tables.
 */
export class Record<K, V> {
  readonly key: K
  readonly value: V
  readonly timestamp: number
  readonly headers: Headers

  constructor(key: K, value: V, timestamp: number, headers?: Headers | Iterable<Header>) {
    if (!Number.isFinite(timestamp) || timestamp < 0) {
      throw new RangeError(`Record timestamp must be a non-negative number of ms, got ${timestamp}`)
    }
    this.key = key
    this.value = value
    this.timestamp = timestamp
    this.headers = headers instanceof Headers ? headers.copy() : new Headers(headers ?? [])
  }

  withKey<NewK>(key: NewK): Record<NewK, V> {
    return new Record(key, this.value, this.timestamp, this.headers)
  }

  withValue<NewV>(value: NewV): Record<K, NewV> {
    return new Record(this.key, value, this.timestamp, this.headers)
  }

  withTimestamp(timestamp: number): Record<K, V> {
    return new Record(this.key, this.value, timestamp, this.headers)
  }

  withHeaders(headers: Headers | Iterable<Header>): Record<K, V> {
    return new Record(this.key, this.value, this.timestamp, headers)
  }
}

/**
 * A record whose key a `FixedKeyProcessor` may not change (Kafka's `FixedKeyRecord`):
 * it has `withValue`, `withTimestamp` and `withHeaders` but no `withKey`.
 */
export class FixedKeyRecord<K, V> {
  readonly key: K
  readonly value: V
  readonly timestamp: number
  readonly headers: Headers

  /** @internal Created by the engine from an incoming record; users never construct one. */
  constructor(key: K, value: V, timestamp: number, headers: Headers) {
    this.key = key
    this.value = value
    this.timestamp = timestamp
    this.headers = headers
  }

  withValue<NewV>(value: NewV): FixedKeyRecord<K, NewV> {
    return new FixedKeyRecord(this.key, value, this.timestamp, this.headers.copy())
  }

  withTimestamp(timestamp: number): FixedKeyRecord<K, V> {
    return new FixedKeyRecord(this.key, this.value, timestamp, this.headers.copy())
  }

  withHeaders(headers: Headers | Iterable<Header>): FixedKeyRecord<K, V> {
    return new FixedKeyRecord(this.key, this.value, this.timestamp, headers instanceof Headers ? headers.copy() : new Headers(headers))
  }
}
