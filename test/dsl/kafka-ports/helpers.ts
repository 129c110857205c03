/** Helpers for tests ported from Kafka Streams' own test suites: Java-style renderings of results. */
import type { Windowed } from '../../../processor-api/windowed.js'
import type { TestOutputTopic } from '../../../src/test-driver/index.js'

/** Kafka's `Windowed.toString()`: `[key@start/end]`. */
export function windowedString<K>(w: Windowed<K>): string {
  return `[${String(w.key)}@${w.window.start}/${w.window.end}]`
}

/** Kafka's `KeyValueTimestamp`: key, value and timestamp of an output record. */
export interface Kvt<K, V> {
  key: K
  value: V
  timestamp: number
}

export function kvt<K, V>(key: K, value: V, timestamp: number): Kvt<K, V> {
  return { key, value, timestamp }
}

/** Reads every record of an output topic (Kafka's `drainProducerRecords`). */
export function drainKvt<K, V>(topic: TestOutputTopic<K, V>): Kvt<K, V>[] {
  return topic.readRecordsToList().map((r) => kvt(r.key as K, r.value as V, r.timestamp as number))
}
