import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../processor-api/index.js'
import { StreamsBuilder } from '../../dsl/index.js'
import { TopologyTestDriver } from '../../src/test-driver/index.js'
import { buildTopology, INPUT_TOPIC, OUTPUT_TOPIC } from '../../examples/word-count/topology.js'

let driver: TopologyTestDriver | null = null
afterEach(async () => {
  await driver?.close()
  driver = null
})

describe('word-count example', () => {
  it('emits a running count per word and keeps the totals in counts-store', async () => {
    const builder = new StreamsBuilder()
    buildTopology(builder)
    driver = new TopologyTestDriver(builder.build(), { applicationId: 'wordcount' }, 0)
    const input = driver.createInputTopic(INPUT_TOPIC, Serdes.String(), Serdes.String())
    const output = driver.createOutputTopic(OUTPUT_TOPIC, Serdes.String(), Serdes.Long())
    await input.pipeInput(null as unknown as string, 'Hello Kafka Streams', 1)
    await input.pipeInput(null as unknown as string, 'All streams lead to Kafka', 2)
    expect(output.readKeyValuesToList()).toEqual([
      { key: 'hello', value: 1 },
      { key: 'kafka', value: 1 },
      { key: 'streams', value: 1 },
      { key: 'all', value: 1 },
      { key: 'streams', value: 2 },
      { key: 'lead', value: 1 },
      { key: 'to', value: 1 },
      { key: 'kafka', value: 2 },
    ])
    expect(driver.getKeyValueStore<string, number>('counts-store')!.get('kafka')).toBe(2)
    expect(driver.producedTopicNames()).toContain('wordcount-counts-store-repartition')
  })
})
