import { describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { Record } from '../../../processor-api/record.js'
import { Headers } from '../../../processor-api/headers.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Processor } from '../../../processor-api/processor.js'
import { ProcessorStateError } from '../../../processor-api/errors.js'
import { TaskProcessingError, TaskStateError, UnknownTopicError } from '../../../src/runtime/errors.js'
import { drain, raw, startTask } from './helpers/task-fixture.js'
import { TestStoreBuilder, type TestKeyValueStore } from './helpers/test-store.js'

/** Upper-cases values, keeps timestamps and headers. */
function upper(): Processor<string, string, string, string> {
  let ctx: ProcessorContext<string, string>
  return {
    init: (c) => {
      ctx = c
    },
    process: (r) => ctx.forward(r.withValue(r.value.toUpperCase())),
  }
}

describe('StreamTask', () => {
  it('runs each record through source, processor and sink synchronously with timestamp and headers', async () => {
    const topology = new Topology()
      .addSource('src', 'in')
      .addProcessor('up', upper, 'src')
      .addSink('out', 'out', 'up')
    const { task, collector } = await startTask(topology, { partitions: [{ topic: 'in', partition: 0 }] })
    task.addRecords('in', 0, [raw('k', 'hello', 42, 0, new Headers().add('h', 'v'))])
    expect(task.process(0)).toBe(true)
    expect(collector.strings('out')).toEqual([{ key: 'k', value: 'HELLO', timestamp: 42 }])
    expect(collector.records[0]!.headers.lastHeader('h')?.value?.toString()).toBe('v')
    expect(task.process(0)).toBe(false)
    expect(task.commitNeeded).toBe(true)
    expect(task.committableOffsets()).toEqual([{ topic: 'in', partition: 0, offset: 1, partitionTime: 42 }])
  })

  it('picks the queued record with the lowest timestamp across partitions and tracks stream time', async () => {
    const seen: string[] = []
    const topology = new Topology()
      .addSource('a', 'topic-a')
      .addSource('b', 'topic-b')
      .addProcessor(
        'p',
        () => ({
          process: (r: Record<string, string>) => {
            seen.push(`${r.value}@${r.timestamp}`)
          },
        }),
        'a',
        'b',
      )
    const { task } = await startTask(topology, {
      partitions: [
        { topic: 'topic-a', partition: 0 },
        { topic: 'topic-b', partition: 0 },
      ],
    })
    task.addRecords('topic-a', 0, [raw('k', 'a1', 10, 0), raw('k', 'a2', 30, 1), raw('k', 'a3', 5, 2)])
    task.addRecords('topic-b', 0, [raw('k', 'b1', 20, 0), raw('k', 'b2', 40, 1)])
    expect(task.streamTime()).toBe(-1)
    await drain(task)
    // a3 (ts 5) is behind a2 in its partition: partitions are consumed in offset order.
    expect(seen).toEqual(['a1@10', 'b1@20', 'a2@30', 'a3@5', 'b2@40'])
    expect(task.streamTime()).toBe(40)
  })

  it('waits for an empty partition whose lag is unknown and honours max.task.idle.ms', async () => {
    const topology = new Topology().addSource('a', 'topic-a').addSource('b', 'topic-b').addSink('out', 'out', 'a', 'b')
    const { task, clock } = await startTask(topology, {
      partitions: [
        { topic: 'topic-a', partition: 0 },
        { topic: 'topic-b', partition: 0 },
      ],
      config: { maxTaskIdleMs: 100 },
    })
    task.updateLag('topic-b', 0, null)
    task.addRecords('topic-a', 0, [raw('k', 'v', 1, 0)])
    expect(task.isProcessable(clock.nowMs())).toBe(false)
    task.updateLag('topic-b', 0, 5)
    expect(task.process(clock.nowMs())).toBe(false)
    task.updateLag('topic-b', 0, 0)
    expect(task.process(clock.nowMs())).toBe(false) // idle deadline starts now: 0 + 100
    clock.advance(99)
    expect(task.process(clock.nowMs())).toBe(false)
    clock.advance(1)
    expect(task.process(clock.nowMs())).toBe(true)
  })

  it('processes at once when max.task.idle.ms is 0 and empty partitions are caught up, or -1', async () => {
    const topology = new Topology().addSource('a', 'topic-a').addSource('b', 'topic-b').addSink('out', 'out', 'a', 'b')
    const parts = [
      { topic: 'topic-a', partition: 0 },
      { topic: 'topic-b', partition: 0 },
    ]
    const zero = await startTask(topology, { partitions: parts })
    zero.task.addRecords('topic-a', 0, [raw('k', 'v', 1, 0)])
    expect(zero.task.process(0)).toBe(true)
    const disabled = await startTask(topology, { partitions: parts, config: { maxTaskIdleMs: -1 } })
    disabled.task.updateLag('topic-b', 0, null)
    disabled.task.addRecords('topic-a', 0, [raw('k', 'v', 1, 0)])
    expect(disabled.task.process(0)).toBe(true)
  })

  it('forwards to one named child, and rejects an unknown child name', async () => {
    const topology = new Topology()
      .addSource('src', 'in')
      .addProcessor(
        'router',
        () => {
          let ctx: ProcessorContext<string, string>
          return {
            init: (c: ProcessorContext<string, string>) => {
              ctx = c
            },
            process: (r: Record<string, string>) => ctx.forward(r, r.value),
          }
        },
        'src',
      )
      .addSink('left', 'left-topic', 'router')
      .addSink('right', 'right-topic', 'router')
    const { task, collector } = await startTask(topology, { partitions: [{ topic: 'in', partition: 0 }] })
    task.addRecords('in', 0, [raw('k', 'left', 1, 0), raw('k', 'right', 2, 1)])
    await drain(task)
    expect(collector.strings('left-topic').map((r) => r.value)).toEqual(['left'])
    expect(collector.strings('right-topic').map((r) => r.value)).toEqual(['right'])
    task.addRecords('in', 0, [raw('k', 'nowhere', 3, 2)])
    expect(() => task.process(0)).toThrow(ProcessorStateError)
  })

  it('wraps a processor failure in TaskProcessingError naming task, processor and record position', async () => {
    const boom = new Error('boom')
    const topology = new Topology().addSource('src', 'in').addProcessor(
      'bad',
      () => ({
        process: () => {
          throw boom
        },
      }),
      'src',
    )
    const { task } = await startTask(topology, { partitions: [{ topic: 'in', partition: 0 }] })
    task.addRecords('in', 0, [raw('k', 'v', 1, 7)])
    let caught: unknown
    try {
      task.process(0)
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(TaskProcessingError)
    const e = caught as TaskProcessingError
    expect(e.code).toBe('KS_ERR_PROCESSING')
    expect(e).toMatchObject({ taskId: '0_0', processorName: 'bad', topic: 'in', partition: 0, offset: 7 })
    expect(e.cause).toBe(boom)
    expect(e.message).toContain('taskId=0_0, processor=bad, topic=in, partition=0, offset=7')
  })

  it('awaits a Promise returned by a processor before processing the next record', async () => {
    const events: string[] = []
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const topology = new Topology()
      .addSource('src', 'in')
      .addProcessor(
        'slow',
        () => {
          let ctx: ProcessorContext<string, string>
          return {
            init: (c: ProcessorContext<string, string>) => {
              ctx = c
            },
            process: async (r: Record<string, string>) => {
              events.push(`start ${r.value}`)
              if (r.value === 'first') await gate
              ctx.forward(r)
              events.push(`end ${r.value}`)
            },
          }
        },
        'src',
      )
      .addSink('out', 'out', 'slow')
    const { task, collector } = await startTask(topology, { partitions: [{ topic: 'in', partition: 0 }] })
    task.addRecords('in', 0, [raw('k', 'first', 1, 0), raw('k', 'second', 2, 1)])
    const pending = task.process(0)
    expect(pending).toBeInstanceOf(Promise)
    expect(events).toEqual(['start first'])
    release()
    await expect(pending).resolves.toBe(true)
    expect(events).toEqual(['start first', 'end first'])
    expect(await task.process(0)).toBe(true)
    expect(collector.strings('out').map((r) => r.value)).toEqual(['first', 'second'])
  })

  it('reports a rejected processor Promise as a TaskProcessingError of that processor', async () => {
    const topology = new Topology().addSource('src', 'in').addProcessor(
      'async-bad',
      () => ({ process: async () => Promise.reject(new Error('later')) }),
      'src',
    )
    const { task } = await startTask(topology, { partitions: [{ topic: 'in', partition: 0 }] })
    task.addRecords('in', 0, [raw('k', 'v', 1, 3)])
    await expect(task.process(0)).rejects.toMatchObject({ code: 'KS_ERR_PROCESSING', processorName: 'async-bad', offset: 3 })
  })

  it('uses the sink partitioner with the partition count from the collector, and topic-name extractors', async () => {
    const topology = new Topology()
      .addSource('src', 'in')
      .addSink('by-key', (key: string) => `topic-${key}`, { partitioner: (_t, key: string, _v, n) => key.length % n }, 'src')
    const { task, collector } = await startTask(topology, { partitions: [{ topic: 'in', partition: 0 }] })
    ;(collector as unknown as { partitions: (t: string) => number }).partitions = () => 4
    task.addRecords('in', 0, [raw('abc', 'v', 1, 0), raw('x', 'w', 2, 1)])
    await drain(task)
    expect(collector.records.map((r) => [r.topic, r.partition])).toEqual([
      ['topic-abc', 3],
      ['topic-x', 1],
    ])
  })

  it('sends a record to each partition a multicast partitioner chooses (once each), none when it chooses none, and refuses a partition the topic lacks', async () => {
    const choices: { [value: string]: number[] } = { all: [0, 2, 2, 1], none: [], bad: [1, 7] }
    const topology = new Topology().addSource('src', 'in').addSink('out', 'out', { partitioner: (_t, _k, value: string) => choices[value] }, 'src')
    const { task, collector } = await startTask(topology, { partitions: [{ topic: 'in', partition: 0 }] })
    ;(collector as unknown as { partitions: (t: string) => number }).partitions = () => 3
    task.addRecords('in', 0, [raw('k', 'all', 1, 0), raw('k', 'none', 2, 1)])
    await drain(task)
    expect(collector.records.map((r) => [r.partition, r.value?.toString()])).toEqual([
      [0, 'all'],
      [2, 'all'],
      [1, 'all'],
    ])
    task.addRecords('in', 0, [raw('k', 'bad', 3, 2)])
    expect(() => task.process(0)).toThrow('The partitioner of sink out chose partition 7 of topic out, which has 3 partitions')
  })

  it('rejects records for a partition it does not own and use before initialisation', async () => {
    const topology = new Topology().addSource('src', 'in').addSink('out', 'out', 'src')
    const { task } = await startTask(topology, { partitions: [{ topic: 'in', partition: 0 }] })
    expect(() => task.addRecords('in', 1, [raw('k', 'v', 1, 0)])).toThrow(UnknownTopicError)
    expect(() => task.completeRestoration()).toThrow(TaskStateError)
  })

  /** source → writer (puts every record into `store`). */
  function writerTopology(builder: TestStoreBuilder): Topology {
    return new Topology()
      .addSource('src', 'in')
      .addProcessor(
        'writer',
        () => {
          let store: TestKeyValueStore
          return {
            init: (c: ProcessorContext) => {
              store = c.getStateStore<TestKeyValueStore>('store')
            },
            process: (r: Record<string, string>) => store.put(r.key, r.value),
          }
        },
        'src',
      )
      .addStateStore(builder, 'writer')
  }

  it('lets processing go on while the stores write what a commit handed them; persisted() waits for it', async () => {
    const builder = new TestStoreBuilder('store')
    const { task } = await startTask(writerTopology(builder), { partitions: [{ topic: 'in', partition: 0 }] })
    task.addRecords('in', 0, [raw('a', '1', 1, 0)])
    await drain(task)
    await task.prepareCommit()
    const store = builder.built[0]!
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    store.persistGate = () => gate
    await task.postCommit()
    expect(store.persisted).toEqual([1])
    // The write is still in flight: the task keeps processing meanwhile.
    task.addRecords('in', 0, [raw('b', '2', 2, 1)])
    await drain(task)
    expect(store.get('b')).toBe('2')
    let durable = false
    const waiting = task.persisted().then(() => (durable = true))
    await new Promise((r) => setImmediate(r))
    expect(durable).toBe(false)
    release()
    await waiting
    expect(durable).toBe(true)
    await task.close()
  })

  it('reports a failed persist at the next commit, and at close', async () => {
    const builder = new TestStoreBuilder('store')
    const { task } = await startTask(writerTopology(builder), { partitions: [{ topic: 'in', partition: 0 }] })
    task.addRecords('in', 0, [raw('a', '1', 1, 0)])
    await drain(task)
    const store = builder.built[0]!
    store.persistGate = () => Promise.reject(new Error('disk full'))
    await task.prepareCommit()
    await task.postCommit()
    await expect(task.postCommit()).rejects.toThrow('disk full')
    // Reported once; the next commit persists again.
    await task.postCommit()
    expect(store.persisted).toEqual([1, 1])
    store.persistGate = () => Promise.reject(new Error('disk gone'))
    await task.postCommit()
    await expect(task.close()).rejects.toThrow('disk gone')
    expect(store.isOpen).toBe(false)
  })

  it('flushes stores on prepareCommit and persists them with the next changelog offset on postCommit', async () => {
    const builder = new TestStoreBuilder('store')
    const { task, collector } = await startTask(writerTopology(builder), { partitions: [{ topic: 'in', partition: 0 }] })
    task.addRecords('in', 0, [raw('a', '1', 1, 0), raw('b', '2', 2, 1), raw('a', '3', 3, 2)])
    await drain(task)
    expect(collector.records.map((r) => [r.topic, r.partition, r.key?.toString(), r.value?.toString(), r.timestamp])).toEqual([
      ['app-store-changelog', 0, 'a', '1', 1],
      ['app-store-changelog', 0, 'b', '2', 2],
      ['app-store-changelog', 0, 'a', '3', 3],
    ])
    await task.prepareCommit()
    const store = builder.built[0]!
    expect(store.flushes).toBe(1)
    await task.postCommit()
    expect(store.persisted).toEqual([3])
    expect(task.commitNeeded).toBe(false)
    await task.close()
    expect(store.isOpen).toBe(false)
  })

  it('fails with MissingSerdeError naming the source when no serde and no default serde exist', async () => {
    const topology = new Topology().addSource('src', 'in').addSink('out', 'out', 'src')
    await expect(
      startTask(topology, { partitions: [{ topic: 'in', partition: 0 }], config: { defaultKeySerde: null } }),
    ).rejects.toMatchObject({ code: 'KS_ERR_MISSING_SERDE', nodeName: 'src' })
    const withSerdes = new Topology()
      .addSource('src', 'in', { keySerde: Serdes.String(), valueSerde: Serdes.String() })
      .addSink('out', 'out', { keySerde: Serdes.String(), valueSerde: Serdes.String() }, 'src')
    await expect(
      startTask(withSerdes, { partitions: [{ topic: 'in', partition: 0 }], config: { defaultKeySerde: null, defaultValueSerde: null } }),
    ).resolves.toBeDefined()
  })

  it('records a commit request from a processor until the next commit', async () => {
    const topology = new Topology().addSource('src', 'in').addProcessor(
      'committer',
      () => {
        let ctx: ProcessorContext
        return {
          init: (c: ProcessorContext) => {
            ctx = c
          },
          process: () => ctx.commit(),
        }
      },
      'src',
    )
    const { task } = await startTask(topology, { partitions: [{ topic: 'in', partition: 0 }] })
    expect(task.commitRequested).toBe(false)
    task.addRecords('in', 0, [raw('k', 'v', 1, 0)])
    await drain(task)
    expect(task.commitRequested).toBe(true)
    await task.prepareCommit()
    await task.postCommit()
    expect(task.commitRequested).toBe(false)
  })

  it('commits offsets only of processed records, including skipped records after them', async () => {
    const topology = new Topology()
      .addSource('src', 'in', { keySerde: Serdes.String(), valueSerde: Serdes.Integer() })
      .addProcessor(
        'p',
        () => ({
          process: (r: Record<string, number>) => {
            if (r.value === 13) throw new Error('unlucky')
          },
        }),
        'src',
      )
    const { task } = await startTask(topology, {
      partitions: [{ topic: 'in', partition: 0 }],
      config: { deserializationExceptionHandler: 'log-and-continue' },
    })
    const int = (n: number): Buffer => Buffer.from([0, 0, 0, n])
    const at = (offset: number, value: Buffer) => ({ key: Buffer.from('k'), value, timestamp: offset, offset, headers: null })
    task.addRecords('in', 0, [at(0, int(1)), at(1, Buffer.from('x')), at(2, int(13)), at(3, int(4))])
    expect(task.process(0)).toBe(true)
    // offset 0 processed, offset 1 undeserializable and skipped: both done.
    expect(task.committableOffsets()).toEqual([{ topic: 'in', partition: 0, offset: 2, partitionTime: 0 }])
    expect(() => task.process(0)).toThrow(TaskProcessingError)
    expect(task.committableOffsets()[0]!.offset).toBe(2)
    expect(task.process(0)).toBe(true)
    expect(task.committableOffsets()[0]!.offset).toBe(4)
  })
})
