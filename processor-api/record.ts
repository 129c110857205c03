import { Headers, type Header } from './headers.js'

/**
 * A data record flowing through a topology: key, value, timestamp (ms) and headers.
 * Immutable: the `with*` methods return a new record. Each record has its own headers: a
 * downstream processor never sees header changes made through another record. Copies are
 * copy-on-write and the `Headers` object is only built when `headers` is first read, so
 * records that never touch their headers cost no header allocation at all.
 * A null value is a tombstone for tables.
 */
export class Record<K, V> {
  readonly key: K
  readonly value: V
  readonly timestamp: number
  /** The headers, once built (by the constructor from an iterable, or by the first `headers` read). */
  #headers: Headers | null
  /** Until `#headers` is built: the shared header list it will start from (null: none). */
  #headerList: readonly Header[] | null

  constructor(key: K, value: V, timestamp: number, headers?: Headers | Iterable<Header>) {
    if (!Number.isFinite(timestamp) || timestamp < 0) {
      throw new RangeError(`Record timestamp must be a non-negative number of ms, got ${timestamp}`)
    }
    this.key = key
    this.value = value
    this.timestamp = timestamp
    if (headers === undefined || headers === null) {
      this.#headers = null
      this.#headerList = null
    } else if (headers instanceof Headers) {
      this.#headers = null
      this.#headerList = headers.shareList()
    } else {
      this.#headers = new Headers(headers)
      this.#headerList = null
    }
  }

  /** This record's headers (mutable, private to this record). */
  get headers(): Headers {
    const h = this.#headers
    if (h !== null) return h
    return (this.#headers = Headers.fromSharedList(this.#headerList))
  }

  withKey<NewK>(key: NewK): Record<NewK, V> {
    return Record.#derive(key, this.value, this.timestamp, this)
  }

  withValue<NewV>(value: NewV): Record<K, NewV> {
    return Record.#derive(this.key, value, this.timestamp, this)
  }

  withTimestamp(timestamp: number): Record<K, V> {
    return Record.#derive(this.key, this.value, timestamp, this)
  }

  withHeaders(headers: Headers | Iterable<Header>): Record<K, V> {
    return new Record(this.key, this.value, this.timestamp, headers)
  }

  /**
   * @internal The record's headers, or null when it has none, without building a `Headers`
   * object for a record that never had any (the sink's path for serializers that ignore headers).
   */
  static headersIfAny(r: Record<unknown, unknown>): Headers | null {
    const h = r.#headers
    if (h !== null) return h
    const list = r.#headerList
    return list === null || list.length === 0 ? null : r.headers
  }

  /** A record with `from`'s headers as they are now, shared copy-on-write (nothing allocated for them). */
  static #derive<K2, V2>(key: K2, value: V2, timestamp: number, from: Record<unknown, unknown>): Record<K2, V2> {
    const r = new Record(key, value, timestamp)
    const h = from.#headers
    r.#headerList = h === null ? from.#headerList : h.shareList()
    return r
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
