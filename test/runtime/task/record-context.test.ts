import { describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { Headers } from '../../../processor-api/headers.js'
import type { Record } from '../../../processor-api/record.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { CachedRecordContext, StateStoreContext } from '../../../processor-api/state-store.js'
import { raw, startTask } from './helpers/task-fixture.js'

describe('StreamTask record context', () => {
  it('gives stores the context of the record being forwarded, one object per context, restored after forward', async () => {
    const seen: { [k: string]: CachedRecordContext | null } = {}
    const topology = new Topology()
      .addSource('source', 'in')
      .addProcessor(
        'outer',
        () => {
          let ctx: ProcessorContext<string, string>
          return {
            init: (c: ProcessorContext<string, string>) => void (ctx = c),
            process: (r: Record<string, string>) => {
              const stores = ctx as unknown as StateStoreContext
              seen['outerBefore'] = stores.currentRecordContext()
              seen['outerBeforeAgain'] = stores.currentRecordContext()
              ctx.forward(r.withTimestamp(r.timestamp + 5).withHeaders([{ key: 'inner', value: null }]))
              seen['outerAfter'] = stores.currentRecordContext()
            },
          }
        },
        'source',
      )
      .addProcessor(
        'inner',
        () => {
          let ctx: ProcessorContext<string, string>
          return {
            init: (c: ProcessorContext<string, string>) => void (ctx = c),
            process: () => {
              seen['inner'] = (ctx as unknown as StateStoreContext).currentRecordContext()
            },
          }
        },
        'outer',
      )
    const { task } = await startTask(topology, { partitions: [{ topic: 'in', partition: 0 }] })
    task.addRecords('in', 0, [raw('k', 'v', 100, 7, new Headers().add('h', 'x'))])
    expect(task.process(0)).toBe(true)
    const before = seen['outerBefore']!
    expect(seen['outerBeforeAgain']).toBe(before)
    expect(before).toMatchObject({ timestamp: 100, topic: 'in', partition: 0, offset: 7 })
    expect(before.headers.lastHeader('h')!.value!.toString()).toBe('x')
    expect(seen['inner']).toMatchObject({ timestamp: 105, topic: 'in', offset: 7 })
    expect(seen['inner']!.headers.toArray().map((h) => h.key)).toEqual(['inner'])
    expect(seen['outerAfter']).toBe(before)
    await task.close()
  })

  it('processes records added in several batches in offset order', async () => {
    const keys: string[] = []
    const topology = new Topology()
      .addSource('source', 'in')
      .addProcessor('collect', () => ({ process: (r: Record<string, string>) => void keys.push(r.key) }), 'source')
    const { task } = await startTask(topology, { partitions: [{ topic: 'in', partition: 0 }] })
    task.addRecords('in', 0, [raw('a', 'v', 1, 0), raw('b', 'v', 2, 1)])
    task.addRecords('in', 0, [raw('c', 'v', 3, 2)])
    expect(task.numBuffered()).toBe(3)
    task.addRecords('in', 0, [])
    task.addRecords('in', 0, [raw('d', 'v', 4, 3)])
    expect(task.processBatch(0, 10)).toBe(4)
    expect(keys).toEqual(['a', 'b', 'c', 'd'])
    expect(task.committableOffsets()).toEqual([{ topic: 'in', partition: 0, offset: 4, partitionTime: 4 }])
    await task.close()
  })
})
