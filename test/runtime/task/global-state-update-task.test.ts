import { afterEach, describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { Record } from '../../../processor-api/record.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { RecordMetadata } from '../../../processor-api/record-metadata.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { TopologyTestDriver } from '../../../src/test-driver/topology-test-driver.js'
import { TestStoreBuilder, type TestKeyValueStore } from './helpers/test-store.js'

const strings = { keySerde: Serdes.String(), valueSerde: Serdes.String() }
const drivers: TopologyTestDriver[] = []
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()))
})

function topologyWithGlobalStore(metadataSeen: RecordMetadata[]): Topology {
  return new Topology()
    .addGlobalStore(
      new TestStoreBuilder('regions').withLoggingDisabled(),
      'regions-source',
      'regions',
      strings,
      'regions-updater',
      () => {
        let store: TestKeyValueStore
        let ctx: ProcessorContext
        return {
          init: (c: ProcessorContext) => {
            ctx = c
            store = c.getStateStore<TestKeyValueStore>('regions')
          },
          process: (r: Record<string, string>) => {
            metadataSeen.push(ctx.recordMetadata()!)
            store.put(r.key, r.value)
          },
        }
      },
    )
    .addSource('views-source', 'views', strings)
    .addProcessor(
      'enrich',
      () => {
        let ctx: ProcessorContext<string, string>
        let regions: TestKeyValueStore
        return {
          init: (c: ProcessorContext<string, string>) => {
            ctx = c
            regions = c.getStateStore<TestKeyValueStore>('regions')
          },
          process: (r: Record<string, string>) => ctx.forward(r.withValue(`${r.value}@${regions.get(r.key) ?? 'unknown'}`)),
        }
      },
      'views-source',
    )
    .addSink('sink', 'enriched', strings, 'enrich')
}

describe('GlobalStateUpdateTask (through the TopologyTestDriver)', () => {
  it('feeds global topic records to the global store processor; every task processor can read the store', () => {
    const metadata: RecordMetadata[] = []
    const driver = new TopologyTestDriver(topologyWithGlobalStore(metadata))
    drivers.push(driver)
    const regions = driver.createInputTopic('regions', Serdes.String(), Serdes.String())
    const views = driver.createInputTopic('views', Serdes.String(), Serdes.String())
    const out = driver.createOutputTopic('enriched', Serdes.String(), Serdes.String())
    views.pipeInput('alice', 'page1', 1)
    regions.pipeInput('alice', 'eu', 2)
    regions.pipeInput('bob', 'us', 3)
    views.pipeInput('alice', 'page2', 4)
    views.pipeInput('bob', 'page3', 5)
    expect(out.readValuesToList()).toEqual(['page1@unknown', 'page2@eu', 'page3@us'])
    expect(metadata).toEqual([
      { topic: 'regions', partition: 0, offset: 0 },
      { topic: 'regions', partition: 0, offset: 1 },
    ])
    expect((driver.getStateStore('regions') as TestKeyValueStore).get('bob')).toBe('us')
    expect([...driver.getAllStateStores().keys()]).toEqual(['regions'])
  })

  it('runs a topology made only of a global store', () => {
    const topology = new Topology().addGlobalStore(
      new TestStoreBuilder('only').withLoggingDisabled(),
      'src',
      'global-topic',
      strings,
      'proc',
      () => {
        let store: TestKeyValueStore
        return {
          init: (c: ProcessorContext) => {
            store = c.getStateStore<TestKeyValueStore>('only')
          },
          process: (r: Record<string, string>) => store.put(r.key, r.value),
        }
      },
    )
    const driver = new TopologyTestDriver(topology)
    drivers.push(driver)
    driver.createInputTopic('global-topic', Serdes.String(), Serdes.String()).pipeInput('k', 'v', 1)
    expect((driver.getStateStore('only') as TestKeyValueStore).get('k')).toBe('v')
  })
})
