/**
 * Key-value store throughput: in-memory vs LevelDB puts, point reads and full scans through the
 * typed store (metered layer, ByteArray serdes, logging off), the caching layer's hit path, and
 * the raw baselines measured in the same run (a JS `Map` for in-memory; classic-level's own
 * `batch` and `getSync` for LevelDB). Records: 10-byte key, 100-byte value.
 * `npm run bench -- store-kv` (`--smoke` for a tiny size).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { bench, describe } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'
import type { StoreBuilder } from '../../processor-api/state-store.js'
import type { MeteredKeyValueStore } from '../../state-stores/layers/metered/metered-key-value-store.js'
import { Stores } from '../../state-stores/stores.js'
import { TestStoreContext } from '../state-stores/helpers/test-store-context.js'

const SMOKE = Boolean(process.env.BENCH_SMOKE)
const N = SMOKE ? 10_000 : 200_000
const COMMIT_EVERY = 10_000
const RUNS = SMOKE ? 1 : 3

type Store = MeteredKeyValueStore<Buffer, Buffer>

const keys: Buffer[] = []
for (let i = 0; i < N; i++) keys.push(Buffer.from(`k${String((i * 7919) % N).padStart(9, '0')}`))
const value = Buffer.alloc(100, 7)

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

async function rate(fn: () => number | Promise<number>): Promise<number> {
  const t0 = process.hrtime.bigint()
  const n = await fn()
  return n / (Number(process.hrtime.bigint() - t0) / 1e9)
}

function emit(bench: string, value: number, baseline?: { vs: string; value: number }): void {
  const line: { [k: string]: unknown } = { bench, value: Math.round(value), unit: 'records/s' }
  if (baseline) {
    line['vs'] = baseline.vs
    line['ratio'] = Number((value / baseline.value).toFixed(2))
  }
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

const root = mkdtempSync(join(tmpdir(), 'tributary-bench-kv-'))
let dirs = 0

async function open(builder: StoreBuilder<Store>, cacheMaxBytes?: number): Promise<Store> {
  const ctx = new TestStoreContext({ stateDir: join(root, `d${dirs++}`) })
  if (cacheMaxBytes !== undefined) ctx.appConfigs = { cacheMaxBytes }
  ctx.setRecordContext(1)
  const store = builder.build()
  await store.init(ctx, store)
  return store
}

/** Puts every key, flushing and persisting every COMMIT_EVERY puts (what the engine's commit does). */
async function putAll(store: Store): Promise<number> {
  for (let i = 0; i < N; i++) {
    store.put(keys[i]!, value)
    if ((i + 1) % COMMIT_EVERY === 0) {
      store.flush()
      await store.persist(i)
    }
  }
  store.flush()
  await store.persist(N)
  return N
}

function getAll(store: Store): number {
  let found = 0
  for (let i = 0; i < N; i++) if (store.get(keys[i]!) !== null) found++
  if (found !== N) throw new Error(`expected ${N} hits, got ${found}`)
  return N
}

async function scanAll(store: Store): Promise<number> {
  let n = 0
  for await (const _ of store.all()) n++
  if (n !== N) throw new Error(`scan saw ${n}`)
  return n
}

const kvBuilder = (supplier: ReturnType<typeof Stores.inMemoryKeyValueStore>) =>
  Stores.keyValueStoreBuilder(supplier, Serdes.ByteArray(), Serdes.ByteArray()).withLoggingDisabled()

const f: { [name: string]: number[] } = {}
const push = (name: string, v: number) => (f[name] ??= []).push(v)

try {
  for (let r = 0; r < RUNS + 1; r++) {
    const keep = r > 0
    const mem = await open(kvBuilder(Stores.inMemoryKeyValueStore('mem')))
    const memPut = await rate(() => putAll(mem))
    const memGet = await rate(() => getAll(mem))
    const memScan = await rate(() => scanAll(mem))
    await mem.close()

    const map = new Map<string, Buffer>()
    const mapPut = await rate(() => {
      for (let i = 0; i < N; i++) map.set(keys[i]!.toString('latin1'), value)
      return N
    })
    const mapGet = await rate(() => {
      let found = 0
      for (let i = 0; i < N; i++) if (map.get(keys[i]!.toString('latin1')) !== undefined) found++
      return found
    })

    const ldb = await open(kvBuilder(Stores.persistentKeyValueStore('ldb')))
    const ldbPut = await rate(() => putAll(ldb))
    const ldbGet = await rate(() => getAll(ldb))
    const ldbScan = await rate(() => scanAll(ldb))
    await ldb.close()

    const raw = new ClassicLevel<Buffer, Buffer>(join(root, `raw${dirs++}`), { keyEncoding: 'buffer', valueEncoding: 'buffer' })
    await raw.open()
    const rawPut = await rate(async () => {
      for (let base = 0; base < N; base += COMMIT_EVERY) {
        const ops: Array<{ type: 'put'; key: Buffer; value: Buffer }> = []
        for (let i = base; i < Math.min(N, base + COMMIT_EVERY); i++) ops.push({ type: 'put', key: keys[i]!, value })
        await raw.batch(ops)
      }
      return N
    })
    const rawGet = await rate(() => {
      let found = 0
      for (let i = 0; i < N; i++) if (raw.getSync(keys[i]!) !== undefined) found++
      return found
    })
    await raw.close()

    // Caching hit path: every key cached (budget large enough), reads never reach LevelDB.
    const cached = await open(kvBuilder(Stores.persistentKeyValueStore('cached')).withCachingEnabled(), 256 * 1024 * 1024)
    const cachedPut = await rate(() => {
      for (let i = 0; i < N; i++) cached.put(keys[i]!, value)
      return N
    })
    const cachedGet = await rate(() => getAll(cached))
    cached.flush()
    await cached.persist(1)
    await cached.close()

    if (keep) {
      push('mem-put', memPut)
      push('mem-get', memGet)
      push('mem-scan', memScan)
      push('map-put', mapPut)
      push('map-get', mapGet)
      push('ldb-put', ldbPut)
      push('ldb-get', ldbGet)
      push('ldb-scan', ldbScan)
      push('raw-put', rawPut)
      push('raw-get', rawGet)
      push('cached-put', cachedPut)
      push('cached-get', cachedGet)
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true })
}

const m = (k: string) => median(f[k] ?? [0])
emit('store-kv-inmemory-put', m('mem-put'), { vs: 'JS Map set (latin1 keys)', value: m('map-put') })
emit('store-kv-inmemory-get', m('mem-get'), { vs: 'JS Map get (latin1 keys)', value: m('map-get') })
emit('store-kv-inmemory-scan', m('mem-scan'))
emit('store-kv-leveldb-put-persist', m('ldb-put'), { vs: 'classic-level batch of the same puts', value: m('raw-put') })
emit('store-kv-leveldb-get', m('ldb-get'), { vs: 'classic-level getSync', value: m('raw-get') })
emit('store-kv-leveldb-scan', m('ldb-scan'))
emit('store-kv-caching-put', m('cached-put'))
emit('store-kv-caching-get-hit', m('cached-get'), { vs: 'classic-level getSync', value: m('raw-get') })

describe('store-kv', () => {
  bench('figures are printed above as JSON lines', () => {
    f['mem-put']?.length
  })
})
