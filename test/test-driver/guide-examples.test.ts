/**
 * The code shown in docs/guides/testing-with-the-test-driver.md, kept runnable here. When you
 * change a snippet, change the guide too.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Topology } from '../../processor-api/topology.js'
import { Record } from '../../processor-api/record.js'
import { Headers } from '../../processor-api/headers.js'
import { KeyValue } from '../../processor-api/key-value.js'
import { PunctuationType } from '../../processor-api/punctuation.js'
import type { ProcessorContext } from '../../processor-api/processor-context.js'
import type { Processor } from '../../processor-api/processor.js'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Stores } from '../../state-stores/stores.js'
import type { KeyValueStore, KeyValueIterator } from '../../state-stores/key-value-store.js'
import {
  TopologyTestDriver,
  TestRecord,
  NoSuchElementError,
  MockProcessorContext,
  type TestInputTopic,
  type TestOutputTopic,
} from '../../src/test-driver/index.js'

// --- guide: topology
/** Counts words per key in a key-value store and emits every new count; a punctuator reports the total. */
function wordCounter(): Processor<string, string, string, number> {
  let ctx: ProcessorContext<string, number>
  let counts: KeyValueStore<string, number>
  return {
    init(context: ProcessorContext<string, number>) {
      ctx = context
      counts = context.getStateStore<KeyValueStore<string, number>>('counts')
      context.schedule(60_000, PunctuationType.WALL_CLOCK_TIME, (now) => {
        ctx.forward(new Record('total', counts.approximateNumEntries(), now))
      })
    },
    process(record: Record<string, string>) {
      const count = (counts.get(record.value) ?? 0) + 1
      counts.put(record.value, count)
      ctx.forward(new Record(record.value, count, record.timestamp, record.headers))
    },
  }
}

function wordCountTopology(): Topology {
  return new Topology()
    .addSource('words', 'words', { keySerde: Serdes.String(), valueSerde: Serdes.String() })
    .addProcessor('counter', wordCounter, 'words')
    .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('counts'), Serdes.String(), Serdes.Long()), 'counter')
    .addSink('counts-out', 'word-counts', { keySerde: Serdes.String(), valueSerde: Serdes.Long() }, 'counter')
}
// --- end

describe('testing-with-the-test-driver guide', () => {
  // --- guide: setup
  let driver: TopologyTestDriver
  let words: TestInputTopic<string, string>
  let counts: TestOutputTopic<string, number>

  beforeEach(() => {
    driver = new TopologyTestDriver(wordCountTopology(), { applicationId: 'word-count' }, 0)
    words = driver.createInputTopic('words', Serdes.String(), Serdes.String())
    counts = driver.createOutputTopic('word-counts', Serdes.String(), Serdes.Long())
  })

  afterEach(async () => {
    await driver.close() // closes processors and stores, removes the state directory
  })
  // --- end

  it('counts words', () => {
    // --- guide: first test
    words.pipeInput('line-1', 'kafka', 1_000)
    words.pipeInput('line-1', 'streams', 1_001)
    words.pipeInput('line-2', 'kafka', 1_002)

    expect(counts.readKeyValue()).toEqual(KeyValue.pair('kafka', 1))
    expect(counts.readRecord()).toEqual(new TestRecord('streams', 1, { timestamp: 1_001 }))
    expect(counts.readKeyValuesToMap()).toEqual(new Map([['kafka', 2]]))
    expect(counts.isEmpty()).toBe(true)
    expect(() => counts.readValue()).toThrow(NoSuchElementError)
    // --- end
  })

  it('uses input time, auto-advance and headers', () => {
    // --- guide: time
    const timed = driver.createInputTopic('words', Serdes.String(), Serdes.String(), 5_000, 100)
    timed.pipeInput('k', 'a') // timestamp 5000
    timed.pipeInput('k', 'b') // 5100
    timed.advanceTime(1_000)
    timed.pipeInput(new TestRecord('k', 'c', { headers: new Headers().add('source', 'test') })) // 6200
    timed.pipeInput('k', 'd', 42) // an explicit timestamp does not move the topic's time
    timed.pipeKeyValueList([KeyValue.pair('k', 'e'), KeyValue.pair('k', 'f')], 10_000, 10) // 10000, 10010

    expect(counts.readRecordsToList().map((r) => r.timestamp)).toEqual([5_000, 5_100, 6_200, 42, 10_000, 10_010])
    // --- end
  })

  it('reads and writes stores', () => {
    // --- guide: stores
    words.pipeValueList(['a', 'b', 'a'])
    const store = driver.getKeyValueStore<string, number>('counts')!
    expect(store.get('a')).toBe(2)

    store.put('z', 41) // seed state directly
    words.pipeInput('z')
    expect(counts.readValuesToList()).toEqual([1, 1, 2, 42])
    // --- end
  })

  it('fires wall-clock punctuators when wall-clock time advances', () => {
    // --- guide: punctuation
    words.pipeValueList(['a', 'b'])
    counts.readValuesToList()

    driver.advanceWallClockTime(59_999)
    expect(counts.isEmpty()).toBe(true)
    driver.advanceWallClockTime(1)
    expect(counts.readRecord()).toEqual(new TestRecord('total', 2, { timestamp: 60_000 }))
    // --- end
  })

  it('awaits asynchronous processing', async () => {
    // --- guide: async
    const topology = new Topology()
      .addSource('words', 'words', { keySerde: Serdes.String(), valueSerde: Serdes.String() })
      .addProcessor(
        'prefix-scan',
        () => {
          let ctx: ProcessorContext<string, number>
          let seen: KeyValueStore<string, string>
          return {
            init(context: ProcessorContext<string, number>) {
              ctx = context
              seen = context.getStateStore<KeyValueStore<string, string>>('seen')
            },
            async process(record: Record<string, string>) {
              seen.put(record.value, record.value)
              let matches = 0
              const it: KeyValueIterator<string, string> = seen.range(record.value[0]!, `${record.value[0]!}\uffff`)
              for await (const _ of it) matches++ // range scans are asynchronous
              ctx.forward(new Record(record.value, matches, record.timestamp))
            },
          }
        },
        'words',
      )
      .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('seen'), Serdes.String(), Serdes.String()), 'prefix-scan')
      .addSink('out', 'matches', { keySerde: Serdes.String(), valueSerde: Serdes.Long() }, 'prefix-scan')

    const asyncDriver = new TopologyTestDriver(topology)
    const input = asyncDriver.createInputTopic('words', Serdes.String(), Serdes.String())
    const output = asyncDriver.createOutputTopic('matches', Serdes.String(), Serdes.Long())

    await input.pipeInput('apple') // LevelDB opens asynchronously and the processor returns a Promise
    await input.pipeValueList(['avocado', 'banana'])
    expect(output.readKeyValuesToList()).toEqual([KeyValue.pair('apple', 1), KeyValue.pair('avocado', 2), KeyValue.pair('banana', 1)])

    await asyncDriver.close()
    // --- end
  })
  it('unit-tests one processor with MockProcessorContext', () => {
    // --- guide: mock-context
    const processor = wordCounter()
    const context = new MockProcessorContext<string, number>()
    const store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('counts'), Serdes.String(), Serdes.Long())
      .withLoggingDisabled()
      .build()
    store.init(context.getStateStoreContext(), store) // the store registers itself with the context
    processor.init!(context)

    processor.process(new Record('a', 'a', 10))
    processor.process(new Record('a', 'a', 11))
    expect(context.forwarded().map((f) => [f.record.key, f.record.value])).toEqual([
      ['a', 1],
      ['a', 2],
    ])
    const [report] = context.scheduledPunctuators() // punctuators never fire by themselves here
    expect([report!.intervalMs, report!.type]).toEqual([60_000, PunctuationType.WALL_CLOCK_TIME])
    // --- end
  })
})
