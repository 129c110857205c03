/**
 * Ported from Kafka Streams' MockProcessorContextAPITest (streams/test-utils): unit-testing one
 * processor with MockProcessorContext, with the same processors, inputs and expectations.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Record } from '../../../processor-api/record.js'
import { TaskId } from '../../../processor-api/task-id.js'
import { PunctuationType } from '../../../processor-api/punctuation.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Processor } from '../../../processor-api/processor.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { ProcessorStateError } from '../../../processor-api/errors.js'
import { Stores } from '../../../state-stores/stores.js'
import type { KeyValueStore } from '../../../state-stores/key-value-store.js'
import { CapturedForward, MockProcessorContext } from '../../../src/test-driver/index.js'

/** What Kafka's CapturedForward.equals compares. */
const view = (forwards: CapturedForward[]): unknown[] =>
  forwards.map((f) => ({ key: f.record.key, value: f.record.value, timestamp: f.record.timestamp, childName: f.childName }))
const fwd = (key: unknown, value: unknown, childName: string | null = null): unknown => ({ key, value, timestamp: 0, childName })

describe('MockProcessorContextAPITest (Kafka)', () => {
  it('shouldReturnEmptyIteratorForForwardedIfNothingForwarded / shouldCaptureOutputRecords', () => {
    const processor = (): Processor<string, number, string, number> => {
      let context!: ProcessorContext<string, number>
      return {
        init: (c) => void (context = c),
        process: (r) => context.forward(r.withKey(r.key + String(r.value)).withValue(r.key.length + r.value)),
      }
    }
    const context = new MockProcessorContext<string, number>()
    expect(context.forwarded()).toEqual([])
    const p = processor()
    p.init!(context)
    p.process(new Record('foo', 5, 0))
    p.process(new Record('barbaz', 50, 0))
    expect(view(context.forwarded())).toEqual([fwd('foo5', 8), fwd('barbaz50', 56)])
    // Kafka compares CapturedForward objects; toEqual does the same field by field.
    expect(context.forwarded()).toEqual([new CapturedForward(new Record('foo5', 8, 0)), new CapturedForward(new Record('barbaz50', 56, 0))])
    context.resetForwards()
    expect(context.forwarded()).toEqual([])
  })

  it('shouldCaptureRecordsOutputToChildByName', () => {
    let count = 0
    let context!: ProcessorContext<string, number>
    const processor: Processor<string, number, string, number> = {
      init: (c) => void (context = c),
      process: (r) => {
        if (count === 0) context.forward(new Record('start', -1, 0))
        context.forward(new Record(r.key + String(r.value), r.key.length + r.value, 0), count % 2 === 0 ? 'george' : 'pete')
        count++
      },
    }
    const mock = new MockProcessorContext<string, number>()
    processor.init!(mock)
    processor.process(new Record('foo', 5, 0))
    processor.process(new Record('barbaz', 50, 0))
    expect(view(mock.forwarded())).toEqual([fwd('start', -1), fwd('foo5', 8, 'george'), fwd('barbaz50', 56, 'pete')])
    expect(view(mock.forwarded('george'))).toEqual([fwd('start', -1), fwd('foo5', 8, 'george')])
    expect(view(mock.forwarded('pete'))).toEqual([fwd('start', -1), fwd('barbaz50', 56, 'pete')])
    expect(view(mock.forwarded('steve'))).toEqual([fwd('start', -1)])
  })

  it('shouldCaptureCommitsAndAllowReset', () => {
    let count = 0
    let context!: ProcessorContext
    const processor: Processor<string, number> = {
      init: (c) => void (context = c),
      process: () => {
        if (++count > 2) context.commit()
      },
    }
    const mock = new MockProcessorContext()
    processor.init!(mock as ProcessorContext<never, never>)
    processor.process(new Record('foo', 5, 0))
    processor.process(new Record('barbaz', 50, 0))
    expect(mock.committed()).toBe(false)
    processor.process(new Record('foobar', 500, 0))
    expect(mock.committed()).toBe(true)
    mock.resetCommit()
    expect(mock.committed()).toBe(false)
  })

  it('shouldStoreAndReturnStateStores', () => {
    let context!: ProcessorContext
    const processor: Processor<string, number> = {
      init: (c) => void (context = c),
      process: (r) => {
        const store = context.getStateStore<KeyValueStore<string, number>>('my-state')
        store.put(r.key, (store.get(r.key) ?? 0) + r.value)
        store.put('all', (store.get('all') ?? 0) + r.value)
      },
    }
    const mock = new MockProcessorContext()
    const store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('my-state'), Serdes.String(), Serdes.Long()).withLoggingDisabled().build()
    void store.init(mock.getStateStoreContext(), store)
    processor.init!(mock as ProcessorContext<never, never>)
    processor.process(new Record('foo', 5, 0))
    processor.process(new Record('bar', 50, 0))
    expect(store.get('foo')).toBe(5)
    expect(store.get('bar')).toBe(50)
    expect(store.get('all')).toBe(55)
  })

  it('shouldCaptureApplicationAndRecordMetadata', () => {
    let context!: ProcessorContext<string, unknown>
    const processor: Processor<string, unknown, string, unknown> = {
      init: (c) => void (context = c),
      process: (r) => {
        context.forward(new Record<string, unknown>('appId', context.applicationId, 0))
        context.forward(new Record<string, unknown>('taskId', context.taskId, 0))
        const md = context.recordMetadata()
        if (md !== null) {
          context.forward(new Record<string, unknown>('topic', md.topic, 0))
          context.forward(new Record<string, unknown>('partition', md.partition, 0))
          context.forward(new Record<string, unknown>('offset', md.offset, 0))
        }
        context.forward(new Record<string, unknown>('record', r, 0))
      },
    }
    const mock = new MockProcessorContext<string, unknown>({ applicationId: 'testMetadata' })
    processor.init!(mock)
    processor.process(new Record('foo', 5, 0))
    const values = (): unknown[] => mock.forwarded().map((f) => [f.record.key, f.record.value])
    expect(values()).toEqual([
      ['appId', 'testMetadata'],
      ['taskId', new TaskId(0, 0)],
      ['record', new Record('foo', 5, 0)],
    ])
    mock.resetForwards()
    mock.setRecordMetadata('t1', 0, 0)
    processor.process(new Record('foo', 5, 0))
    expect(values()).toEqual([
      ['appId', 'testMetadata'],
      ['taskId', new TaskId(0, 0)],
      ['topic', 't1'],
      ['partition', 0],
      ['offset', 0],
      ['record', new Record('foo', 5, 0)],
    ])
  })

  it('shouldCapturePunctuator', () => {
    const processor: Processor<string, number> = {
      init: (c) => void c.schedule(1000, PunctuationType.WALL_CLOCK_TIME, () => c.commit()),
      process: () => {},
    }
    const mock = new MockProcessorContext()
    processor.init!(mock as ProcessorContext<never, never>)
    const captured = mock.scheduledPunctuators()[0]!
    expect(captured.getInterval()).toBe(1000)
    expect(captured.getType()).toBe(PunctuationType.WALL_CLOCK_TIME)
    expect(captured.cancelled()).toBe(false)
    expect(mock.committed()).toBe(false)
    void captured.getPunctuator()(1234)
    expect(mock.committed()).toBe(true)
  })

  it('fullConstructorShouldSetAllExpectedAttributes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-ctx-'))
    try {
      const mock = new MockProcessorContext(
        { applicationId: 'testFullConstructor', defaultKeySerde: Serdes.String(), defaultValueSerde: Serdes.Long() },
        new TaskId(1, 1),
        dir,
      )
      expect(mock.applicationId).toBe('testFullConstructor')
      expect(mock.taskId).toEqual(new TaskId(1, 1))
      expect(mock.appConfigs.applicationId).toBe('testFullConstructor')
      expect(mock.appConfigsWithPrefix('application').Id).toBe('testFullConstructor')
      expect(mock.keySerde?.constructor).toBe(Serdes.String().constructor)
      expect(mock.valueSerde?.constructor).toBe(Serdes.Long().constructor)
      expect(mock.stateDir).toBe(dir)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses what it cannot answer: unset times, a missing state directory, change logging', () => {
    const mock = new MockProcessorContext()
    expect(mock.applicationId).toBe('')
    expect(() => mock.currentSystemTimeMs()).toThrow('System time must be set before use via setCurrentSystemTimeMs().')
    expect(() => mock.currentStreamTimeMs()).toThrow('Stream time must be set before use via setCurrentStreamTimeMs().')
    mock.setCurrentSystemTimeMs(5)
    mock.setCurrentStreamTimeMs(7)
    expect([mock.currentSystemTimeMs(), mock.currentStreamTimeMs()]).toEqual([5, 7])
    expect(() => mock.stateDir).toThrow(ProcessorStateError)
    expect(() => mock.getStateStoreContext().logChange('s', Buffer.alloc(0), null, 0)).toThrow('MockProcessorContext does not provide record collection')
    const cancellable = mock.schedule(10, PunctuationType.STREAM_TIME, () => {})
    cancellable.cancel()
    expect(mock.scheduledPunctuators()[0]!.cancelled()).toBe(true)
  })
})
