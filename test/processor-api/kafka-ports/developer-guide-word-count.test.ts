/**
 * The Processor API section of Kafka's developer guide (processor-api.html): the WordCountProcessor
 * (a key-value store "Counts", a stream-time punctuator forwarding every count each second) wired
 * as `Source -> Process -> Sink` with the store connected to `Process`, run in the test driver,
 * in-memory and persistent. Also the guide's rules: forward to a named child (an unknown one is
 * refused), the minimum scheduling interval, a punctuator cancelled from inside itself.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { Record } from '../../../processor-api/record.js'
import { KeyValue } from '../../../processor-api/key-value.js'
import { PunctuationType, type Cancellable } from '../../../processor-api/punctuation.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Processor } from '../../../processor-api/processor.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { Stores } from '../../../state-stores/stores.js'
import type { KeyValueStore } from '../../../state-stores/key-value-store.js'
import { TopologyTestDriver } from '../../../src/test-driver/index.js'

const S = Serdes.String()
let driver: TopologyTestDriver | null = null
afterEach(async () => {
  await driver?.close()
  driver = null
})

/** The guide's WordCountProcessor. */
function wordCountProcessor(): Processor<string, string, string, string> {
  let kvStore!: KeyValueStore<string, number>
  return {
    init(context: ProcessorContext<string, string>) {
      context.schedule(1000, PunctuationType.STREAM_TIME, async (timestamp) => {
        for await (const entry of kvStore.all()) context.forward(new Record(entry.key, String(entry.value), timestamp))
      })
      kvStore = context.getStateStore<KeyValueStore<string, number>>('Counts')
    },
    process(record: Record<string, string>) {
      for (const word of record.value.toLowerCase().split(/\W+/)) {
        const oldValue = kvStore.get(word)
        kvStore.put(word, oldValue === null ? 1 : oldValue + 1)
      }
    },
  }
}

function guideTopology(persistent: boolean): Topology {
  const supplier = persistent ? Stores.persistentKeyValueStore('Counts') : Stores.inMemoryKeyValueStore('Counts')
  return new Topology()
    .addSource('Source', 'source-topic')
    .addProcessor('Process', wordCountProcessor, 'Source')
    .addStateStore(Stores.keyValueStoreBuilder(supplier, S, Serdes.Integer()), 'Process')
    .addSink('Sink', 'sink-topic', 'Process')
}

describe("Kafka's developer guide, Processor API", () => {
  for (const persistent of [false, true]) {
    it(`runs the WordCountProcessor with a ${persistent ? 'persistent' : 'in-memory'} store: counts are forwarded on stream-time punctuation`, async () => {
      driver = new TopologyTestDriver(guideTopology(persistent), { defaultKeySerde: S, defaultValueSerde: S })
      const input = driver.createInputTopic('source-topic', S, S)
      const output = driver.createOutputTopic('sink-topic', S, S)
      await input.pipeInput('k', 'Hello Kafka Streams', 0) // first punctuation at the first record's time
      expect(output.readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).toEqual([
        ['hello', '1', 0],
        ['kafka', '1', 0],
        ['streams', '1', 0],
      ])
      await input.pipeInput('k', 'hello again', 500) // stream time 500: no punctuation
      expect(output.isEmpty()).toBe(true)
      await input.pipeInput('k', 'bye', 1000)
      expect(output.readKeyValuesToMap()).toEqual(
        new Map([
          ['again', '1'],
          ['bye', '1'],
          ['hello', '2'],
          ['kafka', '1'],
          ['streams', '1'],
        ]),
      )
      expect(driver.getKeyValueStore<string, number>('Counts')!.get('hello')).toBe(2)
    })
  }

  it('forwards to a named child only, and rejects an unknown child', () => {
    const forwarder = (target: string) => (): Processor<string, string, string, string> => {
      let ctx!: ProcessorContext<string, string>
      return { init: (c) => void (ctx = c), process: (r) => ctx.forward(r, target) }
    }
    const t = new Topology()
      .addSource('Source', 'in', { keySerde: S, valueSerde: S })
      .addProcessor('Router', forwarder('SinkB'), 'Source')
      .addSink('SinkA', 'a', { keySerde: S, valueSerde: S }, 'Router')
      .addSink('SinkB', 'b', { keySerde: S, valueSerde: S }, 'Router')
    driver = new TopologyTestDriver(t)
    driver.createInputTopic('in', S, S).pipeInput('k', 'v')
    expect(driver.createOutputTopic('a', S, S).isEmpty()).toBe(true)
    expect(driver.createOutputTopic('b', S, S).readKeyValue()).toEqual(KeyValue.pair('k', 'v'))
    const bad = new Topology()
      .addSource('Source', 'in', { keySerde: S, valueSerde: S })
      .addProcessor('Router', forwarder('Nobody'), 'Source')
      .addSink('SinkA', 'a', { keySerde: S, valueSerde: S }, 'Router')
    const badDriver = new TopologyTestDriver(bad)
    try {
      expect(() => badDriver.createInputTopic('in', S, S).pipeInput('k', 'v')).toThrow(
        'Unknown downstream node: Nobody either does not exist or is not connected to this processor',
      )
    } finally {
      void badDriver.close()
    }
  })

  it('refuses a schedule interval under 1 ms', () => {
    const t = new Topology()
      .addSource('Source', 'in', { keySerde: S, valueSerde: S })
      .addProcessor('P', () => ({ init: (c: ProcessorContext) => void c.schedule(0, PunctuationType.STREAM_TIME, () => {}), process: () => {} }), 'Source')
    let caught: unknown
    try {
      new TopologyTestDriver(t)
    } catch (e) {
      caught = e
    }
    // Thrown by schedule inside init, so wrapped as Kafka's ProcessorNode.init does.
    expect((caught as Error).message).toBe('failed to initialize processor P')
    expect(((caught as Error).cause as Error).message).toMatch(/^The minimum supported scheduling interval is 1 millisecond/)
  })

  it('stops a punctuator cancelled from inside itself', () => {
    const fired: number[] = []
    const t = new Topology().addSource('Source', 'in', { keySerde: S, valueSerde: S }).addProcessor(
      'P',
      () => ({
        init: (c: ProcessorContext) => {
          const handle: Cancellable = c.schedule(10, PunctuationType.WALL_CLOCK_TIME, (ts) => {
            fired.push(ts)
            if (fired.length === 2) handle.cancel()
          })
        },
        process: () => {},
      }),
      'Source',
    )
    driver = new TopologyTestDriver(t, {}, 0)
    for (let i = 0; i < 5; i++) driver.advanceWallClockTime(10)
    expect(fired).toEqual([10, 20])
  })
})
