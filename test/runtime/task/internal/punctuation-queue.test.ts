import { describe, expect, it } from 'vitest'
import { PunctuationQueue } from '../../../../src/runtime/task/internal/punctuation-queue.js'

function fireAll(queue: PunctuationQueue, now: number, log: string[]): void {
  for (;;) {
    const s = queue.pollDue(now)
    if (s === null) return
    log.push(`${s.nodeName}@${now}`)
    queue.reschedule(s, now)
  }
}

describe('PunctuationQueue', () => {
  it('fires schedules due at or before now in due-time order, ties in scheduling order', () => {
    const q = new PunctuationQueue()
    q.schedule('b', 10, 10, () => undefined)
    q.schedule('a', 5, 5, () => undefined)
    q.schedule('c', 10, 7, () => undefined)
    const log: string[] = []
    fireAll(q, 4, log)
    expect(log).toEqual([])
    fireAll(q, 10, log)
    expect(log).toEqual(['a@10', 'b@10', 'c@10'])
  })

  it('skips missed intervals and keeps alignment to the first schedule time (Kafka PunctuationSchedule.next)', () => {
    const q = new PunctuationQueue()
    const s = q.schedule('p', 0, 10, () => undefined)
    expect(q.pollDue(1)).toBe(s)
    q.reschedule(s, 1)
    expect(s.time).toBe(10)
    expect(q.pollDue(35)).toBe(s)
    q.reschedule(s, 35)
    expect(s.time).toBe(40)
    expect(q.pollDue(39)).toBeNull()
    expect(q.pollDue(40)).toBe(s)
    q.reschedule(s, 142)
    expect(s.time).toBe(150)
  })

  it('drops cancelled schedules, including ones cancelled while queued', () => {
    const q = new PunctuationQueue()
    const s = q.schedule('p', 0, 10, () => undefined)
    s.cancel()
    expect(q.pollDue(100)).toBeNull()
    expect(q.size).toBe(0)
    const t = q.schedule('t', 0, 10, () => undefined)
    expect(q.pollDue(0)).toBe(t)
    t.cancel()
    q.reschedule(t, 0)
    expect(q.size).toBe(0)
  })
})
