import type { StateStore } from '../processor-api/state-store.js'

/**
 * Kafka's `VersionedKeyValueStore.PUT_RETURN_CODE_VALID_TO_UNDEFINED`: `put` returns it when the
 * record put is the latest version of its key (its validTo is open).
 */
export const PUT_RETURN_CODE_VALID_TO_UNDEFINED = -1

/**
 * Kafka's `VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT`: `put` returns it when the record was
 * not put because it is older than the history retention (the grace period). Java uses
 * `Long.MIN_VALUE`, which a JS number cannot hold exactly; tributary uses
 * `Number.MIN_SAFE_INTEGER`, the smallest integer a number holds exactly (no record timestamp
 * takes that value).
 */
export const PUT_RETURN_CODE_NOT_PUT = Number.MIN_SAFE_INTEGER

/**
 * One version of a key's value (Kafka's `VersionedRecord`): the value, the timestamp it became
 * valid at (its validFrom, inclusive) and `validTo`, the timestamp of the next version (exclusive),
 * or null for the latest version (Kafka's `Optional.empty()`). Values are never null: a deleted
 * key has no record. Immutable.
 */
export interface VersionedRecord<V> {
  readonly value: V
  readonly timestamp: number
  readonly validTo: number | null
}

/** Builds a `VersionedRecord` (Kafka's `new VersionedRecord<>(value, timestamp[, validTo])`). */
export function versionedRecord<V>(value: V, timestamp: number, validTo: number | null = null): VersionedRecord<V> {
  return { value, timestamp, validTo }
}

/**
 * A key-value store that keeps a history of versions per key, each valid from its timestamp to
 * the next version's (Kafka's `VersionedKeyValueStore`, KIP-889). Deletes are tombstone versions.
 *
 * History retention doubles as grace period: once observed stream time (the largest timestamp
 * put or deleted so far) is past `t + historyRetention`, a put or delete at `t` is not applied and
 * a read as of `t` returns null, unless the latest version is valid at `t`. All operations are
 * synchronous.
 */
export interface VersionedKeyValueStore<K, V> extends StateStore {
  /**
   * Adds (or, at a timestamp that already has a version, replaces) the version of `key` valid
   * from `timestamp`. A null value is a tombstone (a delete).
   * @returns `PUT_RETURN_CODE_VALID_TO_UNDEFINED` (-1) when the put is the latest version, the
   * validTo of the version put when a later version exists, or `PUT_RETURN_CODE_NOT_PUT`
   * (`Number.MIN_SAFE_INTEGER`) when `timestamp` is older than the history retention allows.
   * @throws StoreArgumentError when `key` is null.
   */
  put(key: K, value: V | null, timestamp: number): number
  /**
   * Puts a tombstone at `timestamp` and returns the version that was valid at `timestamp` before
   * (with its validTo as it was), or null when there was none or the delete was too old to apply.
   * @throws StoreArgumentError when `key` is null.
   */
  delete(key: K, timestamp: number): VersionedRecord<V> | null
  /**
   * Without `asOfTimestamp`: the latest version (validTo null), or null when the key has none or
   * its latest version is a tombstone. With it: the version valid at `asOfTimestamp` (validFrom <=
   * asOfTimestamp < validTo), or null when none is, it is a tombstone, or `asOfTimestamp` is past
   * the history retention and the latest version is not valid then.
   * @throws StoreArgumentError when `key` is null.
   */
  get(key: K, asOfTimestamp?: number): VersionedRecord<V> | null
}

/**
 * True when `store` is a typed versioned key-value store (it says so with a `versioned: true`
 * marker, as stores declare what they are as data rather than by class).
 */
export function isVersionedKeyValueStore(store: StateStore): boolean {
  return (store as unknown as { versioned?: unknown }).versioned === true
}
