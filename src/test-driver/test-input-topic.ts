import type { KeyValue } from '../../processor-api/key-value.js'
import type { Serializer } from '../../processor-api/serde/serde.js'
import { runSteps } from '../runtime/task/internal/maybe-promise.js'
import { TestRecord } from './test-record.js'
import { checkTopicArguments } from './internal/check-topic-arguments.js'
import type { PipeResult, TopologyTestDriver } from './topology-test-driver.js'

/**
 * Kafka's `TestInputTopic`: pipes records into one topic of a TopologyTestDriver. Records piped
 * without a timestamp get the topic's current time, which then advances by `autoAdvanceMs`.
 * Each pipe call processes the record through the whole topology before returning (see
 * `PipeResult` for topologies with asynchronous processors).
 */
export class TestInputTopic<K, V> {
  private currentTimeMs: number

  /** @internal Created by `TopologyTestDriver.createInputTopic`. */
  constructor(
    private readonly driver: TopologyTestDriver,
    readonly topic: string,
    private readonly keySerializer: Serializer<K>,
    private readonly valueSerializer: Serializer<V>,
    startTimestampMs: number,
    private readonly autoAdvanceMs: number,
    private readonly labels: { readonly key: string; readonly value: string } = { key: 'Serializer', value: 'Serializer' },
  ) {
    checkTopicArguments(driver, topic)
    if (!Number.isFinite(startTimestampMs) || startTimestampMs < 0) {
      throw new RangeError(`startTimestampMs must be >= 0, got ${startTimestampMs}`)
    }
    if (!Number.isFinite(autoAdvanceMs) || autoAdvanceMs < 0) throw new RangeError('autoAdvance must be positive')
    this.currentTimeMs = startTimestampMs
  }

  /**
   * Moves the time of the next record piped without a timestamp forward.
   * @throws RangeError when `advanceMs` is negative.
   */
  advanceTime(advanceMs: number): void {
    if (!Number.isFinite(advanceMs) || advanceMs < 0) throw new RangeError('advance must be positive')
    this.currentTimeMs += advanceMs
  }

  /** Pipes a TestRecord (its timestamp, or the topic's current time when it has none). */
  pipeInput(record: TestRecord<K, V>): PipeResult
  /** Pipes a value with a null key. */
  pipeInput(value: V): PipeResult
  /** Pipes a key and value, at `timestampMs` or the topic's current time. */
  pipeInput(key: K, value: V, timestampMs?: number): PipeResult
  pipeInput(...args: unknown[]): PipeResult {
    if (args.length === 1) {
      const only = args[0]
      if (only instanceof TestRecord) return this.pipeTestRecord(only as TestRecord<K, V>)
      return this.pipeTestRecord(new TestRecord<K | null, V>(null, only as V) as TestRecord<K, V>)
    }
    const ts = args[2] as number | undefined
    return this.pipeTestRecord(new TestRecord(args[0] as K, args[1] as V, { timestamp: ts ?? null }))
  }

  /** Pipes each record in order. */
  pipeRecordList(records: ReadonlyArray<TestRecord<K, V>>): PipeResult {
    const self = this
    return runSteps(
      (function* () {
        for (const r of records) yield self.pipeTestRecord(r)
      })(),
    )
  }

  /**
   * Pipes each pair in order, at the topic's current time, or from `startTimestampMs` on,
   * `advanceMs` apart (Kafka's overload with `Instant` and `Duration`).
   */
  pipeKeyValueList(keyValues: ReadonlyArray<KeyValue<K, V>>, startTimestampMs?: number, advanceMs = 0): PipeResult {
    const self = this
    return runSteps(
      (function* () {
        let ts = startTimestampMs
        for (const kv of keyValues) {
          yield self.pipeTestRecord(new TestRecord(kv.key, kv.value, { timestamp: ts ?? null }))
          if (ts !== undefined) ts += advanceMs
        }
      })(),
    )
  }

  /** Pipes each value (null keys) in order, like `pipeKeyValueList`. */
  pipeValueList(values: ReadonlyArray<V>, startTimestampMs?: number, advanceMs = 0): PipeResult {
    const self = this
    return runSteps(
      (function* () {
        let ts = startTimestampMs
        for (const v of values) {
          yield self.pipeTestRecord(new TestRecord<K | null, V>(null, v, { timestamp: ts ?? null }) as TestRecord<K, V>)
          if (ts !== undefined) ts += advanceMs
        }
      })(),
    )
  }

  /** Kafka's text: `TestInputTopic[topic='name', keySerializer=StringSerializer, valueSerializer=...]`. */
  toString(): string {
    return `TestInputTopic[topic='${this.topic}', keySerializer=${this.labels.key}, valueSerializer=${this.labels.value}]`
  }

  private pipeTestRecord(record: TestRecord<K, V>): PipeResult {
    let timestamp = record.timestamp
    if (timestamp === null) {
      timestamp = this.currentTimeMs
      this.currentTimeMs += this.autoAdvanceMs
    }
    const key = this.keySerializer.serialize(this.topic, record.key, record.headers)
    const value = this.valueSerializer.serialize(this.topic, record.value, record.headers)
    return this.driver.pipeRecord(this.topic, key, value, timestamp, record.headers)
  }
}
