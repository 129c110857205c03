import { describe, expect, it } from 'vitest'
import { groupPartitions, planTopics, type TopicPlanInput } from '../../../src/runtime/assignment/index.js'
import { MissingSourceTopicError, NotCopartitionedError } from '../../../src/runtime/errors.js'

const counts = (m: Record<string, number>) => (t: string) => m[t] ?? null

describe('planTopics', () => {
  const twoStage: TopicPlanInput = {
    subtopologies: [
      { id: 0, sourceTopics: ['orders'], sinkTopics: ['app-repart'], changelogTopics: [] },
      { id: 1, sourceTopics: ['app-repart'], sinkTopics: ['out'], changelogTopics: ['app-counts-changelog'] },
    ],
    repartitionTopics: new Map([['app-repart', null]]),
    copartitionGroups: [],
  }

  it('gives a repartition topic the partition count of the sources writing to it, and changelogs the task count', () => {
    const plan = planTopics(twoStage, counts({ orders: 6 }))
    expect(plan.repartitionPartitions.get('app-repart')).toBe(6)
    expect(plan.changelogPartitions.get('app-counts-changelog')).toBe(6)
    expect(plan.tasksPerSubtopology.get(1)).toBe(6)
  })

  it('keeps a fixed repartition count', () => {
    const plan = planTopics({ ...twoStage, repartitionTopics: new Map([['app-repart', 2]]) }, counts({ orders: 6 }))
    expect(plan.repartitionPartitions.get('app-repart')).toBe(2)
    expect(plan.changelogPartitions.get('app-counts-changelog')).toBe(2)
  })

  it('resolves chains of repartition topics', () => {
    const plan = planTopics(
      {
        subtopologies: [
          { id: 0, sourceTopics: ['in'], sinkTopics: ['r1'], changelogTopics: [] },
          { id: 1, sourceTopics: ['r1'], sinkTopics: ['r2'], changelogTopics: [] },
          { id: 2, sourceTopics: ['r2'], sinkTopics: [], changelogTopics: [] },
        ],
        repartitionTopics: new Map([['r2', null], ['r1', null]]),
        copartitionGroups: [],
      },
      counts({ in: 3 }),
    )
    expect(plan.repartitionPartitions.get('r2')).toBe(3)
  })

  it('names every missing source topic', () => {
    expect(() => planTopics(twoStage, counts({}))).toThrow(MissingSourceTopicError)
    try {
      planTopics(twoStage, counts({}))
    } catch (err) {
      expect((err as MissingSourceTopicError).topics).toEqual(['orders'])
      expect((err as Error).message).toContain('orders')
    }
  })

  it('rejects co-partitioned external topics with different partition counts', () => {
    const input: TopicPlanInput = {
      subtopologies: [{ id: 0, sourceTopics: ['left', 'right'], sinkTopics: [], changelogTopics: [] }],
      repartitionTopics: new Map(),
      copartitionGroups: [['left', 'right']],
    }
    expect(() => planTopics(input, counts({ left: 4, right: 3 }))).toThrow(NotCopartitionedError)
    expect(() => planTopics(input, counts({ left: 4, right: 3 }))).toThrow(/left=4, right=3/)
  })

  it('gives a co-partitioned repartition topic the count of the external topic it joins', () => {
    const input: TopicPlanInput = {
      subtopologies: [
        { id: 0, sourceTopics: ['clicks'], sinkTopics: ['app-rekeyed'], changelogTopics: [] },
        { id: 1, sourceTopics: ['app-rekeyed', 'users'], sinkTopics: [], changelogTopics: ['app-users-changelog'] },
      ],
      repartitionTopics: new Map([['app-rekeyed', null]]),
      copartitionGroups: [['app-rekeyed', 'users']],
    }
    const plan = planTopics(input, counts({ clicks: 8, users: 2 }))
    expect(plan.repartitionPartitions.get('app-rekeyed')).toBe(2)
    const tasks = groupPartitions(input.subtopologies, plan)
    expect(tasks.filter((t) => t.id.subtopology === 1).map((t) => t.partitions)).toEqual([
      [{ topic: 'app-rekeyed', partition: 0 }, { topic: 'users', partition: 0 }],
      [{ topic: 'app-rekeyed', partition: 1 }, { topic: 'users', partition: 1 }],
    ])
  })
})

describe('groupPartitions', () => {
  it('makes one task per partition of the widest input, each with that partition of every input', () => {
    const input: TopicPlanInput = {
      subtopologies: [{ id: 0, sourceTopics: ['a', 'b'], sinkTopics: [], changelogTopics: ['c'] }],
      repartitionTopics: new Map(),
      copartitionGroups: [],
    }
    const tasks = groupPartitions(input.subtopologies, planTopics(input, counts({ a: 3, b: 1 })))
    expect(tasks.map((t) => t.id.toString())).toEqual(['0_0', '0_1', '0_2'])
    expect(tasks[0]!.partitions).toHaveLength(2)
    expect(tasks[2]!.partitions).toEqual([{ topic: 'a', partition: 2 }])
    expect(tasks.every((t) => t.stateful)).toBe(true)
  })
})
