import type { KeyValue } from '../../processor-api/key-value.js'
import type { Deserializer } from '../../processor-api/serde/serde.js'
import { StreamsError } from '../../processor-api/errors.js'
import { TestRecord } from './test-record.js'
import { checkTopicArguments } from './internal/check-topic-arguments.js'
import type { TopologyTestDriver } from './topology-test-driver.js'

/**
 * Kafka's `TestOutputTopic`: reads (and consumes) what a topology wrote to one topic, in order.
 * Values and keys are what the deserializers return: null for tombstones and null keys.
 * Reading from an empty topic throws `NoSuchElementError` (`KS_ERR_NO_SUCH_ELEMENT`), as Kafka's
 * `NoSuchElementException`.
 */
export class TestOutputTopic<K, V> {
  /** @internal Created by `TopologyTestDriver.createOutputTopic`. */
  constructor(
    private readonly driver: TopologyTestDriver,
    readonly topic: string,
    private readonly keyDeserializer: Deserializer<K>,
    private readonly valueDeserializer: Deserializer<V>,
    private readonly labels: { readonly key: string; readonly value: string } = { key: 'Deserializer', value: 'Deserializer' },
  ) {
    checkTopicArguments(driver, topic)
  }

  /** Kafka's text: `TestOutputTopic[topic='name', keyDeserializer=..., valueDeserializer=..., size=n]`. */
  toString(): string {
    return (
      `TestOutputTopic[topic='${this.topic}', keyDeserializer=${this.labels.key}, ` +
      `valueDeserializer=${this.labels.value}, size=${this.getQueueSize()}]`
    )
  }

  /** The next record's value. @throws NoSuchElementError when there is none. */
  readValue(): V {
    return this.readRecord().value
  }

  /** The next record's key and value. @throws NoSuchElementError when there is none. */
  readKeyValue(): KeyValue<K, V> {
    const r = this.readRecord()
    return { key: r.key, value: r.value }
  }

  /** The next record with its timestamp and headers. @throws NoSuchElementError when there is none. */
  readRecord(): TestRecord<K, V> {
    const c = this.driver.readOutput(this.topic)
    const r = c.record
    const headers = r.headers
    const key = this.keyDeserializer.deserialize(this.topic, r.key, headers) as K
    const value = this.valueDeserializer.deserialize(this.topic, r.value, headers) as V
    return new TestRecord(key, value, { timestamp: r.timestamp, headers })
  }

  /** Every unread value. */
  readValuesToList(): V[] {
    const out: V[] = []
    while (!this.isEmpty()) out.push(this.readValue())
    return out
  }

  /** Every unread key-value pair. */
  readKeyValuesToList(): KeyValue<K, V>[] {
    const out: KeyValue<K, V>[] = []
    while (!this.isEmpty()) out.push(this.readKeyValue())
    return out
  }

  /**
   * Every unread record as a map from key to its latest value (a table's final state). Keys are
   * compared as JavaScript `Map` keys.
   * @throws StreamsError (`KS_ERR_NULL_KEY`) when a record has a null key.
   */
  readKeyValuesToMap(): Map<K, V> {
    const out = new Map<K, V>()
    while (!this.isEmpty()) {
      const r = this.readRecord()
      if (r.key === null || r.key === undefined) {
        throw new StreamsError('KS_ERR_NULL_KEY', 'Null keys not allowed with readKeyValuesToMap method')
      }
      out.set(r.key, r.value)
    }
    return out
  }

  /** Every unread record. */
  readRecordsToList(): TestRecord<K, V>[] {
    const out: TestRecord<K, V>[] = []
    while (!this.isEmpty()) out.push(this.readRecord())
    return out
  }

  /** How many records are unread. */
  getQueueSize(): number {
    return this.driver.outputSize(this.topic)
  }

  /** True when every record was read. */
  isEmpty(): boolean {
    return this.getQueueSize() === 0
  }
}
