/** The names design.md promises from the single entry point, importable and usable. */
import { describe, expect, it } from 'vitest'
import * as tributary from '../src/index.js'

const promised = [
  'StreamsBuilder', 'KafkaStreams', 'TopologyTestDriver', 'Serdes', 'Materialized', 'Grouped', 'Consumed',
  'Produced', 'Joined', 'StreamJoined', 'TimeWindows', 'SlidingWindows', 'SessionWindows', 'JoinWindows',
  'Suppressed', 'BufferConfig', 'EmitStrategy', 'KeyValue', 'Stores', 'Topology', 'Broker', 'Record',
  'PunctuationType', 'QueryableStoreTypes',
] as const

describe('public entry point', () => {
  it.each(promised)('exports %s', (name) => {
    expect((tributary as Record<string, unknown>)[name]).toBeDefined()
  })

  it('runs a DSL topology through the test driver using only public names', async () => {
    const { StreamsBuilder, TopologyTestDriver, Serdes, Consumed, Produced } = tributary
    const builder = new StreamsBuilder()
    builder
      .stream<string, string>('in', Consumed.with(Serdes.String(), Serdes.String()))
      .groupByKey()
      .count()
      .toStream()
      .to('out', Produced.with(Serdes.String(), Serdes.Long()))
    const driver = new TopologyTestDriver(builder.build())
    try {
      const input = driver.createInputTopic('in', Serdes.String(), Serdes.String())
      const output = driver.createOutputTopic('out', Serdes.String(), Serdes.Long())
      // The default count() store is LevelDB, whose first access opens the database
      // asynchronously: awaiting the pipe calls covers that (they return nothing when synchronous).
      await input.pipeInput('a', 'x', 1)
      await input.pipeInput('b', 'y', 2)
      await input.pipeInput('a', 'z', 3)
      expect(output.readKeyValuesToList()).toEqual([
        { key: 'a', value: 1 },
        { key: 'b', value: 1 },
        { key: 'a', value: 2 },
      ])
    } finally {
      await driver.close()
    }
  })
})
