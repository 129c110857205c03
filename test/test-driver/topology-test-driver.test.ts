import { existsSync, readdirSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { Topology } from '../../processor-api/topology.js'
import { Record } from '../../processor-api/record.js'
import { Headers } from '../../processor-api/headers.js'
import { KeyValue } from '../../processor-api/key-value.js'
import { Serdes } from '../../processor-api/serde/serdes.js'
import type { ProcessorContext } from '../../processor-api/processor-context.js'
import { TopologyTestDriver } from '../../src/test-driver/topology-test-driver.js'
import { TestRecord } from '../../src/test-driver/test-record.js'
import { DriverClosedError, NoSuchElementError, ProcessingPendingError } from '../../src/test-driver/errors.js'
import { UnknownTopicError } from '../../src/runtime/errors.js'
import { ConfigError } from '../../src/config/config-error.js'
import { tempDir } from '../helpers/temp-dir.js'
import { TestStoreBuilder, type TestKeyValueStore } from '../runtime/task/helpers/test-store.js'

const strings = { keySerde: Serdes.String(), valueSerde: Serdes.String() }
const drivers: TopologyTestDriver[] = []
function driverFor(topology: Topology, ...rest: ConstructorParameters<typeof TopologyTestDriver> extends [unknown, ...infer R] ? R : never): TopologyTestDriver {
  const d = new TopologyTestDriver(topology, ...rest)
  drivers.push(d)
  return d
}
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()))
})

function uppercase() {
  let ctx: ProcessorContext<string, string>
  return {
    init: (c: ProcessorContext<string, string>) => {
      ctx = c
    },
    process: (r: Record<string, string>) => ctx.forward(r.withValue(r.value.toUpperCase())),
  }
}

describe('TopologyTestDriver', () => {
  it('processes a piped record through the topology before pipeInput returns', () => {
    const topology = new Topology()
      .addSource('source', 'input', strings)
      .addProcessor('upper', uppercase, 'source')
      .addSink('sink', 'output', strings, 'upper')
    const driver = driverFor(topology)
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String())
    const output = driver.createOutputTopic('output', Serdes.String(), Serdes.String())
    input.pipeInput('k', 'hello', 5)
    expect(output.readKeyValue()).toEqual(KeyValue.pair('k', 'HELLO'))
    expect(output.isEmpty()).toBe(true)
  })

  it('propagates timestamps and headers, and auto-advances input time', () => {
    const topology = new Topology().addSource('source', 'input', strings).addSink('sink', 'output', strings, 'source')
    const driver = driverFor(topology, {}, 0)
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String(), 1000, 10)
    const output = driver.createOutputTopic('output', Serdes.String(), Serdes.String())
    input.pipeInput('a', '1')
    input.pipeInput('b', '2')
    input.pipeInput('c', '3', 7)
    input.pipeInput(new TestRecord('d', '4', { headers: new Headers().add('trace', 'x') }))
    input.pipeInput('value-only')
    const records = output.readRecordsToList()
    expect(records.map((r) => [r.key, r.value, r.timestamp])).toEqual([
      ['a', '1', 1000],
      ['b', '2', 1010],
      ['c', '3', 7],
      ['d', '4', 1020],
      [null, 'value-only', 1030],
    ])
    expect(records[3]!.headers.lastHeader('trace')?.value?.toString()).toBe('x')
    expect(records[3]).toEqual(new TestRecord('d', '4', { timestamp: 1020, headers: new Headers().add('trace', 'x') }))
  })

  it('pipes lists with explicit start time and advance', () => {
    const topology = new Topology().addSource('source', 'input', strings).addSink('sink', 'output', strings, 'source')
    const driver = driverFor(topology)
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String())
    const output = driver.createOutputTopic('output', Serdes.String(), Serdes.String())
    input.pipeKeyValueList([KeyValue.pair('a', '1'), KeyValue.pair('b', '2')], 100, 5)
    input.pipeValueList(['x', 'y'], 200, 1)
    input.pipeRecordList([new TestRecord('r', 'z', { timestamp: 300 })])
    expect(output.readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).toEqual([
      ['a', '1', 100],
      ['b', '2', 105],
      [null, 'x', 200],
      [null, 'y', 201],
      ['r', 'z', 300],
    ])
  })

  it('throws NoSuchElementError for a never-written or exhausted topic, and UnknownTopicError for an unread input', () => {
    const topology = new Topology().addSource('source', 'input', strings).addSink('sink', 'output', strings, 'source')
    const driver = driverFor(topology)
    const output = driver.createOutputTopic('output', Serdes.String(), Serdes.String())
    expect(() => output.readValue()).toThrow(NoSuchElementError)
    expect(() => output.readValue()).toThrow('Uninitialized topic: output')
    driver.createInputTopic('input', Serdes.String(), Serdes.String()).pipeInput('k', 'v', 1)
    expect(output.readValue()).toBe('v')
    let caught: unknown
    try {
      output.readValue()
    } catch (err) {
      caught = err
    }
    expect(caught).toMatchObject({ code: 'KS_ERR_NO_SUCH_ELEMENT', message: 'Empty topic: output' })
    const unknown = driver.createInputTopic('nobody-reads-this', Serdes.String(), Serdes.String())
    expect(() => unknown.pipeInput('k', 'v', 1)).toThrow(UnknownTopicError)
  })

  it('reads the last value per key with readKeyValuesToMap and counts the queue', () => {
    const topology = new Topology().addSource('source', 'input', strings).addSink('sink', 'output', strings, 'source')
    const driver = driverFor(topology)
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String())
    const output = driver.createOutputTopic('output', Serdes.String(), Serdes.String())
    input.pipeKeyValueList([KeyValue.pair('a', '1'), KeyValue.pair('b', '2'), KeyValue.pair('a', '3')])
    expect(output.getQueueSize()).toBe(3)
    expect(output.readKeyValuesToMap()).toEqual(new Map([['a', '3'], ['b', '2']]))
    expect(output.getQueueSize()).toBe(0)
  })

  it('feeds records written to a topic another sub-topology reads back in, and lists produced topics', () => {
    const topology = new Topology()
      .addSource('source', 'input', strings)
      .addProcessor('upper', uppercase, 'source')
      .addSink('to-middle', 'middle', strings, 'upper')
      .addSource('middle-source', 'middle', strings)
      .addProcessor(
        'suffix',
        () => {
          let ctx: ProcessorContext<string, string>
          return {
            init: (c: ProcessorContext<string, string>) => {
              ctx = c
            },
            process: (r: Record<string, string>) => ctx.forward(r.withValue(`${r.value}!`)),
          }
        },
        'middle-source',
      )
      .addSink('sink', 'output', strings, 'suffix')
    const driver = driverFor(topology)
    driver.createInputTopic('input', Serdes.String(), Serdes.String()).pipeInput('k', 'hi', 3)
    const output = driver.createOutputTopic('output', Serdes.String(), Serdes.String())
    expect(output.readRecord()).toEqual(new TestRecord('k', 'HI!', { timestamp: 3 }))
    expect(driver.createOutputTopic('middle', Serdes.String(), Serdes.String()).readValue()).toBe('HI')
    expect(driver.producedTopicNames()).toEqual(new Set(['middle', 'output']))
  })

  it('routes records with a topic-name extractor', () => {
    const topology = new Topology()
      .addSource('source', 'input', strings)
      .addSink('router', (key: string) => `out-${key}`, strings, 'source')
    const driver = driverFor(topology)
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String())
    input.pipeInput('a', '1', 1)
    input.pipeInput('b', '2', 2)
    expect(driver.createOutputTopic('out-a', Serdes.String(), Serdes.String()).readValuesToList()).toEqual(['1'])
    expect(driver.createOutputTopic('out-b', Serdes.String(), Serdes.String()).readValuesToList()).toEqual(['2'])
  })

  it('reads from topics matching a pattern source', () => {
    const topology = new Topology().addSource('source', /events-.*/, strings).addSink('sink', 'output', strings, 'source')
    const driver = driverFor(topology)
    driver.createInputTopic('events-a', Serdes.String(), Serdes.String()).pipeInput('k', 'from-a', 1)
    driver.createInputTopic('events-b', Serdes.String(), Serdes.String()).pipeInput('k', 'from-b', 2)
    expect(driver.createOutputTopic('output', Serdes.String(), Serdes.String()).readValuesToList()).toEqual(['from-a', 'from-b'])
  })

  it('uses the configured default serdes and validates its configuration', () => {
    const topology = new Topology().addSource('source', 'input').addSink('sink', 'output', 'source')
    const driver = driverFor(topology, { defaultKeySerde: Serdes.String(), defaultValueSerde: Serdes.String() })
    driver.createInputTopic('input', Serdes.String(), Serdes.String()).pipeInput('k', 'v', 1)
    expect(driver.createOutputTopic('output', Serdes.String(), Serdes.String()).readValue()).toBe('v')
    expect(() => new TopologyTestDriver(topology, { cacheMaxBytes: -1 })).toThrow(ConfigError)
    expect(() => new TopologyTestDriver(topology, { applicationID: 'typo' } as never)).toThrow(/applicationID: unknown key/)
  })

  it('exposes stores and removes the state directory on close', async () => {
    const dir = await tempDir()
    try {
      const builder = new TestStoreBuilder('kv', { persistent: true })
      const topology = new Topology()
        .addSource('source', 'input', strings)
        .addProcessor(
          'writer',
          () => {
            let store: TestKeyValueStore
            return {
              init: (c: ProcessorContext) => {
                store = c.getStateStore<TestKeyValueStore>('kv')
              },
              process: (r: Record<string, string>) => store.put(r.key, r.value),
            }
          },
          'source',
        )
        .addStateStore(builder, 'writer')
      const driver = new TopologyTestDriver(topology, { stateDir: dir.path, applicationId: 'app' })
      driver.createInputTopic('input', Serdes.String(), Serdes.String()).pipeInput('k', 'v', 1)
      const store = driver.getStateStore('kv') as TestKeyValueStore
      expect(store.get('k')).toBe('v')
      expect(driver.getAllStateStores()).toEqual(new Map([['kv', store]]))
      expect(driver.getStateStore('missing')).toBeNull()
      expect(driver.producedTopicNames()).toEqual(new Set(['app-kv-changelog']))
      expect(store.context!.stateDir).toBe(`${dir.path}/app/0_0`)
      expect(existsSync(`${dir.path}/app/0_0/.lock`)).toBe(true)
      await driver.close()
      expect(store.isOpen).toBe(false)
      expect(readdirSync(dir.path)).toEqual([])
    } finally {
      await dir.cleanup()
    }
  })

  it('removes the temporary state directory it created', async () => {
    const topology = new Topology()
      .addSource('source', 'input', strings)
      .addProcessor('p', () => ({ process: () => undefined }), 'source')
      .addStateStore(new TestStoreBuilder('kv', { persistent: true }), 'p')
    const driver = new TopologyTestDriver(topology)
    const dir = (driver.getStateStore('kv') as TestKeyValueStore).context!.stateDir!
    expect(existsSync(dir)).toBe(true)
    await driver.close()
    expect(existsSync(dir)).toBe(false)
  })

  it('returns a Promise from pipeInput when a processor is asynchronous, and refuses reads until it settles', async () => {
    const topology = new Topology()
      .addSource('source', 'input', strings)
      .addProcessor(
        'slow',
        () => {
          let ctx: ProcessorContext<string, string>
          return {
            init: (c: ProcessorContext<string, string>) => {
              ctx = c
            },
            process: async (r: Record<string, string>) => {
              await new Promise((resolve) => setImmediate(resolve))
              ctx.forward(r.withValue(`${r.value}-done`))
            },
          }
        },
        'source',
      )
      .addSink('sink', 'output', strings, 'slow')
    const driver = driverFor(topology)
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String())
    const output = driver.createOutputTopic('output', Serdes.String(), Serdes.String())
    const first = input.pipeInput('a', '1', 1)
    expect(first).toBeInstanceOf(Promise)
    expect(() => output.readValue()).toThrow(ProcessingPendingError)
    const second = input.pipeInput('b', '2', 2) // queued behind the first
    await first
    await second
    expect(output.readValuesToList()).toEqual(['1-done', '2-done'])
    await input.pipeKeyValueList([KeyValue.pair('c', '3'), KeyValue.pair('d', '4')])
    expect(output.readValuesToList()).toEqual(['3-done', '4-done'])
  })

  it('supports stores whose init is asynchronous: settled() resolves once they are open', async () => {
    const topology = new Topology()
      .addSource('source', 'input', strings)
      .addProcessor(
        'writer',
        () => {
          let store: TestKeyValueStore
          return {
            init: (c: ProcessorContext) => {
              store = c.getStateStore<TestKeyValueStore>('kv')
            },
            process: (r: Record<string, string>) => store.put(r.key, r.value),
          }
        },
        'source',
      )
      .addStateStore(new TestStoreBuilder('kv', { asyncInit: true }), 'writer')
    const driver = driverFor(topology)
    expect(() => driver.getStateStore('kv')).toThrow(ProcessingPendingError)
    await driver.settled()
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String())
    input.pipeInput('k', 'v', 1)
    expect((driver.getStateStore('kv') as TestKeyValueStore).get('k')).toBe('v')
  })

  it('feeds records written to an internal repartition topic back in under its decorated name', () => {
    const topology = new Topology()
      .addSource('source', 'input', strings)
      .addSink('to-repartition', 'rekeyed-repartition', strings, 'source')
      .addSource('from-repartition', 'rekeyed-repartition', strings)
      .addSink('sink', 'output', strings, 'from-repartition')
    topology.internalTopologyBuilder.addInternalTopic('rekeyed-repartition')
    const driver = driverFor(topology, { applicationId: 'app' })
    driver.createInputTopic('input', Serdes.String(), Serdes.String()).pipeInput('k', 'v', 9)
    expect(driver.createOutputTopic('output', Serdes.String(), Serdes.String()).readRecord()).toEqual(new TestRecord('k', 'v', { timestamp: 9 }))
    expect(driver.producedTopicNames()).toEqual(new Set(['app-rekeyed-repartition', 'output']))
  })

  it('holds records back under maxTaskIdleMs until the other input has data or wall-clock time passes', () => {
    const topology = new Topology()
      .addSource('left', 'left', strings)
      .addSource('right', 'right', strings)
      .addProcessor('both', uppercase, 'left', 'right')
      .addSink('sink', 'output', strings, 'both')
    const driver = driverFor(topology, { maxTaskIdleMs: 100 }, 0)
    const output = driver.createOutputTopic('output', Serdes.String(), Serdes.String())
    driver.createInputTopic('left', Serdes.String(), Serdes.String()).pipeInput('k', 'l1', 5)
    expect(output.isEmpty()).toBe(true)
    // Both inputs have data: the lowest timestamp goes first; then 'right' is empty again.
    driver.createInputTopic('right', Serdes.String(), Serdes.String()).pipeInput('k', 'r1', 3)
    expect(output.readValuesToList()).toEqual(['R1'])
    driver.advanceWallClockTime(99)
    expect(output.isEmpty()).toBe(true)
    driver.advanceWallClockTime(1)
    expect(output.readValuesToList()).toEqual(['L1'])
  })

  it('refuses use after close and closes only once', async () => {
    const topology = new Topology().addSource('source', 'input', strings).addSink('sink', 'output', strings, 'source')
    const driver = new TopologyTestDriver(topology)
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String())
    input.pipeInput('k', 'v', 1)
    await driver.close()
    await driver.close()
    expect(() => input.pipeInput('k', 'v', 2)).toThrow(DriverClosedError)
    expect(driver.createOutputTopic('output', Serdes.String(), Serdes.String()).readValue()).toBe('v')
  })

  it('rejects a call queued behind failed asynchronous work with that failure, then runs later calls', async () => {
    const topology = new Topology()
      .addSource('source', 'input', strings)
      .addProcessor(
        'async',
        () => {
          let ctx: ProcessorContext<string, string>
          return {
            init: (c: ProcessorContext<string, string>) => {
              ctx = c
            },
            process: async (r: Record<string, string>) => {
              await new Promise((resolve) => setImmediate(resolve))
              if (r.value === 'bad') throw new Error('async failure')
              ctx.forward(r)
            },
          }
        },
        'source',
      )
      .addSink('sink', 'output', strings, 'async')
    const driver = driverFor(topology)
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String())
    const failed = input.pipeInput('k', 'bad', 1)
    const queued = input.pipeInput('k', 'good', 2)
    await expect(failed).rejects.toThrow('async failure')
    await expect(queued).rejects.toThrow('async failure')
    await input.pipeInput('k', 'later', 3)
    expect(driver.createOutputTopic('output', Serdes.String(), Serdes.String()).readValuesToList()).toEqual(['later'])
  })
})
