/**
 * Ported from Kafka Streams' WindowedWordCountProcessorTest (streams/test-utils, test/wordcount):
 * a processor counting words per 100 ms window in a window store, unit-tested with
 * MockProcessorContext; the punctuator, triggered by hand, forwards every windowed count.
 * In-memory stores iterate by time then key; persistent ones by key then time (as RocksDB/LevelDB).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Record } from '../../../processor-api/record.js'
import { TaskId } from '../../../processor-api/task-id.js'
import { PunctuationType } from '../../../processor-api/punctuation.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Processor } from '../../../processor-api/processor.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { Stores } from '../../../state-stores/stores.js'
import type { WindowStore } from '../../../state-stores/window-store.js'
import type { WindowBytesStoreSupplier } from '../../../state-stores/bytes/window-bytes-store.js'
import { MockProcessorContext } from '../../../src/test-driver/index.js'

/** Kafka's `Windowed.toString()`: `[key@start/end]`. */
const windowedText = (w: Windowed<string>): string => `[${w.key}@${w.window.start}/${w.window.end}]`

/** Kafka's WindowedWordCountProcessorSupplier. */
function windowedWordCountProcessor(): Processor<string, string, string, string> {
  let windowStore!: WindowStore<string, number>
  return {
    init(context: ProcessorContext<string, string>) {
      context.schedule(1000, PunctuationType.STREAM_TIME, async (timestamp) => {
        for await (const entry of windowStore.all()) context.forward(new Record(windowedText(entry.key), String(entry.value), timestamp))
      })
      windowStore = context.getStateStore<WindowStore<string, number>>('WindowedCounts')
    },
    process(record: Record<string, string>) {
      const windowStart = Math.floor(record.timestamp / 100) * 100
      for (const word of record.value.toLowerCase().split(' ')) {
        const oldValue = windowStore.fetch(word, windowStart)
        windowStore.put(word, oldValue === null ? 1 : oldValue + 1, windowStart)
      }
    },
  }
}

async function run(supplier: WindowBytesStoreSupplier, context: MockProcessorContext<string, string>): Promise<string[][]> {
  const store = Stores.windowStoreBuilder(supplier, Serdes.String(), Serdes.Integer()).withLoggingDisabled().withCachingDisabled().build()
  await store.init(context.getStateStoreContext(), store)
  const processor = windowedWordCountProcessor()
  processor.init!(context)
  processor.process(new Record('key', 'alpha beta gamma alpha', 101))
  processor.process(new Record('key', 'gamma delta', 221))
  expect(context.forwarded()).toEqual([])
  await context.scheduledPunctuators()[0]!.getPunctuator()(1000)
  const out = context.forwarded().map((f) => [f.record.key, f.record.value, String(f.record.timestamp)])
  await store.close()
  return out
}

const DAY = 24 * 60 * 60 * 1000

describe('WindowedWordCountProcessorTest (Kafka)', () => {
  it('shouldWorkWithInMemoryStore', async () => {
    const out = await run(Stores.inMemoryWindowStore('WindowedCounts', 24 * DAY, 100, false), new MockProcessorContext<string, string>())
    expect(out).toEqual([
      ['[alpha@100/200]', '2', '1000'],
      ['[beta@100/200]', '1', '1000'],
      ['[gamma@100/200]', '1', '1000'],
      ['[delta@200/300]', '1', '1000'],
      ['[gamma@200/300]', '1', '1000'],
    ])
  })

  it('shouldWorkWithPersistentStore', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'windowed-word-count-'))
    try {
      const context = new MockProcessorContext<string, string>({}, new TaskId(0, 0), stateDir)
      const out = await run(Stores.persistentWindowStore('WindowedCounts', 24 * DAY, 100, false), context)
      expect(out).toEqual([
        ['[alpha@100/200]', '2', '1000'],
        ['[beta@100/200]', '1', '1000'],
        ['[delta@200/300]', '1', '1000'],
        ['[gamma@100/200]', '1', '1000'],
        ['[gamma@200/300]', '1', '1000'],
      ])
    } finally {
      rmSync(stateDir, { recursive: true, force: true })
    }
  })
})
