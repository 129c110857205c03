/**
 * Ported from Kafka Streams' TopologyTestDriverTest (streams/test-utils), run under at-least-once
 * and exactly-once v2 as Kafka's AtLeastOnce/Eos variants: the cases that
 * test/test-driver/kafka-topology-test-driver.test.ts does not cover, with the same topologies,
 * inputs and expectations (record metadata, per-source deserializers, per-sink serializers,
 * produced topic names, pattern sources, recursive topologies, task idling). Store cases are in
 * topology-test-driver-stores.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { TopologyError } from '../../../processor-api/errors.js'
import type { Record } from '../../../processor-api/record.js'
import { KeyValue } from '../../../processor-api/key-value.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Serializer } from '../../../processor-api/serde/serde.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { StreamsBuilder } from '../../../dsl/streams-builder.js'
import { Materialized } from '../../../dsl/options/materialized.js'
import { TableJoined } from '../../../dsl/options/table-joined.js'
import { NoSuchElementError, TestRecord, TopologyTestDriver } from '../../../src/test-driver/index.js'
import {
  B,
  S,
  SOURCE_TOPIC_1,
  SOURCE_TOPIC_2,
  SINK_TOPIC_1,
  SINK_TOPIC_2,
  headers,
  key1,
  value1,
  testRecord1,
  config,
  useGuarantee,
  removeTempDirs,
  mockSupplier,
  setupSourceSinkTopology,
  setupSingleProcessorTopology,
  expectProcessed,
} from './fixtures/ttd-fixtures.js'

let testDriver: TopologyTestDriver | null = null
afterEach(async () => {
  await testDriver?.close()
  testDriver = null
  removeTempDirs()
})

describe.each(['at_least_once', 'exactly_once_v2'] as const)('TopologyTestDriverTest (Kafka), cases not ported elsewhere (%s)', (guarantee) => {
  beforeEach(() => {
    useGuarantee(guarantee)
  })

  it('shouldNotRequireParameters / shouldInitProcessor / shouldCloseProcessor', async () => {
    const { topology, processors } = setupSingleProcessorTopology()
    const driver = new TopologyTestDriver(topology, config())
    expect(processors()[0]!.initialized).toBe(true)
    await driver.close()
    expect(processors()[0]!.closed).toBe(true)
  })

  it('shouldThrowForUnknownTopic', () => {
    testDriver = new TopologyTestDriver(new Topology())
    expect(() => testDriver!.createInputTopic('unknownTopic', B, B).pipeInput(new TestRecord<Buffer | null, Buffer | null>(null, null) as TestRecord<Buffer, Buffer>)).toThrow()
  })

  it('shouldThrowNoSuchElementExceptionForUnusedOutputTopicWithDynamicRouting', () => {
    testDriver = new TopologyTestDriver(setupSourceSinkTopology(), config())
    const output = testDriver.createOutputTopic('unused-topic', S, S)
    expect(output.isEmpty()).toBe(true)
    expect(() => output.readRecord()).toThrow(NoSuchElementError)
  })

  it('shouldCaptureSinkTopicNamesIfWrittenInto', () => {
    testDriver = new TopologyTestDriver(setupSourceSinkTopology(), config())
    expect(testDriver.producedTopicNames()).toEqual(new Set())
    testDriver.createInputTopic(SOURCE_TOPIC_1, B, B).pipeInput(testRecord1())
    expect(testDriver.producedTopicNames().has(SINK_TOPIC_1)).toBe(true)
  })

  it('shouldCaptureInternalTopicNamesIfWrittenInto (a count and a foreign-key join)', async () => {
    const builder = new StreamsBuilder()
    const t1 = builder
      .stream<Buffer, Buffer>(SOURCE_TOPIC_1)
      .selectKey((_k, v) => v)
      .groupByKey()
      .count(Materialized.as('table1'))
    builder
      .table<Buffer, Buffer>(SOURCE_TOPIC_2, Materialized.as('table2'))
      .join(t1, (v: Buffer) => v, (_v1: Buffer, v2: number) => v2, { tableJoined: TableJoined.as('join') })
    const cfg = config()
    testDriver = new TopologyTestDriver(builder.build(), cfg)
    await testDriver.settled()
    expect(testDriver.producedTopicNames()).toEqual(new Set())
    await testDriver.createInputTopic(SOURCE_TOPIC_1, B, B).pipeInput(testRecord1())
    const app = cfg.applicationId
    expect(testDriver.producedTopicNames()).toEqual(new Set([`${app}-table1-repartition`, `${app}-table1-changelog`]))
    await testDriver.createInputTopic(SOURCE_TOPIC_2, B, B).pipeInput(testRecord1())
    expect(testDriver.producedTopicNames()).toEqual(
      new Set([
        `${app}-table1-repartition`,
        `${app}-table1-changelog`,
        `${app}-table2-changelog`,
        `${app}-join-subscription-registration-topic`,
        `${app}-join-subscription-store-changelog`,
        `${app}-join-subscription-response-topic`,
      ]),
    )
  })

  it('shouldCaptureGlobalTopicNameIfWrittenInto (the global table is LevelDB-backed: await)', async () => {
    const builder = new StreamsBuilder()
    builder.globalTable(SOURCE_TOPIC_1, Materialized.as('globalTable'))
    builder.stream(SOURCE_TOPIC_2).to(SOURCE_TOPIC_1)
    testDriver = new TopologyTestDriver(builder.build(), config())
    await testDriver.settled()
    expect(testDriver.producedTopicNames()).toEqual(new Set())
    await testDriver.createInputTopic(SOURCE_TOPIC_2, B, B).pipeInput(testRecord1())
    expect(testDriver.producedTopicNames()).toEqual(new Set([SOURCE_TOPIC_1]))
  })

  it('shouldProcessRecordForTopic', () => {
    testDriver = new TopologyTestDriver(setupSourceSinkTopology(), config())
    testDriver.createInputTopic(SOURCE_TOPIC_1, B, B).pipeInput(testRecord1())
    const out = testDriver.createOutputTopic(SINK_TOPIC_1, B, B).readRecord()
    expect(out.key).toEqual(key1)
    expect(out.value).toEqual(value1)
  })

  it('shouldSetRecordMetadata', () => {
    const { topology, processors } = setupSingleProcessorTopology()
    testDriver = new TopologyTestDriver(topology, config())
    testDriver.createInputTopic(SOURCE_TOPIC_1, B, B).pipeInput(testRecord1())
    const processed = processors()[0]!.processedRecords
    expect(processed).toHaveLength(1)
    expectProcessed(processed[0], SOURCE_TOPIC_1, testRecord1(), 0)
  })

  it('shouldSendRecordViaCorrectSourceTopic', () => {
    const m1 = mockSupplier()
    const m2 = mockSupplier()
    const topology = new Topology()
      .addSource(`${SOURCE_TOPIC_1}-source`, SOURCE_TOPIC_1)
      .addProcessor(`${SOURCE_TOPIC_1}-processor`, m1.supplier, `${SOURCE_TOPIC_1}-source`)
      .addSource(`${SOURCE_TOPIC_2}-source`, SOURCE_TOPIC_2)
      .addProcessor(`${SOURCE_TOPIC_2}-processor`, m2.supplier, `${SOURCE_TOPIC_2}-source`)
      .addSink('sink-topic', SINK_TOPIC_1, `${SOURCE_TOPIC_1}-processor`, `${SOURCE_TOPIC_2}-processor`)
    testDriver = new TopologyTestDriver(topology, config())
    const processed1 = m1.processors[0]!.processedRecords
    const processed2 = m2.processors[0]!.processedRecords
    const input1 = testDriver.createInputTopic(SOURCE_TOPIC_1, B, B)
    const input2 = testDriver.createInputTopic(SOURCE_TOPIC_2, B, B)
    input1.pipeInput(new TestRecord(key1, value1, { headers: headers(), timestamp: 42 }))
    expect(processed1).toHaveLength(1)
    expect(processed2).toHaveLength(0)
    expectProcessed(processed1[0], SOURCE_TOPIC_1, testRecord1(), 0)
    const record2 = new TestRecord(Buffer.alloc(0), Buffer.alloc(0), { timestamp: 43 })
    input2.pipeInput(record2)
    expect(processed1).toHaveLength(1)
    expect(processed2).toHaveLength(1)
    expectProcessed(processed2[0], SOURCE_TOPIC_2, record2, 0)
  })

  it('shouldUseSourceSpecificDeserializers (and sink serializers choosing by value type)', () => {
    const m = mockSupplier()
    const keySerializer: Serializer<unknown> = {
      serialize: (topic, data) =>
        typeof data === 'string' ? S.serializer.serialize(topic, data) : Serdes.Integer().serializer.serialize(topic, data as number),
    }
    const topology = new Topology()
      .addSource('source-1', SOURCE_TOPIC_1, { keyDeserializer: S.deserializer, valueDeserializer: S.deserializer })
      .addSource('source-2', SOURCE_TOPIC_2, { keyDeserializer: Serdes.Integer().deserializer, valueDeserializer: Serdes.Double().deserializer })
      .addProcessor('processor', m.supplier, 'source-1', 'source-2')
      .addSink(
        'sink',
        SINK_TOPIC_1,
        {
          keySerializer,
          valueSerializer: {
            serialize: (topic, data) =>
              typeof data === 'string' ? S.serializer.serialize(topic, data) : Serdes.Double().serializer.serialize(topic, data as number),
          },
        },
        'processor',
      )
    testDriver = new TopologyTestDriver(topology)
    testDriver.createInputTopic(SOURCE_TOPIC_1, S, S).pipeInput('42', 'anyString')
    const result1 = testDriver.createOutputTopic(SINK_TOPIC_1, S, S).readRecord()
    expect([result1.key, result1.value]).toEqual(['42', 'anyString'])
    testDriver.createInputTopic(SOURCE_TOPIC_2, Serdes.Integer(), Serdes.Double()).pipeInput(73, 3.14)
    const result2 = testDriver.createOutputTopic(SINK_TOPIC_1, Serdes.Integer(), Serdes.Double()).readRecord()
    expect([result2.key, result2.value]).toEqual([73, 3.14])
  })

  it('shouldPassRecordHeadersIntoSerializersAndDeserializers', () => {
    testDriver = new TopologyTestDriver(setupSourceSinkTopology(), config())
    const passed = { keySer: false, valueSer: false, keyDe: false, valueDe: false }
    const input = testDriver.createInputTopic<Buffer, Buffer>(
      SOURCE_TOPIC_1,
      { serialize: (_t, d, h) => ((passed.keySer = h !== undefined), d) },
      { serialize: (_t, d, h) => ((passed.valueSer = h !== undefined), d) },
    )
    const output = testDriver.createOutputTopic<Buffer | null, Buffer | null>(
      SINK_TOPIC_1,
      { deserialize: (_t, d, h) => ((passed.keyDe = h !== undefined), d) },
      { deserialize: (_t, d, h) => ((passed.valueDe = h !== undefined), d) },
    )
    input.pipeInput(testRecord1())
    output.readRecord()
    expect(passed).toEqual({ keySer: true, valueSer: true, keyDe: true, valueDe: true })
  })

  it('shouldUseSinkSpecificSerializers', () => {
    const topology = new Topology()
      .addSource('source-1', SOURCE_TOPIC_1, { keyDeserializer: Serdes.Long().deserializer, valueDeserializer: S.deserializer })
      .addSource('source-2', SOURCE_TOPIC_2, { keyDeserializer: Serdes.Integer().deserializer, valueDeserializer: Serdes.Double().deserializer })
      .addSink('sink-1', SINK_TOPIC_1, { keySerializer: Serdes.Long().serializer, valueSerializer: S.serializer }, 'source-1')
      .addSink('sink-2', SINK_TOPIC_2, { keySerializer: Serdes.Integer().serializer, valueSerializer: Serdes.Double().serializer }, 'source-2')
    testDriver = new TopologyTestDriver(topology)
    testDriver.createInputTopic(SOURCE_TOPIC_1, Serdes.Long(), S).pipeInput(42, 'anyString')
    const result1 = testDriver.createOutputTopic(SINK_TOPIC_1, Serdes.Long(), S).readRecord()
    expect([result1.key, result1.value]).toEqual([42, 'anyString'])
    testDriver.createInputTopic(SOURCE_TOPIC_2, Serdes.Integer(), Serdes.Double()).pipeInput(73, 3.14)
    const result2 = testDriver.createOutputTopic(SINK_TOPIC_2, Serdes.Integer(), Serdes.Double()).readRecord()
    expect([result2.key, result2.value]).toEqual([73, 3.14])
  })

  it('shouldForwardRecordsFromSubtopologyToSubtopology', () => {
    const topology = new Topology()
      .addSource('source-1', SOURCE_TOPIC_1)
      .addSink('sink-1', SINK_TOPIC_1, 'source-1')
      .addSource('source-2', SINK_TOPIC_1)
      .addSink('sink-2', SINK_TOPIC_2, 'source-2')
    testDriver = new TopologyTestDriver(topology, config())
    testDriver.createInputTopic(SOURCE_TOPIC_1, B, B).pipeInput(testRecord1())
    const r1 = testDriver.createOutputTopic(SINK_TOPIC_1, B, B).readRecord()
    expect([r1.key, r1.value]).toEqual([key1, value1])
    const r2 = testDriver.createOutputTopic(SINK_TOPIC_2, B, B).readRecord()
    expect([r2.key, r2.value]).toEqual([key1, value1])
  })

  it('shouldProcessFromSourcesThatMatchMultiplePattern', () => {
    const m1 = mockSupplier()
    const m2 = mockSupplier()
    const p1 = /source-topic-\d/
    const p2 = /source-topic-[A-Z]/
    const topology = new Topology()
      .addSource(`${p1.source}-source`, p1)
      .addProcessor(`${p1.source}-processor`, m1.supplier, `${p1.source}-source`)
      .addSource(`${p2.source}-source`, p2)
      .addProcessor(`${p2.source}-processor`, m2.supplier, `${p2.source}-source`)
      .addSink('sink-topic', SINK_TOPIC_1, `${p1.source}-processor`, `${p2.source}-processor`)
    testDriver = new TopologyTestDriver(topology, config())
    const processed1 = m1.processors[0]!.processedRecords
    const processed2 = m2.processors[0]!.processedRecords
    testDriver.createInputTopic(SOURCE_TOPIC_1, B, B).pipeInput(testRecord1())
    expect(processed1).toHaveLength(1)
    expect(processed2).toHaveLength(0)
    expectProcessed(processed1[0], SOURCE_TOPIC_1, testRecord1(), 0)
    const record2 = new TestRecord(Buffer.alloc(0), Buffer.alloc(0), { timestamp: 43 })
    testDriver.createInputTopic('source-topic-Z', B, B).pipeInput(record2)
    expect(processed1).toHaveLength(1)
    expect(processed2).toHaveLength(1)
    expectProcessed(processed2[0], 'source-topic-Z', record2, 0)
  })

  it('shouldProcessFromSourceThatMatchPattern', () => {
    const topology = new Topology().addSource('source', /source-topic-\d/).addSink('sink', SINK_TOPIC_1, 'source')
    testDriver = new TopologyTestDriver(topology, config())
    testDriver.createInputTopic(SOURCE_TOPIC_1, B, B).pipeInput(testRecord1())
    const out = testDriver.createOutputTopic(SINK_TOPIC_1, B, B).readRecord()
    expect([out.key, out.value]).toEqual([key1, value1])
  })

  it('shouldThrowPatternNotValidForTopicNameException (a named source topic is also read as a regex)', () => {
    const topology = new Topology().addSource('source', 'source-topic-\\d').addSink('sink', SINK_TOPIC_1, 'source')
    testDriver = new TopologyTestDriver(topology, config())
    let caught: unknown
    try {
      testDriver.createInputTopic(SOURCE_TOPIC_1, B, B).pipeInput(testRecord1())
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(TopologyError)
    expect((caught as Error).message).toBe(
      'Invalid topology: Topology add source of type String for topic: source-topic-\\d cannot contain regex pattern for ' +
        'input record topic: source-topic-1 and hence cannot process the message.',
    )
  })

  it('shouldEnqueueLaterOutputsAfterEarlierOnes', () => {
    const topology = new Topology()
      .addSource('source', 'input', { keyDeserializer: S.deserializer, valueDeserializer: S.deserializer })
      .addProcessor(
        'recursiveProcessor',
        () => {
          let ctx!: ProcessorContext<string, string>
          return {
            init: (c: ProcessorContext<string, string>) => void (ctx = c),
            process: (r: Record<string, string>) => {
              if (!r.value.startsWith('recurse-')) ctx.forward(r.withValue(`recurse-${r.value}`), 'recursiveSink')
              ctx.forward(r, 'sink')
            },
          }
        },
        'source',
      )
      .addSink('recursiveSink', 'input', { keySerializer: S.serializer, valueSerializer: S.serializer }, 'recursiveProcessor')
      .addSink('sink', 'output', { keySerializer: S.serializer, valueSerializer: S.serializer }, 'recursiveProcessor')
    testDriver = new TopologyTestDriver(topology)
    testDriver.createInputTopic('input', S, S).pipeInput('B', 'beta')
    expect(testDriver.createOutputTopic('output', S, S).readKeyValuesToList()).toEqual([KeyValue.pair('B', 'beta'), KeyValue.pair('B', 'recurse-beta')])
  })

  it('shouldRespectTaskIdling', () => {
    const SD = { keyDeserializer: S.deserializer, valueDeserializer: S.deserializer }
    const topology = new Topology()
      .addSource('source1', 'input1', SD)
      .addSource('source2', 'input2', SD)
      .addSink('sink', 'output', { keySerializer: S.serializer, valueSerializer: S.serializer }, 'source1', 'source2')
    testDriver = new TopologyTestDriver(topology, { maxTaskIdleMs: 1000 })
    const in1 = testDriver.createInputTopic('input1', S, S)
    const in2 = testDriver.createInputTopic('input2', S, S)
    const out = testDriver.createOutputTopic('output', S, S)
    in1.pipeInput('A', 'alpha')
    testDriver.advanceWallClockTime(1)
    expect(out.readKeyValuesToList()).toEqual([])
    in2.pipeInput('B', 'beta')
    expect(out.readKeyValuesToList()).toEqual([KeyValue.pair('A', 'alpha')])
    testDriver.advanceWallClockTime(1000)
    expect(out.readKeyValuesToList()).toEqual([KeyValue.pair('B', 'beta')])
  })
})
