import { describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import type { Record } from '../../../processor-api/record.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { TaskId } from '../../../processor-api/task-id.js'
import { Stores } from '../../../state-stores/stores.js'
import type { KeyValueStore } from '../../../state-stores/key-value-store.js'
import { isCachedStateStore } from '../../../state-stores/cached-state-store.js'
import { attachThreadCache, ThreadCache } from '../../../state-stores/layers/caching/thread-cache.js'
import { drain, raw, startTask } from './helpers/task-fixture.js'

/** Puts each record into a cached in-memory store; the cache's flushes go to the sink. */
function cachedTable(): Topology {
  return new Topology()
    .addSource('src', 'in')
    .addProcessor(
      'table',
      () => {
        let store: KeyValueStore<string, string>
        return {
          init: (c: ProcessorContext<string, string>) => {
            store = c.getStateStore<KeyValueStore<string, string>>('table')
            if (isCachedStateStore<string, string>(store)) store.setFlushListener((r: Record<string, { newValue: string | null }>) => c.forward(r.withValue(r.value.newValue!)), false)
          },
          process: (r: Record<string, string>) => store.put(r.key, r.value),
        }
      },
      'src',
    )
    .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('table'), Serdes.String(), Serdes.String()).withCachingEnabled().withLoggingDisabled(), 'table')
    .addSink('out', 'out', 'table')
}

describe('tasks sharing one record cache (a stream thread)', () => {
  it('counts every task against one budget; a task over it evicts (and forwards) only its own entries', async () => {
    const shared = new ThreadCache(10_000)
    const attach = (context: Parameters<typeof attachThreadCache>[0]) => attachThreadCache(context, shared)
    const a = await startTask(cachedTable(), { partitions: [{ topic: 'in', partition: 0 }], taskId: new TaskId(0, 0), beforeStoreInit: attach })
    const b = await startTask(cachedTable(), { partitions: [{ topic: 'in', partition: 1 }], taskId: new TaskId(0, 1), beforeStoreInit: attach })
    const big = 'x'.repeat(1000)
    a.task.addRecords('in', 0, Array.from({ length: 6 }, (_, i) => raw(`a${i}`, big, i)))
    await drain(a.task)
    const afterA = shared.sizeBytes
    expect(afterA).toBeGreaterThan(6000)
    expect(a.collector.records).toHaveLength(0)
    // Task b alone would fit 6 entries in 10,000 bytes; with a's entries in the same cache it must evict.
    b.task.addRecords('in', 1, Array.from({ length: 6 }, (_, i) => raw(`b${i}`, big, i)))
    await drain(b.task)
    expect(shared.sizeBytes).toBeLessThanOrEqual(10_000)
    expect(b.collector.records.length).toBeGreaterThan(0)
    expect(a.collector.records).toHaveLength(0)
    await a.task.close()
    await b.task.close()
  })
})
