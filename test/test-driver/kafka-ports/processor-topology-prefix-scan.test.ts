/**
 * Ported from Kafka Streams' ProcessorTopologyTest (testPrefixScan*): a processor whose supplier
 * provides its store writes four records; a prefix scan of the store (read through the driver)
 * returns the latest value of each key in key order, for every store kind and layer combination:
 * in-memory, persistent (LevelDB), persistent timestamped, LRU map; with and without caching and
 * logging.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import type { Record } from '../../../processor-api/record.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { ProcessorSupplier } from '../../../processor-api/processor.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { Stores } from '../../../state-stores/stores.js'
import type { KeyValueStore } from '../../../state-stores/key-value-store.js'
import type { KeyValueBytesStoreSupplier } from '../../../state-stores/bytes/key-value-bytes-store.js'
import { TopologyTestDriver } from '../../../src/test-driver/index.js'

const S = Serdes.String()
const STORE = 'prefixScanStore'
let driver: TopologyTestDriver | null = null
afterEach(async () => {
  await driver?.close()
  driver = null
})

type Variant = [string, () => KeyValueBytesStoreSupplier]
const stores: Variant[] = [
  ['InMemoryStore', () => Stores.inMemoryKeyValueStore(STORE)],
  ['PersistentStore', () => Stores.persistentKeyValueStore(STORE)],
  // As Kafka's test: a plain key-value store builder over the timestamped supplier.
  ['PersistentTimestampedStore', () => Stores.persistentTimestampedKeyValueStore(STORE)],
  ['LruMap', () => Stores.lruMap(STORE, 100)],
]
const layers: [string, boolean, boolean][] = [
  ['NoCachingNoLogging', false, false],
  ['WithCachingNoLogging', true, false],
  ['WithCachingWithLogging', true, true],
]

describe('ProcessorTopologyTest (Kafka): prefix scans through the driver', () => {
  for (const [storeKind, supplier] of stores) {
    for (const [layerKind, caching, logging] of layers) {
      it(`testPrefixScan${storeKind}${layerKind}`, async () => {
        const base = Stores.keyValueStoreBuilder(supplier(), S, S)
        const builder = caching ? base.withCachingEnabled() : base.withCachingDisabled()
        if (!logging) builder.withLoggingDisabled()
        const processor: ProcessorSupplier<string, string> = Object.assign(
          () => {
            let store!: KeyValueStore<string, string>
            return {
              init: (c: ProcessorContext) => void (store = c.getStateStore<KeyValueStore<string, string>>(STORE)),
              process: (r: Record<string, string>) => store.put(r.key, r.value),
            }
          },
          { stores: () => [builder] },
        )
        const topology = new Topology()
          .addSource('source1', 'input-topic-1', { keySerde: S, valueSerde: S })
          .addProcessor('processor1', processor, 'source1')
          .addSink('counts', 'output-topic-1', 'processor1')
        driver = new TopologyTestDriver(topology, { defaultKeySerde: S, defaultValueSerde: S })
        const input = driver.createInputTopic('input-topic-1', S, S)
        await input.pipeInput('key1', 'value1')
        await input.pipeInput('key2', 'value2')
        await input.pipeInput('key3', 'value3')
        await input.pipeInput('key1', 'value4')
        expect(driver.createOutputTopic('output-topic-1', Serdes.Integer(), S).isEmpty()).toBe(true)
        const store = driver.getKeyValueStore<string, string>(STORE)!
        const results: [string, string][] = []
        for await (const kv of store.prefixScan('key', S.serializer)) results.push([kv.key, kv.value])
        expect(results).toEqual([
          ['key1', 'value4'],
          ['key2', 'value2'],
          ['key3', 'value3'],
        ])
      })
    }
  }
})

