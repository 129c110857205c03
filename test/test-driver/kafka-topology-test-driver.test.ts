/**
 * Ported from Kafka Streams' TopologyTestDriverTest (streams/test-utils): punctuation on stream
 * time and wall-clock time, and the "custom max aggregator" cases (a pre-populated store flushed
 * by punctuators), with the same inputs and expectations.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Topology } from '../../processor-api/topology.js'
import { Record } from '../../processor-api/record.js'
import { PunctuationType } from '../../processor-api/punctuation.js'
import type { ProcessorContext } from '../../processor-api/processor-context.js'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Stores } from '../../state-stores/stores.js'
import type { KeyValueStore } from '../../state-stores/key-value-store.js'
import { TopologyTestDriver } from '../../src/test-driver/index.js'

const S = Serdes.String()
const L = Serdes.Long()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

/** source-topic-1 -> a processor scheduling one punctuator -> sink-topic-1. */
function singleProcessorTopology(intervalMs: number, type: PunctuationType, punctuatedAt: number[]): Topology {
  return new Topology()
    .addSource('source', 'source-topic-1')
    .addProcessor(
      'processor',
      () => {
        let ctx: ProcessorContext<unknown, unknown>
        return {
          init(context: ProcessorContext<unknown, unknown>) {
            ctx = context
            context.schedule(intervalMs, type, (ts) => {
              punctuatedAt.push(ts)
            })
          },
          process(record: Record<unknown, unknown>) {
            ctx.forward(record)
          },
        }
      },
      'source',
    )
    .addSink('sink', 'sink-topic-1', {}, 'processor')
}

describe('TopologyTestDriverTest (Kafka)', () => {
  it('shouldPunctuateOnStreamsTime', () => {
    const punctuatedAt: number[] = []
    driver = new TopologyTestDriver(singleProcessorTopology(10, PunctuationType.STREAM_TIME, punctuatedAt), { defaultKeySerde: S, defaultValueSerde: S })
    const input = driver.createInputTopic('source-topic-1', S, S)
    const expected: number[] = []
    const step = (ts: number, punctuates: boolean): void => {
      input.pipeInput('key1', 'value1', ts)
      if (punctuates) expected.push(ts)
      expect(punctuatedAt).toEqual(expected)
    }
    step(42, true)
    step(42, false)
    step(51, true)
    step(52, false)
    step(61, true)
    step(65, false)
    step(71, true)
    step(72, false)
    step(95, true)
    step(101, true)
    step(102, false)
  })

  it('shouldPunctuateOnWallClockTime', () => {
    const punctuatedAt: number[] = []
    driver = new TopologyTestDriver(singleProcessorTopology(10, PunctuationType.WALL_CLOCK_TIME, punctuatedAt), { defaultKeySerde: Serdes.ByteArray(), defaultValueSerde: Serdes.ByteArray() }, 0)
    driver.advanceWallClockTime(5)
    expect(punctuatedAt).toEqual([])
    driver.advanceWallClockTime(9)
    expect(punctuatedAt).toEqual([14])
    driver.advanceWallClockTime(1)
    expect(punctuatedAt).toEqual([14])
    driver.advanceWallClockTime(20)
    expect(punctuatedAt).toEqual([14, 35])
    driver.advanceWallClockTime(5)
    expect(punctuatedAt).toEqual([14, 35, 40])
  })

  describe('custom max aggregator over a pre-populated in-memory store', () => {
    /** Kafka's CustomMaxAggregator: keeps the max per key; punctuators (1 min wall clock, 10 s stream time) forward the whole store. */
    function setup(): { store: KeyValueStore<string, number>; pipe: (k: string, v: number, ts: number) => Promise<void>; read: () => [string, number][] } {
      const topology = new Topology()
        .addSource('sourceProcessor', 'input-topic')
        .addProcessor(
          'aggregator',
          () => {
            let ctx: ProcessorContext<string, number>
            let store: KeyValueStore<string, number>
            const flushStore = async (timestamp: number): Promise<void> => {
              const it = store.all()
              try {
                for await (const kv of it) ctx.forward(new Record(kv.key, kv.value, timestamp))
              } finally {
                await it.close()
              }
            }
            return {
              init(context: ProcessorContext<string, number>) {
                ctx = context
                context.schedule(60_000, PunctuationType.WALL_CLOCK_TIME, flushStore)
                context.schedule(10_000, PunctuationType.STREAM_TIME, flushStore)
                store = context.getStateStore<KeyValueStore<string, number>>('aggStore')
              },
              process(record: Record<string, number>) {
                const old = store.get(record.key)
                if (old === null || record.value > old) store.put(record.key, record.value)
              },
            }
          },
          'sourceProcessor',
        )
        .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('aggStore'), S, L), 'aggregator')
        .addSink('sinkProcessor', 'result-topic', {}, 'aggregator')
      const d = new TopologyTestDriver(topology, { defaultKeySerde: S, defaultValueSerde: L })
      driver = d
      const store = d.getKeyValueStore<string, number>('aggStore')!
      store.put('a', 21)
      const input = d.createInputTopic('input-topic', S, L)
      const output = d.createOutputTopic('result-topic', S, L)
      return {
        store,
        pipe: async (k, v, ts) => {
          await input.pipeInput(k, v, ts)
        },
        read: () => output.readKeyValuesToList().map((kv) => [kv.key, kv.value]),
      }
    }

    it('shouldFlushStoreForFirstInput / shouldNotUpdateStoreForSmallerValue', async () => {
      const { store, pipe, read } = setup()
      await pipe('a', 1, 9999)
      expect(store.get('a')).toBe(21)
      expect(read()).toEqual([['a', 21]])
    })

    it('shouldNotUpdateStoreForLargerValue (the larger value replaces it)', async () => {
      const { store, pipe, read } = setup()
      await pipe('a', 42, 9999)
      expect(store.get('a')).toBe(42)
      expect(read()).toEqual([['a', 42]])
    })

    it('shouldUpdateStoreForNewKey', async () => {
      const { store, pipe, read } = setup()
      await pipe('b', 21, 9999)
      expect(store.get('b')).toBe(21)
      expect(read()).toEqual([
        ['a', 21],
        ['b', 21],
      ])
    })

    it('shouldPunctuateIfEvenTimeAdvances', async () => {
      const { pipe, read } = setup()
      await pipe('a', 1, 9999)
      expect(read()).toEqual([['a', 21]])
      await pipe('a', 1, 9999)
      expect(read()).toEqual([])
      await pipe('a', 1, 10000)
      expect(read()).toEqual([['a', 21]])
    })

    it('shouldPunctuateIfWallClockTimeAdvances', async () => {
      const { read } = setup()
      await driver!.advanceWallClockTime(60_000)
      expect(read()).toEqual([['a', 21]])
    })
  })
})
