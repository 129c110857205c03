import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../processor-api/index.js'
import { StreamsBuilder } from '../../dsl/index.js'
import { TopologyTestDriver } from '../../src/test-driver/index.js'
import { buildTopology, COUNTS_STORE, ORDER_COUNTS_TOPIC, ORDERS_TOPIC, type Order } from '../../examples/orders-per-customer/topology.js'

let driver: TopologyTestDriver | null = null
afterEach(async () => {
  await driver?.close()
  driver = null
})

describe('orders-per-customer example', () => {
  it('counts orders per customer with the latest order time as timestamp', async () => {
    const builder = new StreamsBuilder()
    buildTopology(builder)
    const topology = builder.build()
    expect(topology.describe().toString()).toContain(`Processor: KSTREAM-AGGREGATE-0000000002 (stores: [${COUNTS_STORE}])`)
    driver = new TopologyTestDriver(topology, { applicationId: 'orders' }, 0)
    const orders = driver.createInputTopic(ORDERS_TOPIC, Serdes.String(), Serdes.JSON<Order>())
    const counts = driver.createOutputTopic(ORDER_COUNTS_TOPIC, Serdes.String(), Serdes.Long())
    await orders.pipeInput('o-1', { id: 'o-1', customer: 'alice', amount: 10 }, 1_000)
    await orders.pipeInput('o-2', { id: 'o-2', customer: 'bob', amount: 5 }, 2_000)
    await orders.pipeInput('o-3', { id: 'o-3', customer: 'alice', amount: 7.5 }, 3_000)
    expect(counts.readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).toEqual([
      ['alice', 1, 1_000],
      ['bob', 1, 2_000],
      ['alice', 2, 3_000],
    ])
    expect(driver.getKeyValueStore<string, number>(COUNTS_STORE)!.get('alice')).toBe(2)
    expect(driver.producedTopicNames()).toContain(`orders-${COUNTS_STORE}-repartition`)
  })
})
