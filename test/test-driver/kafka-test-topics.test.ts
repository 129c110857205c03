/**
 * Ported from Kafka Streams' TestTopicsTest (streams/test-utils): TestInputTopic and
 * TestOutputTopic behaviour (values, keys, lists, maps, timestamps, auto-advance, headers,
 * errors) on the same pass-through and key/value-swapping topology.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Headers } from '../../processor-api/headers.js'
import { KeyValue } from '../../processor-api/key-value.js'
import { Consumed, Produced, StreamsBuilder } from '../../dsl/index.js'
import { NoSuchElementError, TestRecord, TopologyTestDriver } from '../../src/test-driver/index.js'

const S = Serdes.String()
const L = Serdes.Long()
const INPUT_TOPIC = 'input'
const OUTPUT_TOPIC = 'output1'
const INPUT_TOPIC_MAP = 'input-map'
const OUTPUT_TOPIC_MAP = 'output-map'
const BASE = Date.parse('2019-06-01T10:00:00Z')
let driver: TopologyTestDriver

beforeEach(() => {
  const b = new StreamsBuilder()
  b.stream(INPUT_TOPIC).to(OUTPUT_TOPIC)
  b.stream<number, string>(INPUT_TOPIC_MAP, Consumed.with(L, S))
    .map((k, v) => KeyValue.pair(v, k))
    .to(OUTPUT_TOPIC_MAP, Produced.with(S, L))
  driver = new TopologyTestDriver(b.build(), { defaultKeySerde: Serdes.ByteArray(), defaultValueSerde: Serdes.ByteArray() })
})

afterEach(async () => {
  await driver.close()
})

/** Key, value, timestamp and headers of a record, for comparison (Kafka's TestRecord.equals). */
function fields<K, V>(r: TestRecord<K, V>): unknown[] {
  return [r.key, r.value, r.timestamp, r.headers.toArray()]
}

describe('TestTopicsTest (Kafka)', () => {
  it('testValue', () => {
    const input = driver.createInputTopic(INPUT_TOPIC, S, S)
    const output = driver.createOutputTopic(OUTPUT_TOPIC, S, S)
    input.pipeInput('Hello')
    expect(output.readValue()).toBe('Hello')
    expect(output.isEmpty()).toBe(true)
  })

  it('testValueList', () => {
    const input = driver.createInputTopic(INPUT_TOPIC, S, S)
    const output = driver.createOutputTopic(OUTPUT_TOPIC, S, S)
    input.pipeValueList(['This', 'is', 'an', 'example'])
    expect(output.readValuesToList()).toEqual(['This', 'is', 'an', 'example'])
  })

  it('testKeyValue', () => {
    const input = driver.createInputTopic(INPUT_TOPIC, L, S)
    const output = driver.createOutputTopic(OUTPUT_TOPIC, L, S)
    input.pipeInput(1, 'Hello')
    expect(output.readKeyValue()).toEqual(KeyValue.pair(1, 'Hello'))
    expect(output.isEmpty()).toBe(true)
  })

  it('testKeyValueList and testKeyValuesToMap', () => {
    const input = driver.createInputTopic(INPUT_TOPIC_MAP, L, S)
    const output = driver.createOutputTopic(OUTPUT_TOPIC_MAP, S, L)
    const words = ['This', 'is', 'an', 'example']
    input.pipeKeyValueList(words.map((w, i) => KeyValue.pair(i, w)))
    expect(output.readKeyValuesToList()).toEqual(words.map((w, i) => KeyValue.pair(w, i)))
    input.pipeKeyValueList(words.map((w, i) => KeyValue.pair(i, w)))
    expect(output.readKeyValuesToMap()).toEqual(new Map(words.map((w, i) => [w, i])))
  })

  it('testKeyValuesToMapWithNull', () => {
    const input = driver.createInputTopic(INPUT_TOPIC, L, S)
    const output = driver.createOutputTopic(OUTPUT_TOPIC, L, S)
    input.pipeInput('value')
    expect(() => output.readKeyValuesToMap()).toThrow(/Null keys not allowed/)
  })

  it('testKeyValueListDuration and testRecordList', () => {
    const input = driver.createInputTopic(INPUT_TOPIC_MAP, L, S)
    const output = driver.createOutputTopic(OUTPUT_TOPIC_MAP, S, L)
    const words = ['This', 'is', 'an', 'example']
    const expected = words.map((w, i) => fields(new TestRecord(w, i, { timestamp: BASE + i * 15_000 })))
    input.pipeKeyValueList(words.map((w, i) => KeyValue.pair(i, w)), BASE, 15_000)
    expect(output.readRecordsToList().map(fields)).toEqual(expected)
    input.pipeRecordList(words.map((w, i) => new TestRecord(i, w, { timestamp: BASE + i * 15_000 })))
    expect(output.readRecordsToList().map(fields)).toEqual(expected)
  })

  it('testTimestamp', () => {
    let baseTime = 3
    const input = driver.createInputTopic<number | null, string>(INPUT_TOPIC, L, S)
    const output = driver.createOutputTopic(OUTPUT_TOPIC, L, S)
    input.pipeInput(null, 'Hello', baseTime)
    expect(fields(output.readRecord())).toEqual(fields(new TestRecord(null, 'Hello', { timestamp: baseTime })))
    input.pipeInput(2, 'Kafka', ++baseTime)
    expect(fields(output.readRecord())).toEqual(fields(new TestRecord(2, 'Kafka', { timestamp: baseTime })))
    input.pipeInput(2, 'Kafka', BASE)
    expect(fields(output.readRecord())).toEqual(fields(new TestRecord(2, 'Kafka', { timestamp: BASE })))
    const day = BASE + 86_400_000
    input.pipeValueList(['Advancing', 'time'], day, 15_000)
    expect(fields(output.readRecord())).toEqual(fields(new TestRecord(null, 'Advancing', { timestamp: day })))
    expect(fields(output.readRecord())).toEqual(fields(new TestRecord(null, 'time', { timestamp: day + 15_000 })))
  })

  it('testWithHeaders', () => {
    const headers = new Headers().add('foo', Buffer.from('value')).add('bar', null).add('"A\\u00ea\\u00f1\\u00fcC"', Buffer.from('value'))
    const input = driver.createInputTopic(INPUT_TOPIC, L, S)
    const output = driver.createOutputTopic(OUTPUT_TOPIC, L, S)
    input.pipeInput(new TestRecord(1, 'Hello', { headers }))
    const r = output.readRecord()
    expect([r.key, r.value, r.headers.toArray()]).toEqual([1, 'Hello', headers.toArray()])
    input.pipeInput(new TestRecord(2, 'Kafka', { headers, timestamp: 4 }))
    expect(fields(output.readRecord())).toEqual(fields(new TestRecord(2, 'Kafka', { headers, timestamp: 4 })))
  })

  it('testStartTimestamp', () => {
    const input = driver.createInputTopic(INPUT_TOPIC, L, S, BASE, 0)
    const output = driver.createOutputTopic(OUTPUT_TOPIC, L, S)
    input.pipeInput(1, 'Hello')
    expect(fields(output.readRecord())).toEqual(fields(new TestRecord(1, 'Hello', { timestamp: BASE })))
    input.pipeInput(2, 'World')
    expect(fields(output.readRecord())).toEqual(fields(new TestRecord(2, 'World', { timestamp: BASE })))
    input.advanceTime(2000)
    input.pipeInput(3, 'Kafka')
    expect(fields(output.readRecord())).toEqual(fields(new TestRecord(3, 'Kafka', { timestamp: BASE + 2000 })))
  })

  it('testTimestampAutoAdvance', () => {
    const input = driver.createInputTopic<number | null, string>(INPUT_TOPIC, L, S, BASE, 2000)
    const output = driver.createOutputTopic(OUTPUT_TOPIC, L, S)
    input.pipeInput('Hello')
    expect(fields(output.readRecord())).toEqual(fields(new TestRecord(null, 'Hello', { timestamp: BASE })))
    input.pipeInput(2, 'Kafka')
    expect(fields(output.readRecord())).toEqual(fields(new TestRecord(2, 'Kafka', { timestamp: BASE + 2000 })))
  })

  it('testMultipleTopics', () => {
    const input1 = driver.createInputTopic(INPUT_TOPIC, L, S)
    const input2 = driver.createInputTopic(INPUT_TOPIC_MAP, L, S)
    const output1 = driver.createOutputTopic(OUTPUT_TOPIC, L, S)
    const output2 = driver.createOutputTopic(OUTPUT_TOPIC_MAP, S, L)
    input1.pipeInput(1, 'Hello')
    expect(output1.readKeyValue()).toEqual(KeyValue.pair(1, 'Hello'))
    expect(output2.isEmpty()).toBe(true)
    input2.pipeInput(1, 'Hello')
    expect(output2.readKeyValue()).toEqual(KeyValue.pair('Hello', 1))
    expect(output1.isEmpty()).toBe(true)
    expect(output2.isEmpty()).toBe(true)
  })

  it('testNonExistingOutputTopic, testNonUsedOutputTopic, testEmptyTopic', () => {
    expect(() => driver.createOutputTopic('no-exist', L, S).readRecord()).toThrow(NoSuchElementError)
    expect(() => driver.createOutputTopic('no-exist', L, S).readRecord()).toThrow(/Uninitialized topic/)
    expect(() => driver.createOutputTopic(OUTPUT_TOPIC, L, S).readRecord()).toThrow(/Uninitialized topic/)
    const input = driver.createInputTopic(INPUT_TOPIC, S, S)
    const output = driver.createOutputTopic(OUTPUT_TOPIC, S, S)
    input.pipeInput('Hello')
    expect(output.readValue()).toBe('Hello')
    expect(() => output.readRecord()).toThrow(NoSuchElementError)
    expect(() => output.readRecord()).toThrow(/Empty topic/)
  })

  it('testNonExistingInputTopic', () => {
    const input = driver.createInputTopic('no-exist', L, S)
    expect(() => input.pipeInput(1, 'Hello')).toThrow(/Unknown topic/)
  })

  it('testWrongSerde: a key the source cannot deserialize fails the pipe', () => {
    const input = driver.createInputTopic(INPUT_TOPIC_MAP, S, S)
    expect(() => input.pipeInput('1L', 'Hello')).toThrow()
  })

  it('testDuration and testNegativeAdvance', () => {
    expect(() => driver.createInputTopic(INPUT_TOPIC_MAP, S, S, BASE, -86_400_000)).toThrow(RangeError)
    const input = driver.createInputTopic(INPUT_TOPIC_MAP, S, S)
    expect(() => input.advanceTime(-86_400_000)).toThrow(RangeError)
  })

  it('testOutputWrongSerde: reading with a deserializer that does not fit fails', () => {
    const input = driver.createInputTopic(INPUT_TOPIC_MAP, L, S)
    const output = driver.createOutputTopic(OUTPUT_TOPIC_MAP, L, S)
    input.pipeInput(1, 'Hello')
    expect(() => output.readKeyValue()).toThrow()
  })
})
