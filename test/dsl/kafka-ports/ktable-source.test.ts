/**
 * Ported from Kafka Streams' KTableSourceTest: a source table forwards updates and tombstones.
 * Kafka's testKTableSourceEmitOnChange is @Disabled ("we have disabled KIP-557 until KAFKA-12508
 * can be properly addressed"): a materialized source forwards idempotent updates too, as here.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { Consumed, Materialized, Produced, StreamsBuilder } from '../../../dsl/index.js'
import { TopologyTestDriver } from '../../../src/test-driver/index.js'
import { drainKvt, kvt } from './helpers.js'

const S = Serdes.String()
const I = Serdes.Integer()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

describe('KTableSourceTest (Kafka)', () => {
  it('testKTable', async () => {
    const b = new StreamsBuilder()
    b.table<string, number>('topic1', Consumed.with(S, I)).toStream().to('out', Produced.with(S, I))
    driver = new TopologyTestDriver(b.build())
    const input = driver.createInputTopic<string, number | null>('topic1', S, I)
    for (const [k, v, t] of [['A', 1, 10], ['B', 2, 11], ['C', 3, 12], ['D', 4, 13], ['A', null, 14], ['B', null, 15]] as const) await input.pipeInput(k, v, t)
    expect(drainKvt(driver.createOutputTopic('out', S, I))).toEqual([
      kvt('A', 1, 10),
      kvt('B', 2, 11),
      kvt('C', 3, 12),
      kvt('D', 4, 13),
      kvt('A', null, 14),
      kvt('B', null, 15),
    ])
  })

  it('testKTableSourceEmitOnChange inputs: idempotent updates are forwarded (KIP-557 is disabled in Kafka)', async () => {
    const b = new StreamsBuilder()
    b.table<string, number>('topic1', Consumed.with(S, I), Materialized.as<string, number>('store')).toStream().to('output', Produced.with(S, I))
    driver = new TopologyTestDriver(b.build())
    const input = driver.createInputTopic('topic1', S, I)
    for (const [k, v, t] of [['A', 1, 10], ['B', 2, 11], ['A', 1, 12], ['B', 3, 13], ['A', 1, 9]] as const) await input.pipeInput(k, v, t)
    expect(drainKvt(driver.createOutputTopic('output', S, I))).toEqual([kvt('A', 1, 10), kvt('B', 2, 11), kvt('A', 1, 12), kvt('B', 3, 13), kvt('A', 1, 9)])
  })
})
