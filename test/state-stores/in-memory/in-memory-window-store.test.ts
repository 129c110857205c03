import { describe, expect, it } from 'vitest'
import { engineCapabilities } from '../../../state-stores/bytes/store-capabilities.js'
import { InMemoryStorage } from '../../../state-stores/in-memory/in-memory-storage.js'
import { SessionEngine } from '../../../state-stores/internal/session-engine.js'
import { WindowEngine } from '../../../state-stores/internal/window-engine.js'
import { TestStoreContext } from '../helpers/test-store-context.js'

const caps = engineCapabilities({ segmented: true })

describe('in-memory segmented engines', () => {
  it('drop whole window segments once every timestamp in them has expired', () => {
    const storage = new InMemoryStorage()
    // retention 100, segments of 50 ms.
    const store = new WindowEngine('w', storage, caps, 100, 10, 50, false)
    store.init(new TestStoreContext(), store)
    for (const t of [0, 49, 50, 99, 100]) store.put(Buffer.from('k'), Buffer.from(String(t)), t)
    expect(storage.segments()).toEqual([0, 1, 2])
    // Observed 149: live from 50 on; segment 0 ([0, 49]) is wholly expired and dropped.
    store.put(Buffer.from('k'), Buffer.from('x'), 149)
    expect(storage.segments()).toEqual([1, 2])
    expect(storage.count()).toBe(4)
    // Observed 150: 50 expired but 99 is live, so segment 1 stays.
    store.put(Buffer.from('k'), Buffer.from('x'), 150)
    expect(storage.segments()).toEqual([1, 2, 3])
    // Observed 199: live from 100: segment 1 ([50, 99]) goes.
    store.put(Buffer.from('k'), Buffer.from('y'), 199)
    expect(storage.segments()).toEqual([2, 3])
  })

  it('segment sessions by end time and drop them the same way', () => {
    const storage = new InMemoryStorage()
    const store = new SessionEngine('s', storage, caps, 100, 50)
    store.init(new TestStoreContext(), store)
    store.put({ key: Buffer.from('k'), window: { start: 0, end: 10 } }, Buffer.from('a'))
    store.put({ key: Buffer.from('k'), window: { start: 0, end: 60 } }, Buffer.from('b'))
    expect(storage.segments()).toEqual([0, 1])
    store.put({ key: Buffer.from('k'), window: { start: 150, end: 160 } }, Buffer.from('c'))
    expect(storage.segments()).toEqual([1, 3])
  })
})
