/**
 * Ported from Kafka Streams' KTableKTableForeignKeyJoinScenarioTest: foreign-key joins chained
 * into a primary-key join with default, consumed, materialized and produced serdes, and the
 * internal topics the join writes (Kafka checks them through the serdes that see them).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { Consumed, Materialized, Produced, StreamsBuilder, type KTable } from '../../../dsl/index.js'
import { TopologyTestDriver } from '../../../src/test-driver/index.js'

const I = Serdes.Integer()
const S = Serdes.String()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

async function validateTopologyCanProcessData(b: StreamsBuilder): Promise<void> {
  driver = new TopologyTestDriver(b.build(), { defaultKeySerde: I, defaultValueSerde: S })
  await driver.createInputTopic('A', I, S).pipeInput(1, '999-alpha')
  await driver.createInputTopic('B', I, S).pipeInput(999, 'beta')
  expect(driver.createOutputTopic('output', I, S).readKeyValuesToMap()).toEqual(new Map([[1, '(999-alpha,(999-alpha,beta))']]))
}

type Variant = 'DefaultSerdes' | 'DefaultAndConsumedSerdes' | 'DefaultAndJoinResultSerdes' | 'DefaultAndEquiJoinResultSerdes' | 'DefaultAndProducedSerdes'

describe('KTableKTableForeignKeyJoinScenarioTest (Kafka)', () => {
  for (const variant of ['DefaultSerdes', 'DefaultAndConsumedSerdes', 'DefaultAndJoinResultSerdes', 'DefaultAndEquiJoinResultSerdes', 'DefaultAndProducedSerdes'] as Variant[]) {
    it(`shouldWorkWith${variant}`, async () => {
      const b = new StreamsBuilder()
      const aTable: KTable<number, string> = variant === 'DefaultAndConsumedSerdes' ? b.table<number, string>('A', Consumed.with(I, S)) : b.table<number, string>('A')
      const bTable = b.table<number, string>('B')
      const fkJoinResult = aTable.join(
        bTable,
        (value: string) => Number.parseInt(value.split('-')[0]!, 10),
        (aVal: string, bVal: string) => `(${aVal},${bVal})`,
        variant === 'DefaultAndJoinResultSerdes' ? Materialized.as<number, string>('asdf').withKeySerde(I).withValueSerde(S) : Materialized.as<number, string>('asdf'),
      )
      const joiner = (aVal: string, fkJoinVal: string): string => `(${aVal},${fkJoinVal})`
      const finalJoinResult =
        variant === 'DefaultAndEquiJoinResultSerdes' ? aTable.join(fkJoinResult, joiner, Materialized.with<number, string>(I, S)) : aTable.join(fkJoinResult, joiner)
      if (variant === 'DefaultAndProducedSerdes') finalJoinResult.toStream().to('output', Produced.with(I, S))
      else finalJoinResult.toStream().to('output')
      await validateTopologyCanProcessData(b)
    })
  }

  it('shouldUseExpectedTopicsWithSerde (the internal topics written)', async () => {
    const applicationId = 'ktable-ktable-joinOnForeignKey'
    const b = new StreamsBuilder()
    const left = b.table<number, string>('left_table', Consumed.with(I, S))
    const right = b.table<number, string>('right_table', Consumed.with(I, S))
    left
      .join(
        right,
        (value: string) => Number.parseInt(value.split('|')[1]!, 10),
        (v1: string, v2: string) => `(${v1},${v2})`,
        Materialized.with<number, string>(undefined as never, S),
      )
      .toStream()
      .to('output-topic', Produced.with(I, S))
    driver = new TopologyTestDriver(b.build(), { applicationId })
    await driver.createInputTopic('left_table', I, S).pipeInput(2, 'lhsValue1|1')
    await driver.createInputTopic('right_table', I, S).pipeInput(1, 'rhsValue1')
    const written = driver.producedTopicNames()
    for (const topic of [
      `${applicationId}-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic`,
      `${applicationId}-KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic`,
      `${applicationId}-left_table-STATE-STORE-0000000000-changelog`,
      `${applicationId}-right_table-STATE-STORE-0000000003-changelog`,
      'output-topic',
    ]) {
      expect(written).toContain(topic)
    }
    expect(driver.createOutputTopic('output-topic', I, S).readKeyValuesToList()).toEqual([{ key: 2, value: '(lhsValue1|1,rhsValue1)' }])
  })
})
