/**
 * B6: restoring a 1M-key changelog into a LevelDB key-value store, through the restore callback
 * the store registers (batches of 10,000 records, what a restore consumer hands over), against
 * classic-level's own `batch` of the same puts in the same run. Records: 10-byte key, 100-byte
 * value. `npm run bench -- store-restore` (`--smoke`: 20,000 records).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { bench, describe } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'
import type { ChangelogRecord } from '../../processor-api/state-store.js'
import { Stores } from '../../state-stores/stores.js'
import { TestStoreContext } from '../state-stores/helpers/test-store-context.js'

const SMOKE = Boolean(process.env.BENCH_SMOKE)
const N = SMOKE ? 20_000 : 1_000_000
const BATCH = 10_000
const RUNS = SMOKE ? 1 : 3
const value = Buffer.alloc(100, 3)

function batchAt(base: number): ChangelogRecord[] {
  const out: ChangelogRecord[] = []
  for (let i = base; i < Math.min(N, base + BATCH); i++) {
    out.push({ key: Buffer.from(`k${String(i).padStart(9, '0')}`), value, timestamp: i, offset: i })
  }
  return out
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

const root = mkdtempSync(join(tmpdir(), 'tributary-bench-restore-'))
const restore: number[] = []
const raw: number[] = []
try {
  for (let r = 0; r < RUNS; r++) {
    const ctx = new TestStoreContext({ stateDir: join(root, `store-${r}`) })
    const store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('restored'), Serdes.String(), Serdes.ByteArray()).build()
    await store.init(ctx, store)
    let t0 = process.hrtime.bigint()
    for (let base = 0; base < N; base += BATCH) await ctx.restore('restored', batchAt(base))
    await store.persist(N)
    restore.push(N / (Number(process.hrtime.bigint() - t0) / 1e9))
    if (store.get('k000000007') === null) throw new Error('restore lost a record')
    await store.close()

    const db = new ClassicLevel<Buffer, Buffer>(join(root, `raw-${r}`), { keyEncoding: 'buffer', valueEncoding: 'buffer' })
    await db.open()
    t0 = process.hrtime.bigint()
    for (let base = 0; base < N; base += BATCH) {
      await db.batch(batchAt(base).map((c) => ({ type: 'put' as const, key: c.key, value: c.value! })))
    }
    raw.push(N / (Number(process.hrtime.bigint() - t0) / 1e9))
    await db.close()
  }
} finally {
  rmSync(root, { recursive: true, force: true })
}

const value50 = median(restore)
const base50 = median(raw)
process.stdout.write(
  `${JSON.stringify({ bench: 'store-restore-leveldb', value: Math.round(value50), unit: 'records/s', vs: 'classic-level batch of the same puts', ratio: Number((value50 / base50).toFixed(2)) })}\n`,
)

describe('store-restore', () => {
  bench('figures are printed above as JSON lines', () => {
    restore.length
  })
})
