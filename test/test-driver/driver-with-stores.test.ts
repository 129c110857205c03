import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { Topology } from '../../processor-api/topology.js'
import { Record } from '../../processor-api/record.js'
import { KeyValue } from '../../processor-api/key-value.js'
import type { ProcessorContext } from '../../processor-api/processor-context.js'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Stores } from '../../state-stores/stores.js'
import type { KeyValueStore, TimestampedKeyValueStore } from '../../state-stores/key-value-store.js'
import type { WindowStore } from '../../state-stores/window-store.js'
import { ValueAndTimestamp } from '../../state-stores/value-and-timestamp.js'
import { isCachedStateStore, type Change } from '../../state-stores/cached-state-store.js'
import { TopologyTestDriver } from '../../src/test-driver/topology-test-driver.js'
import { StoreTypeMismatchError } from '../../src/test-driver/errors.js'

const strings = { keySerde: Serdes.String(), valueSerde: Serdes.String() }
const drivers: TopologyTestDriver[] = []
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()))
})

/** Counts records per key in a cached store; the cache's flush listener emits the counts. */
function cachedCountTopology(): Topology {
  return new Topology()
    .addSource('source', 'words', strings)
    .addProcessor(
      'count',
      () => {
        let store: KeyValueStore<string, number>
        return {
          init: (ctx: ProcessorContext<string, number>) => {
            store = ctx.getStateStore<KeyValueStore<string, number>>('counts')
            if (isCachedStateStore<string, number>(store)) {
              store.setFlushListener((r: Record<string, Change<number>>) => ctx.forward(r.withValue(r.value.newValue!)), false)
            }
          },
          process: (r: Record<string, string>) => store.put(r.key, (store.get(r.key) ?? 0) + 1),
        }
      },
      'source',
    )
    .addStateStore(
      Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('counts'), Serdes.String(), Serdes.Long()).withCachingEnabled(),
      'count',
    )
    .addSink('sink', 'counts-out', { keySerde: Serdes.String(), valueSerde: Serdes.Long() }, 'count')
}

describe('TopologyTestDriver with state stores', () => {
  it('commits after each piped record, so a caching store emits every update at once', () => {
    const driver = new TopologyTestDriver(cachedCountTopology(), { applicationId: 'wc' })
    drivers.push(driver)
    const input = driver.createInputTopic('words', Serdes.String(), Serdes.String())
    const output = driver.createOutputTopic('counts-out', Serdes.String(), Serdes.Long())
    input.pipeInput('a', 'x', 10)
    expect(output.readKeyValue()).toEqual(KeyValue.pair('a', 1))
    input.pipeInput('a', 'y', 11)
    input.pipeInput('b', 'z', 12)
    expect(output.readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).toEqual([
      ['a', 2, 11],
      ['b', 1, 12],
    ])
    expect(driver.getKeyValueStore<string, number>('counts')!.get('a')).toBe(2)
    const changelog = driver.createOutputTopic('wc-counts-changelog', Serdes.String(), Serdes.Long())
    expect(changelog.readKeyValuesToList()).toEqual([KeyValue.pair('a', 1), KeyValue.pair('a', 2), KeyValue.pair('b', 1)])
  })

  it('gives timestamped key-value stores through both getters, and refuses them from getStateStore', () => {
    const topology = new Topology()
      .addSource('source', 'input', strings)
      .addProcessor(
        'latest',
        () => {
          let store: TimestampedKeyValueStore<string, string>
          return {
            init: (ctx: ProcessorContext) => {
              store = ctx.getStateStore<TimestampedKeyValueStore<string, string>>('latest')
            },
            process: (r: Record<string, string>) => store.put(r.key, ValueAndTimestamp.make(r.value, r.timestamp)),
          }
        },
        'source',
      )
      .addStateStore(
        Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore('latest'), Serdes.String(), Serdes.String()),
        'latest',
      )
    const driver = new TopologyTestDriver(topology)
    drivers.push(driver)
    driver.createInputTopic('input', Serdes.String(), Serdes.String()).pipeInput('k', 'v', 42)
    expect(driver.getTimestampedKeyValueStore<string, string>('latest')!.get('k')).toEqual({ value: 'v', timestamp: 42 })
    const plain = driver.getKeyValueStore<string, string>('latest')!
    expect(plain.get('k')).toBe('v')
    plain.put('other', 'w')
    expect(driver.getTimestampedKeyValueStore<string, string>('latest')!.get('other')).toEqual({ value: 'w', timestamp: -1 })
    expect(() => driver.getStateStore('latest')).toThrow(StoreTypeMismatchError)
    expect(() => driver.getStateStore('latest')).toThrow('getTimestampedKeyValueStore()')
    expect(driver.getWindowStore('latest')).toBeNull()
    expect(driver.getSessionStore('latest')).toBeNull()
  })

  it('gives window stores through getWindowStore', () => {
    const topology = new Topology()
      .addSource('source', 'input', strings)
      .addProcessor(
        'windows',
        () => {
          let store: WindowStore<string, string>
          return {
            init: (ctx: ProcessorContext) => {
              store = ctx.getStateStore<WindowStore<string, string>>('w')
            },
            process: (r: Record<string, string>) => store.put(r.key, r.value, r.timestamp - (r.timestamp % 100)),
          }
        },
        'source',
      )
      .addStateStore(Stores.windowStoreBuilder(Stores.inMemoryWindowStore('w', 1000, 100, false), Serdes.String(), Serdes.String()), 'windows')
    const driver = new TopologyTestDriver(topology)
    drivers.push(driver)
    driver.createInputTopic('input', Serdes.String(), Serdes.String()).pipeInput('k', 'v', 250)
    expect(driver.getWindowStore<string, string>('w')!.fetch('k', 200)).toBe('v')
    expect(driver.getKeyValueStore('w')).toBeNull()
  })

  it('runs LevelDB stores (asynchronous open): await the pipe calls, and close removes their files', async () => {
    const topology = cachedCountTopology()
    topology.addStateStore(
      Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('persisted'), Serdes.String(), Serdes.String()),
      'count',
    )
    const driver = new TopologyTestDriver(topology)
    const input = driver.createInputTopic('words', Serdes.String(), Serdes.String())
    await input.pipeInput('a', 'x', 1)
    await input.pipeInput('a', 'x', 2)
    expect(driver.createOutputTopic('counts-out', Serdes.String(), Serdes.Long()).readValuesToList()).toEqual([1, 2])
    const stateDir = (driver as unknown as { stateDirectory: { appDir: string } }).stateDirectory.appDir
    expect(existsSync(`${stateDir}/0_0/persisted`)).toBe(true)
    await driver.close()
    expect(existsSync(stateDir)).toBe(false)
  })
})
