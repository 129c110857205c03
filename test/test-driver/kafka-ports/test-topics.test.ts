/**
 * Ported from Kafka Streams' TestTopicsTest and TestRecordTest (streams/test-utils): the cases
 * test/test-driver/kafka-test-topics.test.ts does not cover (toString of the topics, null topic
 * names and drivers, readRecordsToList with auto-advanced time) and TestRecord's fields,
 * equality (compared field by field) and invalid timestamps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { Headers } from '../../../processor-api/headers.js'
import { KeyValue } from '../../../processor-api/key-value.js'
import { Consumed, Produced, StreamsBuilder } from '../../../dsl/index.js'
import { TestInputTopic, TestOutputTopic, TestRecord, TopologyTestDriver } from '../../../src/test-driver/index.js'

const S = Serdes.String()
const L = Serdes.Long()
const BASE = Date.parse('2019-06-01T10:00:00Z')
let driver: TopologyTestDriver

beforeEach(() => {
  const b = new StreamsBuilder()
  b.stream('input').to('output1')
  b.stream<number, string>('input-map', Consumed.with(L, S))
    .map((k, v) => KeyValue.pair(v, k))
    .to('output-map', Produced.with(S, L))
  driver = new TopologyTestDriver(b.build(), { defaultKeySerde: Serdes.ByteArray(), defaultValueSerde: Serdes.ByteArray() })
})

afterEach(async () => {
  await driver.close()
})

const fields = <K, V>(r: TestRecord<K, V>): unknown[] => [r.key, r.value, r.timestamp, r.headers.toArray()]

describe('TestTopicsTest (Kafka), remaining cases', () => {
  it('testInputToString', () => {
    const s = driver.createInputTopic('topicName', S, S).toString()
    expect(s).toContain('TestInputTopic')
    expect(s).toContain("topic='topicName'")
    expect(s).toContain('StringSerializer')
    expect(s).toBe("TestInputTopic[topic='topicName', keySerializer=StringSerializer, valueSerializer=StringSerializer]")
  })

  it('testOutputToString', () => {
    const s = driver.createOutputTopic('output1', S, S).toString()
    expect(s).toContain('TestOutputTopic')
    expect(s).toContain("topic='output1'")
    expect(s).toContain('size=0')
    expect(s).toContain('StringDeserializer')
  })

  it('shouldNotAllowToCreateTopicWithNullTopicName / WithNullDriver (input and output)', () => {
    expect(() => driver.createInputTopic(null as unknown as string, S, S)).toThrow(TypeError)
    expect(() => driver.createOutputTopic(null as unknown as string, S, S)).toThrow(TypeError)
    const noDriver = null as unknown as TopologyTestDriver
    expect(() => new TestInputTopic(noDriver, 'input', S.serializer, S.serializer, Date.now(), 0)).toThrow(TypeError)
    expect(() => new TestOutputTopic(noDriver, 'output1', S.deserializer, S.deserializer)).toThrow(TypeError)
  })

  it('testRecordsToList', () => {
    const input = driver.createInputTopic('input-map', L, S)
    const output = driver.createOutputTopic('output-map', S, L)
    const words = ['This', 'is', 'an', 'example']
    const advance = 15_000
    input.pipeKeyValueList(
      words.map((w, i) => KeyValue.pair(i, w)),
      BASE,
      advance,
    )
    expect(output.readRecordsToList().map(fields)).toEqual(words.map((w, i) => [w, i, BASE + i * advance, []]))
  })
})

describe('TestRecordTest (Kafka)', () => {
  const headers = (): Headers =>
    new Headers([
      { key: 'foo', value: Buffer.from('value') },
      { key: 'bar', value: null },
      { key: '"A\\u00ea\\u00f1\\u00fcC"', value: Buffer.from('value') },
    ])

  it('testFields', () => {
    const r = new TestRecord('testKey', 1, { headers: headers(), timestamp: BASE })
    expect(r.key).toBe('testKey')
    expect(r.value).toBe(1)
    expect(r.headers.toArray()).toEqual(headers().toArray())
    expect(r.timestamp).toBe(BASE)
  })

  it('testEqualsAndHashCode (field by field)', () => {
    const r = fields(new TestRecord('testKey', 1, { headers: headers(), timestamp: BASE }))
    expect(fields(new TestRecord('testKey', 1, { headers: headers(), timestamp: BASE }))).toEqual(r)
    const headers2 = new Headers([
      { key: 'foo', value: Buffer.from('value') },
      { key: 'bar', value: null },
    ])
    expect(fields(new TestRecord('testKey', 1, { headers: headers2, timestamp: BASE }))).not.toEqual(r)
    expect(fields(new TestRecord('test-mismatch', 1, { headers: headers(), timestamp: BASE }))).not.toEqual(r)
    expect(fields(new TestRecord('testKey', 2, { headers: headers(), timestamp: BASE }))).not.toEqual(r)
    expect(fields(new TestRecord('testKey', 1, { headers: headers(), timestamp: BASE + 1 }))).not.toEqual(r)
    expect(fields(new TestRecord(null, null))).toEqual([null, null, null, []])
  })

  it('testPartialConstructorEquals', () => {
    expect(fields(new TestRecord('testKey', 1))).toEqual(['testKey', 1, null, []])
    expect(fields(new TestRecord('testKey', 1, { headers: headers() }))).toEqual(['testKey', 1, null, headers().toArray()])
    expect(fields(new TestRecord('testKey', 1, { timestamp: BASE }))).toEqual(['testKey', 1, BASE, []])
  })

  it('testToString', () => {
    const r = new TestRecord('testKey', 1, { headers: headers(), timestamp: BASE })
    expect(r.toString()).toBe(
      'TestRecord[key=testKey, value=1, ' +
        'headers=RecordHeaders(headers = [RecordHeader(key = foo, value = [118, 97, 108, 117, 101]), ' +
        'RecordHeader(key = bar, value = null), RecordHeader(key = "A\\u00ea\\u00f1\\u00fcC", value = [118, 97, 108, 117, 101])], isReadOnly = false), ' +
        'recordTime=2019-06-01T10:00:00Z]',
    )
    expect(new TestRecord(null, null).toString()).toBe('TestRecord[key=null, value=null, headers=RecordHeaders(headers = [], isReadOnly = false), recordTime=null]')
  })

  it('testInvalidRecords', () => {
    expect(() => new TestRecord('testKey', 1, { headers: headers(), timestamp: -1 })).toThrow(RangeError)
  })

  it('copies the headers it is given', () => {
    const h = headers()
    const r = new TestRecord('testKey', 1, { headers: h })
    h.add('later', null)
    expect(r.headers.toArray()).toEqual(headers().toArray())
  })
})
