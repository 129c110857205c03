/**
 * Ported from Kafka Streams' examples: WordCountDemoTest (the WordCountDemo topology, with its
 * configuration: String serdes, cache size 0).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { KeyValue } from '../../../processor-api/key-value.js'
import { Produced, StreamsBuilder } from '../../../dsl/index.js'
import { TopologyTestDriver, type TestInputTopic, type TestOutputTopic } from '../../../src/test-driver/index.js'

const S = Serdes.String()
let driver: TopologyTestDriver
let input: TestInputTopic<string | null, string>
let output: TestOutputTopic<string, number>

beforeEach(() => {
  const b = new StreamsBuilder()
  b.stream<string, string>('streams-plaintext-input')
    .flatMapValues((value) => value.toLowerCase().split(/\W+/))
    .groupBy((_key, value) => value)
    .count()
    .toStream()
    .to('streams-wordcount-output', Produced.with(S, Serdes.Long()))
  driver = new TopologyTestDriver(b.build(), { defaultKeySerde: S, defaultValueSerde: S, cacheMaxBytes: 0 })
  input = driver.createInputTopic<string | null, string>('streams-plaintext-input', S, S)
  output = driver.createOutputTopic('streams-wordcount-output', S, Serdes.Long())
})

afterEach(async () => {
  await driver.close()
})

describe('WordCountDemoTest (Kafka examples)', () => {
  it('testOneWord', async () => {
    await input.pipeInput('Hello')
    expect(output.readKeyValue()).toEqual(KeyValue.pair('hello', 1))
    expect(output.isEmpty()).toBe(true)
  })

  it('testCountListOfWords', async () => {
    await input.pipeValueList(['Apache   Kafka Streams   Example', 'Using  \t\t Kafka   Streams\tTest Utils', 'Reading and Writing Kafka Topic'])
    expect(output.readKeyValuesToMap()).toEqual(
      new Map([
        ['apache', 1],
        ['kafka', 3],
        ['streams', 2],
        ['example', 1],
        ['using', 1],
        ['test', 1],
        ['utils', 1],
        ['reading', 1],
        ['and', 1],
        ['writing', 1],
        ['topic', 1],
      ]),
    )
  })
})
