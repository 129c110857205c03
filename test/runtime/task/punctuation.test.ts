import { afterEach, describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { Record } from '../../../processor-api/record.js'
import { PunctuationType, type Cancellable } from '../../../processor-api/punctuation.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { RecordMetadata } from '../../../processor-api/record-metadata.js'
import type { CachedRecordContext } from '../../../processor-api/state-store.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { TopologyTestDriver } from '../../../src/test-driver/topology-test-driver.js'
import { TaskProcessingError } from '../../../src/runtime/errors.js'

const strings = { keySerde: Serdes.String(), valueSerde: Serdes.String() }
const drivers: TopologyTestDriver[] = []
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()))
})

interface Seen {
  type: PunctuationType
  at: number
  metadata: RecordMetadata | null
  recordContext: CachedRecordContext | null
}

/** A topology whose processor schedules `schedules` in init and logs every punctuation. */
function punctuating(schedules: { interval: number; type: PunctuationType; cancelAfter?: number; name?: string }[], seen: (Seen & { name: string })[]) {
  return new Topology()
    .addSource('source', 'input', strings)
    .addProcessor(
      'proc',
      () => {
        let ctx: ProcessorContext<string, string>
        return {
          init: (c: ProcessorContext<string, string>) => {
            ctx = c
            schedules.forEach((s, i) => {
              let fired = 0
              let handle: Cancellable | null = null
              handle = c.schedule(s.interval, s.type, (at) => {
                seen.push({
                  name: s.name ?? `p${i}`,
                  type: s.type,
                  at,
                  metadata: c.recordMetadata(),
                  recordContext: (c as unknown as { currentRecordContext(): CachedRecordContext | null }).currentRecordContext(),
                })
                ctx.forward(new Record('punctuated', `${s.name ?? `p${i}`}@${at}`, at + 1000))
                if (++fired === s.cancelAfter) handle!.cancel()
              })
            })
          },
          process: (r: Record<string, string>) => ctx.forward(r),
        }
      },
      'source',
    )
    .addSink('sink', 'output', strings, 'proc')
}

describe('punctuation in a StreamTask (through the TopologyTestDriver)', () => {
  it('fires stream-time punctuators at the first record and then aligned to the interval, skipping missed intervals', () => {
    const seen: (Seen & { name: string })[] = []
    const driver = new TopologyTestDriver(punctuating([{ interval: 10, type: PunctuationType.STREAM_TIME }], seen), {}, 0)
    drivers.push(driver)
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String())
    for (const ts of [1, 5, 10, 35, 20, 39, 40, 142, 155, 160]) input.pipeInput('k', 'v', ts)
    expect(seen.map((s) => s.at)).toEqual([1, 10, 35, 40, 142, 155, 160])
  })

  it('gives punctuations no record metadata, the punctuation time, and forwards with the timestamp the punctuator chose', () => {
    const seen: (Seen & { name: string })[] = []
    const driver = new TopologyTestDriver(punctuating([{ interval: 10, type: PunctuationType.STREAM_TIME }], seen), {}, 0)
    drivers.push(driver)
    driver.createInputTopic('input', Serdes.String(), Serdes.String()).pipeInput('k', 'v', 12)
    expect(seen[0]!.metadata).toBeNull()
    expect(seen[0]!.recordContext).toMatchObject({ timestamp: 12, topic: null, partition: -1, offset: -1 })
    const out = driver.createOutputTopic('output', Serdes.String(), Serdes.String()).readRecordsToList()
    expect(out.map((r) => [r.key, r.value, r.timestamp])).toEqual([
      ['k', 'v', 12],
      ['punctuated', 'p0@12', 1012],
    ])
  })

  it('fires wall-clock punctuators only when the driver advances wall-clock time, skipping missed intervals', () => {
    const seen: (Seen & { name: string })[] = []
    const driver = new TopologyTestDriver(punctuating([{ interval: 10, type: PunctuationType.WALL_CLOCK_TIME }], seen), {}, 100)
    drivers.push(driver)
    driver.createInputTopic('input', Serdes.String(), Serdes.String()).pipeInput('k', 'v', 999_999)
    expect(seen).toEqual([])
    driver.advanceWallClockTime(5)
    expect(seen).toEqual([])
    driver.advanceWallClockTime(5)
    driver.advanceWallClockTime(25)
    driver.advanceWallClockTime(5)
    expect(seen.map((s) => [s.type, s.at])).toEqual([
      [PunctuationType.WALL_CLOCK_TIME, 110],
      [PunctuationType.WALL_CLOCK_TIME, 135],
      [PunctuationType.WALL_CLOCK_TIME, 140],
    ])
    expect(driver.createOutputTopic('output', Serdes.String(), Serdes.String()).readValuesToList()).toEqual(['v', 'p0@110', 'p0@135', 'p0@140'])
  })

  it('fires several punctuators in due-time order and stops a cancelled one', () => {
    const seen: (Seen & { name: string })[] = []
    const topology = punctuating(
      [
        { interval: 10, type: PunctuationType.STREAM_TIME, name: 'ten' },
        { interval: 4, type: PunctuationType.STREAM_TIME, name: 'four', cancelAfter: 2 },
      ],
      seen,
    )
    const driver = new TopologyTestDriver(topology, {}, 0)
    drivers.push(driver)
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String())
    for (const ts of [0, 4, 8, 12]) input.pipeInput('k', 'v', ts)
    expect(seen.map((s) => `${s.name}@${s.at}`)).toEqual(['ten@0', 'four@0', 'four@4', 'ten@12'])
  })

  it('reports a failing punctuator as a TaskProcessingError naming the processor', () => {
    const topology = new Topology().addSource('source', 'input', strings).addProcessor(
      'ticker',
      () => ({
        init: (c: ProcessorContext) => {
          c.schedule(5, PunctuationType.STREAM_TIME, () => {
            throw new Error('tick failed')
          })
        },
        process: () => undefined,
      }),
      'source',
    )
    const driver = new TopologyTestDriver(topology, {}, 0)
    drivers.push(driver)
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String())
    let caught: unknown
    try {
      input.pipeInput('k', 'v', 1)
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(TaskProcessingError)
    expect(caught).toMatchObject({ processorName: 'ticker', topic: null, offset: null })
    expect((caught as Error).message).toContain("Exception caught while punctuating processor 'ticker'")
  })

  it('rejects intervals below 1 ms', () => {
    const topology = new Topology().addSource('source', 'input', strings).addProcessor(
      'bad',
      () => ({
        init: (c: ProcessorContext) => {
          c.schedule(0, PunctuationType.STREAM_TIME, () => undefined)
        },
        process: () => undefined,
      }),
      'source',
    )
    let caught: unknown
    try {
      new TopologyTestDriver(topology)
    } catch (e) {
      caught = e
    }
    // Kafka's ProcessorNode.init wraps the failure; the cause is schedule's own error.
    expect((caught as Error).message).toBe('failed to initialize processor bad')
    expect(((caught as Error).cause as Error).message).toMatch(/minimum supported scheduling interval/)
  })
})
