import { afterEach, describe, expect, it, vi } from 'vitest'
import { DelayedFetches } from '../../../../src/broker/handlers/internal/delayed-fetches.js'

describe('DelayedFetches', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('wakes a parked fetch with data when an append reaches min_bytes', async () => {
    const fetches = new DelayedFetches()
    const woke = fetches.park([{ topic: 't', partition: 0 }], 100, 10, 60_000)
    fetches.notifyAppend('t', 0, 50)
    expect(fetches.size).toBe(1)
    fetches.notifyAppend('t', 0, 40)
    await expect(woke).resolves.toBe('data')
    expect(fetches.size).toBe(0)
  })

  it('ignores appends to partitions the fetch does not watch', async () => {
    vi.useFakeTimers()
    const fetches = new DelayedFetches()
    const woke = fetches.park([{ topic: 't', partition: 0 }], 1, 0, 500)
    fetches.notifyAppend('t', 1, 1000)
    fetches.notifyAppend('u', 0, 1000)
    expect(fetches.size).toBe(1)
    vi.advanceTimersByTime(500)
    await expect(woke).resolves.toBe('timeout')
  })

  it('wakes with timeout after max_wait_ms', async () => {
    vi.useFakeTimers()
    const fetches = new DelayedFetches()
    const woke = fetches.park([{ topic: 't', partition: 0 }], 1, 0, 1000)
    vi.advanceTimersByTime(999)
    expect(fetches.size).toBe(1)
    vi.advanceTimersByTime(1)
    await expect(woke).resolves.toBe('timeout')
  })

  it('wakes everyone on shutdown and answers later parks at once', async () => {
    const fetches = new DelayedFetches()
    const a = fetches.park([{ topic: 't', partition: 0 }], 1, 0, 60_000)
    const b = fetches.park([{ topic: 'u', partition: 3 }], 1, 0, 60_000)
    fetches.shutdown()
    await expect(Promise.all([a, b])).resolves.toEqual(['shutdown', 'shutdown'])
    await expect(fetches.park([{ topic: 't', partition: 0 }], 1, 0, 60_000)).resolves.toBe('shutdown')
  })

  it('wakes with cancelled when the connection closes', async () => {
    const fetches = new DelayedFetches()
    const listeners = new Set<() => void>()
    const notifier = {
      onClose: (l: () => void) => {
        listeners.add(l)
        return () => listeners.delete(l)
      },
    }
    const woke = fetches.park([{ topic: 't', partition: 0 }], 1, 0, 60_000, notifier)
    for (const l of [...listeners]) l()
    await expect(woke).resolves.toBe('cancelled')
    expect(fetches.size).toBe(0)
    expect(listeners.size).toBe(0)
  })

  it('unsubscribes from the close notifier when the fetch completes otherwise', async () => {
    const fetches = new DelayedFetches()
    const listeners = new Set<() => void>()
    const notifier = {
      onClose: (l: () => void) => {
        listeners.add(l)
        return () => listeners.delete(l)
      },
    }
    const woke = fetches.park([{ topic: 't', partition: 0 }], 1, 0, 60_000, notifier)
    expect(listeners.size).toBe(1)
    fetches.notifyAppend('t', 0, 5)
    await expect(woke).resolves.toBe('data')
    expect(listeners.size).toBe(0)
  })

  it('wakes fetches on a topic that changed', async () => {
    const fetches = new DelayedFetches()
    const woke = fetches.park([{ topic: 't', partition: 2 }, { topic: 'x', partition: 0 }], 1, 0, 60_000)
    fetches.notifyTopicChanged('t')
    await expect(woke).resolves.toBe('data')
    fetches.notifyAppend('x', 0, 10)
    expect(fetches.size).toBe(0)
  })
})
