/**
 * Ported from Kafka Streams' TopologyTestDriverTest (streams/test-utils): the cases that
 * test/test-driver/kafka-topology-test-driver.test.ts does not cover, with the same topologies,
 * inputs and expectations (record metadata, per-source deserializers, per-sink serializers,
 * global stores, store getters, produced topic names, recursive topologies, task idling).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { TopologyError } from '../../../processor-api/errors.js'
import type { Record } from '../../../processor-api/record.js'
import { Headers } from '../../../processor-api/headers.js'
import { KeyValue } from '../../../processor-api/key-value.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Processor } from '../../../processor-api/processor.js'
import type { Serializer } from '../../../processor-api/serde/serde.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { Stores } from '../../../state-stores/stores.js'
import type { KeyValueStore } from '../../../state-stores/key-value-store.js'
import { StreamsBuilder } from '../../../dsl/streams-builder.js'
import { Materialized } from '../../../dsl/options/materialized.js'
import { Consumed } from '../../../dsl/options/consumed.js'
import { TableJoined } from '../../../dsl/options/table-joined.js'
import { NoSuchElementError, StoreTypeMismatchError, TestRecord, TopologyTestDriver } from '../../../src/test-driver/index.js'

const SOURCE_TOPIC_1 = 'source-topic-1'
const SOURCE_TOPIC_2 = 'source-topic-2'
const SINK_TOPIC_1 = 'sink-topic-1'
const SINK_TOPIC_2 = 'sink-topic-2'
const B = Serdes.ByteArray()
const S = Serdes.String()
const headers = (): Headers => new Headers([{ key: 'key', value: Buffer.from('value') }])
const key1 = Buffer.alloc(0)
const value1 = Buffer.alloc(0)
const testRecord1 = (): TestRecord<Buffer, Buffer> => new TestRecord(key1, value1, { headers: headers(), timestamp: 42 })

const tempDirs: string[] = []
/** Kafka runs TopologyTestDriverTest twice: TopologyTestDriverAtLeastOnceTest and TopologyTestDriverEosTest. */
type Guarantee = 'at_least_once' | 'exactly_once_v2'
let processingGuarantee: Guarantee = 'at_least_once'
function config(): {
  applicationId: string
  stateDir: string
  defaultKeySerde: typeof B
  defaultValueSerde: typeof B
  processingGuarantee: Guarantee
} {
  const stateDir = mkdtempSync(join(tmpdir(), 'ttd-port-'))
  tempDirs.push(stateDir)
  return { applicationId: 'test-TopologyTestDriver', stateDir, defaultKeySerde: B, defaultValueSerde: B, processingGuarantee }
}

let testDriver: TopologyTestDriver | null = null
afterEach(async () => {
  await testDriver?.close()
  testDriver = null
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

interface Processed {
  key: unknown
  value: unknown
  headers: unknown[]
  timestamp: number
  offset: number
  topic: string | null
}

/** Kafka's MockProcessor: records what it processed (with its metadata) and forwards it. */
class MockProcessor implements Processor<unknown, unknown, unknown, unknown> {
  initialized = false
  closed = false
  readonly processedRecords: Processed[] = []
  private context!: ProcessorContext<unknown, unknown>
  init(context: ProcessorContext<unknown, unknown>): void {
    this.initialized = true
    this.context = context
  }
  process(record: Record<unknown, unknown>): void {
    const md = this.context.recordMetadata()
    this.processedRecords.push({
      key: record.key,
      value: record.value,
      headers: record.headers.toArray(),
      timestamp: record.timestamp,
      offset: md?.offset ?? -1,
      topic: md?.topic ?? null,
    })
    this.context.forward(record)
  }
  close(): void {
    this.closed = true
  }
}

/** Returns a supplier and the processors it made for tasks (the supplier check's calls are skipped). */
function mockSupplier(): { supplier: () => MockProcessor; processors: MockProcessor[] } {
  const made: MockProcessor[] = []
  return {
    supplier: () => {
      const p = new MockProcessor()
      made.push(p)
      return p
    },
    // Topology.addProcessor calls the supplier twice to check it returns new instances.
    get processors() {
      return made.slice(2)
    },
  }
}

function setupSourceSinkTopology(): Topology {
  return new Topology().addSource('source', SOURCE_TOPIC_1).addSink('sink', SINK_TOPIC_1, 'source')
}

function setupSingleProcessorTopology(): { topology: Topology; processors: () => MockProcessor[] } {
  const m = mockSupplier()
  const topology = new Topology().addSource('source', SOURCE_TOPIC_1).addProcessor('processor', m.supplier, 'source')
  return { topology, processors: () => m.processors }
}

function expectProcessed(p: Processed | undefined, topic: string, record: TestRecord<Buffer, Buffer>, offset: number): void {
  expect(p).toEqual({
    key: record.key,
    value: record.value,
    headers: record.headers.toArray(),
    timestamp: record.timestamp,
    offset,
    topic,
  })
}

const voidProcessorSupplier = (): Processor<Buffer, Buffer> => ({ process: () => undefined })

describe.each(['at_least_once', 'exactly_once_v2'] as const)('TopologyTestDriverTest (Kafka), cases not ported elsewhere (%s)', (guarantee) => {
  beforeEach(() => {
    processingGuarantee = guarantee
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

  it('shouldPopulateGlobalStore (a global store builder with null serdes uses the defaults)', () => {
    const topology = new Topology().addGlobalStore(
      Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(`${SOURCE_TOPIC_1}-globalStore`), null, null).withLoggingDisabled(),
      SOURCE_TOPIC_1,
      SOURCE_TOPIC_1,
      {},
      `${SOURCE_TOPIC_1}-processor`,
      () => {
        let store!: KeyValueStore<unknown, unknown>
        return {
          init: (c: ProcessorContext<never, never>) => void (store = c.getStateStore<KeyValueStore<unknown, unknown>>(`${SOURCE_TOPIC_1}-globalStore`)),
          process: (r: Record<unknown, unknown>) => store.put(r.key, r.value),
        }
      },
    )
    testDriver = new TopologyTestDriver(topology, config())
    const globalStore = testDriver.getKeyValueStore<Buffer, Buffer>(`${SOURCE_TOPIC_1}-globalStore`)
    expect(globalStore).not.toBeNull()
    expect(testDriver.getAllStateStores().get(`${SOURCE_TOPIC_1}-globalStore`)).toBeTruthy()
    testDriver.createInputTopic(SOURCE_TOPIC_1, B, B).pipeInput(testRecord1())
    expect(globalStore!.get(key1)).toEqual(value1)
  })

  it('shouldReturnAllStores', () => {
    const topology = setupSourceSinkTopology()
      .addProcessor('processor', mockSupplier().supplier, 'source')
      .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('store'), B, B), 'processor')
      .addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('globalStore'), B, B).withLoggingDisabled(),
        'sourceProcessorName',
        'globalTopicName',
        { keyDeserializer: B.deserializer, valueDeserializer: B.deserializer },
        'globalProcessorName',
        voidProcessorSupplier,
      )
    testDriver = new TopologyTestDriver(topology, config())
    const all = testDriver.getAllStateStores()
    expect(new Set(all.keys())).toEqual(new Set(['store', 'globalStore']))
    for (const store of all.values()) expect(store).not.toBeNull()
  })

  it('shouldReturnAllStoresNames (a store connected to no processor is listed, without a store)', () => {
    const topology = setupSourceSinkTopology()
      .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('store'), B, B))
      .addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('globalStore'), B, B).withLoggingDisabled(),
        'sourceProcessorName',
        'globalTopicName',
        { keyDeserializer: B.deserializer, valueDeserializer: B.deserializer },
        'globalProcessorName',
        voidProcessorSupplier,
      )
    testDriver = new TopologyTestDriver(topology, config())
    const all = testDriver.getAllStateStores()
    expect(new Set(all.keys())).toEqual(new Set(['store', 'globalStore']))
    expect(all.get('store')).toBeNull()
    expect(all.get('globalStore')).not.toBeNull()
  })

  for (const persistent of [false, true]) {
    const storesTopology = (): Topology => {
      const { topology } = setupSingleProcessorTopology()
      topology
        .addStateStore(
          Stores.keyValueStoreBuilder(persistent ? Stores.persistentKeyValueStore('keyValueStore') : Stores.inMemoryKeyValueStore('keyValueStore'), B, B),
          'processor',
        )
        .addStateStore(
          Stores.timestampedKeyValueStoreBuilder(
            persistent ? Stores.persistentTimestampedKeyValueStore('keyValueTimestampStore') : Stores.inMemoryKeyValueStore('keyValueTimestampStore'),
            B,
            B,
          ),
          'processor',
        )
        .addStateStore(
          Stores.windowStoreBuilder(
            persistent ? Stores.persistentWindowStore('windowStore', 1000, 100, false) : Stores.inMemoryWindowStore('windowStore', 1000, 100, false),
            B,
            B,
          ),
          'processor',
        )
        .addStateStore(
          Stores.timestampedWindowStoreBuilder(
            persistent
              ? Stores.persistentTimestampedWindowStore('windowTimestampStore', 1000, 100, false)
              : Stores.inMemoryWindowStore('windowTimestampStore', 1000, 100, false),
            B,
            B,
          ),
          'processor',
        )
        .addStateStore(
          Stores.sessionStoreBuilder(persistent ? Stores.persistentSessionStore('sessionStore', 1000) : Stores.inMemorySessionStore('sessionStore', 1000), B, B),
          'processor',
        )
        .addGlobalStore(
          Stores.keyValueStoreBuilder(
            persistent ? Stores.persistentKeyValueStore('globalKeyValueStore') : Stores.inMemoryKeyValueStore('globalKeyValueStore'),
            B,
            B,
          ).withLoggingDisabled(),
          'sourceDummy1',
          'topicDummy1',
          { keyDeserializer: B.deserializer, valueDeserializer: B.deserializer },
          'processorDummy1',
          voidProcessorSupplier,
        )
        .addGlobalStore(
          Stores.timestampedKeyValueStoreBuilder(
            persistent
              ? Stores.persistentTimestampedKeyValueStore('globalKeyValueTimestampStore')
              : Stores.inMemoryKeyValueStore('globalKeyValueTimestampStore'),
            B,
            B,
          ).withLoggingDisabled(),
          'sourceDummy2',
          'topicDummy2',
          { keyDeserializer: B.deserializer, valueDeserializer: B.deserializer },
          'processorDummy2',
          voidProcessorSupplier,
        )
      return topology
    }
    const kind = persistent ? 'Persistent' : 'InMemory'

    it(`shouldReturnCorrect${kind}StoreTypeOnly`, async () => {
      testDriver = new TopologyTestDriver(storesTopology(), config())
      await testDriver.settled()
      const d = testDriver
      const getters = (name: string): boolean[] => [
        d.getKeyValueStore(name) !== null,
        d.getTimestampedKeyValueStore(name) !== null,
        d.getWindowStore(name) !== null,
        d.getTimestampedWindowStore(name) !== null,
        d.getSessionStore(name) !== null,
      ]
      expect(getters('keyValueStore')).toEqual([true, false, false, false, false])
      expect(getters('keyValueTimestampStore')).toEqual([true, true, false, false, false])
      expect(getters('windowStore')).toEqual([false, false, true, false, false])
      expect(getters('windowTimestampStore')).toEqual([false, false, true, true, false])
      expect(getters('sessionStore')).toEqual([false, false, false, false, true])
      expect(getters('globalKeyValueStore')).toEqual([true, false, false, false, false])
      expect(getters('globalKeyValueTimestampStore')).toEqual([true, true, false, false, false])
    })

    it(`shouldThrowIf${kind}BuiltInStoreIsAccessedWithUntypedMethod`, async () => {
      testDriver = new TopologyTestDriver(storesTopology(), config())
      await testDriver.settled()
      const expectThrow = (name: string, message: string): void => {
        expect(() => testDriver!.getStateStore(name)).toThrow(StoreTypeMismatchError)
        expect(() => testDriver!.getStateStore(name)).toThrow(message)
      }
      expectThrow('keyValueStore', 'Store keyValueStore is a key-value store and should be accessed via `getKeyValueStore()`')
      expectThrow(
        'keyValueTimestampStore',
        'Store keyValueTimestampStore is a timestamped key-value store and should be accessed via `getTimestampedKeyValueStore()`',
      )
      expectThrow('windowStore', 'Store windowStore is a window store and should be accessed via `getWindowStore()`')
      expectThrow(
        'windowTimestampStore',
        'Store windowTimestampStore is a timestamped window store and should be accessed via `getTimestampedWindowStore()`',
      )
      expectThrow('sessionStore', 'Store sessionStore is a session store and should be accessed via `getSessionStore()`')
      expectThrow('globalKeyValueStore', 'Store globalKeyValueStore is a key-value store and should be accessed via `getKeyValueStore()`')
      expectThrow(
        'globalKeyValueTimestampStore',
        'Store globalKeyValueTimestampStore is a timestamped key-value store and should be accessed via `getTimestampedKeyValueStore()`',
      )
    })
  }

  it('shouldAllowPrePopulatingStatesStoresWithCachingEnabled', () => {
    const topology = new Topology()
      .addSource('sourceProcessor', 'input-topic')
      .addProcessor('aggregator', mockSupplier().supplier, 'sourceProcessor')
      .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('aggStore'), S, Serdes.Long()).withCachingEnabled(), 'aggregator')
    testDriver = new TopologyTestDriver(topology, config())
    const store = testDriver.getKeyValueStore<string, number>('aggStore')!
    store.put('a', 21)
    expect(store.get('a')).toBe(21)
  })

  it('shouldCleanUpPersistentStateStoresOnClose', async () => {
    const topology = new Topology()
      .addSource('sourceProcessor', 'input-topic')
      .addProcessor(
        'storeProcessor',
        () => {
          let store!: KeyValueStore<string, number>
          return {
            init: (c: ProcessorContext) => void (store = c.getStateStore<KeyValueStore<string, number>>('storeProcessorStore')),
            process: (r: Record<string, number>) => store.put(r.key, r.value),
          }
        },
        'sourceProcessor',
      )
      .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('storeProcessorStore'), S, Serdes.Long()), 'storeProcessor')
    const cfg = { ...config(), applicationId: 'test-TopologyTestDriver-cleanup', defaultKeySerde: S, defaultValueSerde: Serdes.Long() }
    const first = new TopologyTestDriver(topology, cfg)
    await first.settled()
    expect(first.getKeyValueStore<string, number>('storeProcessorStore')!.get('a')).toBeNull()
    await first.createInputTopic('input-topic', S, Serdes.Long()).pipeInput('a', 1)
    expect(first.getKeyValueStore<string, number>('storeProcessorStore')!.get('a')).toBe(1)
    await first.close()
    const second = new TopologyTestDriver(topology, cfg)
    await second.settled()
    expect(second.getKeyValueStore<string, number>('storeProcessorStore')!.get('a')).toBeNull()
    await second.close()
  })

  it('shouldFeedStoreFromGlobalKTable (the global table is LevelDB-backed: await)', async () => {
    const builder = new StreamsBuilder()
    builder.globalTable('topic', Consumed.with(S, S), 'globalStore')
    testDriver = new TopologyTestDriver(builder.build(), config())
    await testDriver.settled()
    const globalStore = testDriver.getKeyValueStore<string, string>('globalStore')
    expect(globalStore).not.toBeNull()
    expect(testDriver.getAllStateStores().get('globalStore')).toBeTruthy()
    await testDriver.createInputTopic('topic', S, S).pipeInput('k1', 'value1')
    expect(globalStore!.get('k1')).toBe('value1')
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

  it('shouldNotCreateStateDirectoryForStatelessTopology (an in-memory store is not persistent state)', () => {
    const cfg = config()
    const topology = new Topology()
      .addSource('sourceProcessor', 'input-topic')
      .addProcessor('aggregator', mockSupplier().supplier, 'sourceProcessor')
      .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('aggStore'), S, Serdes.Long()), 'aggregator')
      .addSink('sinkProcessor', 'result-topic', 'aggregator')
    testDriver = new TopologyTestDriver(topology, { ...cfg, defaultKeySerde: S, defaultValueSerde: Serdes.Long() })
    expect(existsSync(join(cfg.stateDir, cfg.applicationId))).toBe(false)
  })

  it('shouldCreateStateDirectoryForStatefulTopology', async () => {
    const cfg = config()
    const topology = new Topology()
      .addSource('sourceProcessor', 'input-topic')
      .addProcessor('aggregator', mockSupplier().supplier, 'sourceProcessor')
      .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('aggStore'), S, Serdes.Long()), 'aggregator')
      .addSink('sinkProcessor', 'result-topic', 'aggregator')
    testDriver = new TopologyTestDriver(topology, { ...cfg, defaultKeySerde: S, defaultValueSerde: Serdes.Long() })
    await testDriver.settled()
    expect(existsSync(join(cfg.stateDir, cfg.applicationId))).toBe(true)
    expect(existsSync(join(cfg.stateDir, cfg.applicationId, '0_0'))).toBe(true)
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

  it('shouldApplyGlobalUpdatesCorrectlyInRecursiveTopologies', () => {
    const topology = new Topology()
      .addSource('source', 'input', { keyDeserializer: S.deserializer, valueDeserializer: S.deserializer })
      .addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('global-store'), S, S).withLoggingDisabled(),
        'globalSource',
        'global-topic',
        { keyDeserializer: S.deserializer, valueDeserializer: S.deserializer },
        'globalProcessor',
        () => {
          let store!: KeyValueStore<string, string>
          return {
            init: (c: ProcessorContext<never, never>) => void (store = c.getStateStore<KeyValueStore<string, string>>('global-store')),
            process: (r: Record<string, string>) => store.put(r.key, r.value),
          }
        },
      )
      .addProcessor(
        'recursiveProcessor',
        () => {
          let ctx!: ProcessorContext<string, string>
          return {
            init: (c: ProcessorContext<string, string>) => void (ctx = c),
            process: (r: Record<string, string>) => {
              if (!r.value.startsWith('recurse-')) ctx.forward(r.withValue(`recurse-${r.value}`), 'recursiveSink')
              ctx.forward(r, 'sink')
              ctx.forward(r, 'globalSink')
            },
          }
        },
        'source',
      )
      .addSink('recursiveSink', 'input', { keySerializer: S.serializer, valueSerializer: S.serializer }, 'recursiveProcessor')
      .addSink('sink', 'output', { keySerializer: S.serializer, valueSerializer: S.serializer }, 'recursiveProcessor')
      .addSink('globalSink', 'global-topic', { keySerializer: S.serializer, valueSerializer: S.serializer }, 'recursiveProcessor')
    testDriver = new TopologyTestDriver(topology)
    testDriver.createInputTopic('input', S, S).pipeInput('A', 'alpha')
    const store = testDriver.getKeyValueStore<string, string>('global-store')
    expect(store).not.toBeNull()
    expect(store!.get('A')).toBe('recurse-alpha')
    expect(testDriver.createOutputTopic('global-topic', S, S).readKeyValuesToList()).toEqual([
      KeyValue.pair('A', 'alpha'),
      KeyValue.pair('A', 'recurse-alpha'),
    ])
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
