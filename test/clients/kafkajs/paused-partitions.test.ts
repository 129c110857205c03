import { describe, expect, it } from 'vitest'
import { PausedPartitions } from '../../../src/clients/kafkajs/internal/paused-partitions.js'
import type { ConsumedBatch, TopicPartition } from '../../../src/runtime/ports.js'

const batch = (partition: number, from: number, n: number): ConsumedBatch => ({
  topic: 't',
  partition,
  records: Array.from({ length: n }, (_, i) => ({ key: null, value: null, timestamp: 0, offset: from + i, headers: null })),
  endOffset: -1,
})

function harness(bound: number) {
  const calls: string[] = []
  const show = (ps: readonly TopicPartition[]) => ps.map((p) => `${p.topic}-${p.partition}`).join(',')
  const paused = new PausedPartitions(bound, {
    pause: (ps) => void calls.push(`pause ${show(ps)}`),
    resume: (ps) => void calls.push(`resume ${show(ps)}`),
  })
  return { paused, calls }
}

describe('PausedPartitions', () => {
  it('holds batches of a paused partition in order and pauses fetching only at the bound', () => {
    const { paused, calls } = harness(5)
    expect(paused.pause({ topic: 't', partition: 0 })).toBe(true)
    expect(paused.pause({ topic: 't', partition: 0 })).toBe(false)
    expect(paused.isPaused('t', 0)).toBe(true)
    expect(paused.isPaused('t', 1)).toBe(false)
    paused.hold(batch(0, 0, 3))
    expect(calls).toEqual([])
    paused.hold(batch(0, 3, 3))
    expect(calls).toEqual(['pause t-0'])
    const released = paused.resume([{ topic: 't', partition: 0 }, { topic: 't', partition: 1 }])
    expect(released.flatMap((b) => b.records.map((r) => r.offset))).toEqual([0, 1, 2, 3, 4, 5])
    expect(calls).toEqual(['pause t-0', 'resume t-0'])
    expect(paused.isPaused('t', 0)).toBe(false)
  })

  it('drops held batches on a seek, and forgets partitions that left the assignment', () => {
    const { paused, calls } = harness(2)
    paused.pause({ topic: 't', partition: 0 })
    paused.pause({ topic: 't', partition: 1 })
    paused.hold(batch(0, 0, 1))
    paused.hold(batch(1, 0, 2))
    paused.dropHeld({ topic: 't', partition: 0 })
    paused.forgetOutside([{ topic: 't', partition: 0 }])
    expect(calls).toEqual(['pause t-1', 'resume t-1'])
    expect(paused.isPaused('t', 1)).toBe(false)
    expect(paused.isPaused('t', 0)).toBe(true)
    expect(paused.resume([{ topic: 't', partition: 0 }])).toEqual([])
  })
})
