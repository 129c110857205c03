/**
 * Ported from Kafka Streams' MockProcessorContextStateStoreTest (streams/test-utils): every store
 * kind (key-value, timestamped key-value, window, timestamped window, session; in-memory and
 * persistent) initialises against `MockProcessorContext.getStateStoreContext()` and closes.
 *
 * Difference from Kafka: Kafka's init throws for caching or logging stores (its mock context is
 * not an internal context). Here a caching store initialises and works, and a logged store fails
 * at its first write, with the same explanation Kafka gives.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TaskId } from '../../../processor-api/task-id.js'
import type { StateStore, StoreBuilder } from '../../../processor-api/state-store.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { Stores } from '../../../state-stores/stores.js'
import { MockProcessorContext } from '../../../src/test-driver/index.js'

const S = Serdes.String()
const L = Serdes.Long()
type Case = { name: string; builder: () => StoreBuilder<StateStore>; write: (s: StateStore) => void }

function cases(): Case[] {
  const out: Case[] = []
  for (const timestamped of [true, false]) {
    for (const kind of ['inMemory', 'persistent', 'persistentTimestamped'] as const) {
      const supplier = (n: string) =>
        kind === 'inMemory' ? Stores.inMemoryKeyValueStore(n) : kind === 'persistent' ? Stores.persistentKeyValueStore(n) : Stores.persistentTimestampedKeyValueStore(n)
      out.push({
        name: `kv ${kind}${timestamped ? ' timestamped' : ''}`,
        builder: () => (timestamped ? Stores.timestampedKeyValueStoreBuilder(supplier('kv'), S, L) : Stores.keyValueStoreBuilder(supplier('kv'), S, L)),
        write: (s) => (s as unknown as { put(k: string, v: unknown): void }).put('k', timestamped ? { value: 1, timestamp: 0 } : 1),
      })
      const wSupplier = (n: string) =>
        kind === 'inMemory'
          ? Stores.inMemoryWindowStore(n, 1000, 1000, false)
          : kind === 'persistent'
            ? Stores.persistentWindowStore(n, 1000, 1000, false)
            : Stores.persistentTimestampedWindowStore(n, 1000, 1000, false)
      out.push({
        name: `window ${kind}${timestamped ? ' timestamped' : ''}`,
        builder: () => (timestamped ? Stores.timestampedWindowStoreBuilder(wSupplier('w'), S, L) : Stores.windowStoreBuilder(wSupplier('w'), S, L)),
        write: (s) => (s as unknown as { put(k: string, v: unknown, t: number): void }).put('k', timestamped ? { value: 1, timestamp: 0 } : 1, 0),
      })
    }
  }
  for (const kind of ['inMemory', 'persistent'] as const) {
    out.push({
      name: `session ${kind}`,
      builder: () => Stores.sessionStoreBuilder(kind === 'inMemory' ? Stores.inMemorySessionStore('s', 1000) : Stores.persistentSessionStore('s', 1000), S, L),
      write: (s) => (s as unknown as { put(k: { key: string; window: { start: number; end: number } }, v: number): void }).put({ key: 'k', window: { start: 0, end: 0 } }, 1),
    })
  }
  return out
}

async function withContext(fn: (context: MockProcessorContext) => Promise<void>): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'mock-ctx-stores-'))
  try {
    await fn(new MockProcessorContext({ applicationId: 'app' }, new TaskId(0, 0), stateDir))
  } finally {
    rmSync(stateDir, { recursive: true, force: true })
  }
}

describe('MockProcessorContextStateStoreTest (Kafka): shouldEitherInitOrThrow', () => {
  for (const c of cases()) {
    it(`initialises ${c.name} without caching and logging, registers it, and closes it`, async () => {
      await withContext(async (context) => {
        const store = c.builder().withCachingDisabled().withLoggingDisabled().build()
        await store.init(context.getStateStoreContext(), store)
        expect(context.getStateStore(store.name)).toBe(store)
        c.write(store)
        await store.close()
      })
    })

    it(`refuses ${c.name} with logging at its first write, with Kafka's explanation`, async () => {
      await withContext(async (context) => {
        const store = c.builder().withCachingDisabled().withLoggingEnabled({}).build()
        await store.init(context.getStateStoreContext(), store)
        expect(() => c.write(store)).toThrow('MockProcessorContext does not provide record collection')
        await store.close()
      })
    })
  }

  it('initialises a caching key-value store too (Kafka throws at init), and reads its writes', async () => {
    await withContext(async (context) => {
      const store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('cached'), S, L).withCachingEnabled().withLoggingDisabled().build()
      await store.init(context.getStateStoreContext(), store)
      store.put('k', 1)
      expect(store.get('k')).toBe(1)
      store.flush()
      expect(store.get('k')).toBe(1)
      await store.close()
    })
  })
})
