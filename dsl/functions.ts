/**
 * The function shapes DSL operations take, named as in Kafka Streams. Keys and values are passed
 * as arguments in Java's order; where Java has a `...WithKey` variant, the key comes as the last
 * (optional) parameter so one signature serves both forms.
 */
import type { KeyValue } from '../processor-api/key-value.js'

/** Decides whether a record passes (Kafka's `Predicate`). */
export type Predicate<K, V> = (key: K, value: V) => boolean

/** Computes a new key, a new pair, or any value from a key and a value (Kafka's `KeyValueMapper`). */
export type KeyValueMapper<K, V, R> = (key: K, value: V) => R

/**
 * Computes a new value from a value (Kafka's `ValueMapper`); the read-only key is passed as the
 * second argument (Kafka's `ValueMapperWithKey`). The key must not be modified.
 */
export type ValueMapper<V, VR, K = unknown> = (value: V, readOnlyKey: K) => VR

/**
 * Joins a value with the other side's value (Kafka's `ValueJoiner`); the read-only key comes
 * third (Kafka's `ValueJoinerWithKey`). For outer/left joins the missing side is `null`.
 */
export type ValueJoiner<V1, V2, VR, K = unknown> = (value1: V1, value2: V2, readOnlyKey: K) => VR

/** The initial aggregate value (Kafka's `Initializer`). */
export type Initializer<VA> = () => VA

/** Adds a record to an aggregate (Kafka's `Aggregator`: key, value, aggregate). */
export type Aggregator<K, V, VA> = (key: K, value: V, aggregate: VA) => VA

/** Combines the aggregate so far with a new value of the same type (Kafka's `Reducer`). */
export type Reducer<V> = (value1: V, value2: V) => V

/** Merges two session aggregates when sessions merge (Kafka's `Merger`). */
export type Merger<K, VA> = (aggKey: K, aggOne: VA, aggTwo: VA) => VA

/** A side effect per record (Kafka's `ForeachAction`). */
export type ForeachAction<K, V> = (key: K, value: V) => void

/** The pairs `flatMap` emits for one record. */
export type KeyValueIterable<K, V> = Iterable<KeyValue<K, V>>
