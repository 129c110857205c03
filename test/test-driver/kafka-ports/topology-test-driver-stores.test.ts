/**
 * Ported from Kafka Streams' TopologyTestDriverTest (streams/test-utils), run under at-least-once
 * and exactly-once v2: the store cases (global stores, the typed store getters and their errors,
 * getAllStateStores, pre-populated caching stores, state directories and their cleanup, global
 * updates in recursive topologies).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import type { Record } from '../../../processor-api/record.js'
import { KeyValue } from '../../../processor-api/key-value.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { Stores } from '../../../state-stores/stores.js'
import type { KeyValueStore } from '../../../state-stores/key-value-store.js'
import { StreamsBuilder } from '../../../dsl/streams-builder.js'
import { Consumed } from '../../../dsl/options/consumed.js'
import { StoreTypeMismatchError, TopologyTestDriver } from '../../../src/test-driver/index.js'
import {
  B,
  S,
  SOURCE_TOPIC_1,
  key1,
  value1,
  testRecord1,
  voidProcessorSupplier,
  config,
  useGuarantee,
  removeTempDirs,
  mockSupplier,
  setupSourceSinkTopology,
  setupSingleProcessorTopology,
} from './fixtures/ttd-fixtures.js'

let testDriver: TopologyTestDriver | null = null
afterEach(async () => {
  await testDriver?.close()
  testDriver = null
  removeTempDirs()
})

describe.each(['at_least_once', 'exactly_once_v2'] as const)('TopologyTestDriverTest (Kafka), store cases (%s)', (guarantee) => {
  beforeEach(() => {
    useGuarantee(guarantee)
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
})
