import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../processor-api/index.js'
import { StreamsBuilder } from '../../dsl/index.js'
import { TopologyTestDriver } from '../../src/test-driver/index.js'
import { buildTopology, OUTPUT_TOPIC, PAGE_VIEWS_TOPIC, USER_REGIONS_TOPIC } from '../../examples/page-view-region-join/topology.js'

let driver: TopologyTestDriver | null = null
afterEach(async () => {
  await driver?.close()
  driver = null
})

describe('page-view-region-join example', () => {
  it('attributes each view to the region the user had when the view was processed', async () => {
    const builder = new StreamsBuilder()
    buildTopology(builder)
    driver = new TopologyTestDriver(builder.build(), { applicationId: 'regions' }, 0)
    const regions = driver.createInputTopic(USER_REGIONS_TOPIC, Serdes.String(), Serdes.String())
    const views = driver.createInputTopic(PAGE_VIEWS_TOPIC, Serdes.String(), Serdes.String())
    const counts = driver.createOutputTopic(OUTPUT_TOPIC, Serdes.String(), Serdes.Long())
    await regions.pipeInput('alice', 'europe', 1)
    await regions.pipeInput('bob', 'asia', 2)
    await views.pipeInput('alice', '/home', 10)
    await views.pipeInput('bob', '/cart', 11)
    await views.pipeInput('carol', '/home', 12)
    await regions.pipeInput('alice', 'asia', 13)
    await views.pipeInput('alice', '/cart', 14)
    expect(counts.readKeyValuesToList()).toEqual([
      { key: 'europe', value: 1 },
      { key: 'asia', value: 1 },
      { key: 'UNKNOWN', value: 1 },
      { key: 'asia', value: 2 },
    ])
    expect(driver.getKeyValueStore<string, number>('views-per-region')!.get('europe')).toBe(1)
  })
})
