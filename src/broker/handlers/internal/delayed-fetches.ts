/** Why a parked fetch was released. */
export type FetchWakeReason = 'data' | 'timeout' | 'shutdown' | 'cancelled'

/** A partition a parked fetch is waiting on. */
export interface WatchedPartition {
  readonly topic: string
  readonly partition: number
}

/** Something that reports its own closing (a client connection). */
export interface CloseNotifier {
  /** Calls `listener` once on close; returns the unsubscribe function. */
  onClose(listener: () => void): () => void
}

interface ParkedFetch {
  readonly minBytes: number
  accumulated: number
  done: boolean
  timer: NodeJS.Timeout | undefined
  unsubscribe: (() => void) | undefined
  readonly partitions: readonly WatchedPartition[]
  readonly wake: (reason: FetchWakeReason) => void
}

/**
 * Fetch long-polls waiting for data (Kafka's fetch purgatory). A parked fetch is released when
 * appends to the partitions it watches add up to its `min_bytes`, when `max_wait_ms` passes, or
 * on shutdown. Appends look their partition up in a two-level map, so producing to partitions
 * nobody waits on costs one map miss.
 */
export class DelayedFetches {
  private readonly byTopic = new Map<string, Map<number, Set<ParkedFetch>>>()
  private parkedCount = 0
  private closed = false

  /** Fetches currently parked. */
  get size(): number {
    return this.parkedCount
  }

  /**
   * Parks a fetch; resolves with the reason it woke. `alreadyBytes` is what the first read found
   * (below `minBytes`). Resolves at once with `shutdown` after `shutdown()`, and with
   * `cancelled` when `cancel` reports a close first (the client's connection went away).
   */
  park(
    partitions: readonly WatchedPartition[],
    minBytes: number,
    alreadyBytes: number,
    maxWaitMs: number,
    cancel?: CloseNotifier,
  ): Promise<FetchWakeReason> {
    if (this.closed) return Promise.resolve('shutdown')
    return new Promise((resolve) => {
      const parked: ParkedFetch = {
        minBytes,
        accumulated: alreadyBytes,
        done: false,
        timer: undefined,
        unsubscribe: undefined,
        partitions,
        wake: (reason) => {
          if (parked.done) return
          parked.done = true
          if (parked.timer) clearTimeout(parked.timer)
          parked.unsubscribe?.()
          this.unwatch(parked)
          resolve(reason)
        },
      }
      for (const p of partitions) {
        let byPartition = this.byTopic.get(p.topic)
        if (!byPartition) this.byTopic.set(p.topic, (byPartition = new Map()))
        let set = byPartition.get(p.partition)
        if (!set) byPartition.set(p.partition, (set = new Set()))
        set.add(parked)
      }
      this.parkedCount++
      parked.timer = setTimeout(() => parked.wake('timeout'), Math.max(0, maxWaitMs))
      if (cancel) parked.unsubscribe = cancel.onClose(() => parked.wake('cancelled'))
    })
  }

  /** Reports `bytes` appended to a partition; wakes the fetches whose `min_bytes` is now reached. */
  notifyAppend(topic: string, partition: number, bytes: number): void {
    const set = this.byTopic.get(topic)?.get(partition)
    if (set === undefined) return
    for (const parked of [...set]) {
      parked.accumulated += bytes
      if (parked.accumulated >= parked.minBytes) parked.wake('data')
    }
  }

  /** Wakes every fetch watching a partition of `topic` (deleted or repartitioned topics). */
  notifyTopicChanged(topic: string): void {
    const byPartition = this.byTopic.get(topic)
    if (!byPartition) return
    for (const set of [...byPartition.values()]) for (const parked of [...set]) parked.wake('data')
  }

  /** Releases every parked fetch (with `shutdown`) and makes later `park` calls return at once. */
  shutdown(): void {
    this.closed = true
    for (const byPartition of [...this.byTopic.values()]) {
      for (const set of [...byPartition.values()]) for (const parked of [...set]) parked.wake('shutdown')
    }
  }

  private unwatch(parked: ParkedFetch): void {
    this.parkedCount--
    for (const p of parked.partitions) {
      const byPartition = this.byTopic.get(p.topic)
      const set = byPartition?.get(p.partition)
      if (!set) continue
      set.delete(parked)
      if (set.size === 0) {
        byPartition!.delete(p.partition)
        if (byPartition!.size === 0) this.byTopic.delete(p.topic)
      }
    }
  }
}
