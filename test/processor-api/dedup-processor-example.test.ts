/**
 * The example of docs/guides/writing-a-processor.md: a processor that drops duplicate events,
 * remembering the ids it has seen in a key-value store and forgetting them with a punctuator.
 * The guide's code blocks are copied from the regions marked `guide:` below.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  PunctuationType,
  Record,
  Serdes,
  Topology,
  type Processor,
  type ProcessorContext,
  type ProcessorSupplier,
  type Punctuator,
  type StateStore,
  type StoreBuilder,
} from '../../processor-api/index.js'
import type { KeyValueStore } from '../../state-stores/key-value-store.js'
import { buildTopologyModel } from '../../processor-api/internal/build-topology-model.js'
import { MockStoreBuilder } from './fixtures/mock-store.js'

// guide:processor
/** Forwards the first record of each key (an event id) and drops repeats seen within `retentionMs`. */
class DedupProcessor implements Processor<string, string, string, string> {
  private context!: ProcessorContext<string, string>
  private seen!: KeyValueStore<string, number>

  constructor(
    private readonly storeName: string,
    private readonly retentionMs: number,
  ) {}

  init(context: ProcessorContext<string, string>): void {
    this.context = context
    this.seen = context.getStateStore<KeyValueStore<string, number>>(this.storeName)
    // Every `retentionMs` of stream time, forget ids older than the retention.
    context.schedule(this.retentionMs, PunctuationType.STREAM_TIME, (now) => this.forgetOlderThan(now - this.retentionMs))
  }

  process(record: Record<string, string>): void {
    if (this.seen.get(record.key) !== null) return // a duplicate: drop it
    this.seen.put(record.key, record.timestamp) // synchronous write to the store
    this.context.forward(record)
  }

  /** Range scans are asynchronous, so this punctuator returns a Promise (the engine awaits it). */
  private async forgetOlderThan(cutoff: number): Promise<void> {
    const expired: string[] = []
    for await (const { key, value } of this.seen.all()) if (value < cutoff) expired.push(key)
    for (const key of expired) this.seen.delete(key)
  }
}
// guide:end

// guide:topology
/** The topology: read `events`, drop duplicates, write `unique-events`. */
function buildDedupTopology(seenStore: StoreBuilder<StateStore>): Topology {
  // The supplier makes one processor per task and names the store it needs (ConnectedStoreProvider).
  const dedup: ProcessorSupplier<string, string, string, string> = Object.assign(() => new DedupProcessor(seenStore.name, 60_000), {
    stores: () => [seenStore],
  })
  return new Topology()
    .addSource('Events', 'events', { keySerde: Serdes.String(), valueSerde: Serdes.String() })
    .addProcessor('Dedup', dedup, 'Events')
    .addSink('UniqueEvents', 'unique-events', { keySerde: Serdes.String(), valueSerde: Serdes.String() }, 'Dedup')
}
// guide:end

/** A Map-backed store standing in for `Stores.inMemoryKeyValueStore` (only what the processor uses). */
function fakeStore(): { store: KeyValueStore<string, number>; data: Map<string, number> } {
  const data = new Map<string, number>()
  const store = {
    name: 'seen',
    get: (k: string) => data.get(k) ?? null,
    put: (k: string, v: number | null) => void (v === null ? data.delete(k) : data.set(k, v)),
    delete: (k: string) => {
      const old = data.get(k) ?? null
      data.delete(k)
      return old
    },
    all: () => {
      const entries = [...data.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
      return (async function* () {
        for (const [key, value] of entries) yield { key, value }
      })()
    },
  }
  return { store: store as unknown as KeyValueStore<string, number>, data }
}

/** A context that records forwards and scheduled punctuators. */
function fakeContext(store: KeyValueStore<string, number>): {
  context: ProcessorContext<string, string>
  forwarded: Record<string, string>[]
  punctuators: Array<{ intervalMs: number; type: PunctuationType; fn: Punctuator }>
} {
  const forwarded: Record<string, string>[] = []
  const punctuators: Array<{ intervalMs: number; type: PunctuationType; fn: Punctuator }> = []
  const context = {
    forward: (r: Record<string, string>) => void forwarded.push(r),
    schedule: (intervalMs: number, type: PunctuationType, fn: Punctuator) => {
      punctuators.push({ intervalMs, type, fn })
      return { cancel: () => {} }
    },
    getStateStore: (name: string) => {
      if (name !== 'seen') throw new Error(`no store ${name}`)
      return store
    },
  }
  return { context: context as unknown as ProcessorContext<string, string>, forwarded, punctuators }
}

describe('the dedup processor of the writing-a-processor guide', () => {
  it('forwards the first record of each key and drops repeats', () => {
    const { store, data } = fakeStore()
    const { context, forwarded } = fakeContext(store)
    const processor = new DedupProcessor('seen', 60_000)
    processor.init(context)
    processor.process(new Record('e1', 'a', 1000))
    processor.process(new Record('e2', 'b', 2000))
    processor.process(new Record('e1', 'a-again', 3000))
    expect(forwarded.map((r) => [r.key, r.value])).toEqual([
      ['e1', 'a'],
      ['e2', 'b'],
    ])
    expect([...data]).toEqual([
      ['e1', 1000],
      ['e2', 2000],
    ])
  })

  it('schedules a stream-time punctuator that forgets expired ids', async () => {
    const { store, data } = fakeStore()
    const { context, forwarded, punctuators } = fakeContext(store)
    const processor = new DedupProcessor('seen', 60_000)
    processor.init(context)
    expect(punctuators).toHaveLength(1)
    expect(punctuators[0]).toMatchObject({ intervalMs: 60_000, type: PunctuationType.STREAM_TIME })
    processor.process(new Record('old', 'x', 1_000))
    processor.process(new Record('new', 'y', 90_000))
    await punctuators[0]!.fn(100_000)
    expect([...data.keys()]).toEqual(['new'])
    processor.process(new Record('old', 'x-again', 100_001))
    expect(forwarded.map((r) => r.value)).toEqual(['x', 'y', 'x-again'])
  })

  it('wires into a topology whose description names the store', () => {
    const topology = buildDedupTopology(new MockStoreBuilder('seen'))
    // guide:describe
    expect(topology.describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: Events (topics: [events])\n' +
        '      --> Dedup\n' +
        '    Processor: Dedup (stores: [seen])\n' +
        '      --> UniqueEvents\n' +
        '      <-- Events\n' +
        '    Sink: UniqueEvents (topic: unique-events)\n' +
        '      <-- Dedup\n\n',
    )
    // guide:end
    expect(buildTopologyModel(topology, 'dedup-app').stores.get('seen')!.changelogTopic).toBe('dedup-app-seen-changelog')
  })
})

describe('docs/guides/writing-a-processor.md', () => {
  it('shows only code copied from this test file', () => {
    const strip = (text: string): string =>
      text
        .split('\n')
        .map((l) => l.trim())
        .join('\n')
    const guide = readFileSync(new URL('../../docs/guides/writing-a-processor.md', import.meta.url), 'utf8')
    const source = strip(readFileSync(new URL(import.meta.url), 'utf8'))
    const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!)
    expect(blocks).toHaveLength(3)
    for (const block of blocks) expect(source).toContain(strip(block).trim())
  })
})
