/**
 * The B4b/B4c baseline: the same count written by hand, with no framework — decode key and value
 * with the same serdes, count in a Map, and every `commitEvery` records build the output and
 * changelog records of each updated key (serialized key and value) and, for B4c, write those keys
 * to LevelDB in one batch with a checkpoint entry, as the engine does. What a framework-free loop
 * costs on this machine.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { RawRecord } from '../../../src/runtime/task/raw-record.js'
import type { KeyValueBytesStoreSupplier } from '../../../state-stores/index.js'
import { Stores } from '../../../state-stores/stores.js'
import { countTopology } from './count-topologies.js'
import { emit, generateRecords, median, runEngine, RUNS } from './engine-bench-harness.js'

export async function bareCount(
  records: readonly RawRecord[],
  commitEvery: number,
  leveldb: boolean,
): Promise<{ rate: number; cpuRate: number; sent: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-bare-'))
  const db = leveldb ? new ClassicLevel<Buffer, Buffer>(join(dir, 'counts'), { keyEncoding: 'buffer', valueEncoding: 'buffer' }) : null
  await db?.open()
  const string = Serdes.String()
  const long = Serdes.Long()
  const counts = new Map<string, number>()
  const dirty = new Set<string>()
  let sent = 0
  let last: Buffer | null = null
  const checkpoint = Buffer.from('\x00checkpoint', 'latin1')
  let writing: Promise<void> = Promise.resolve()
  const commit = async (offset: number): Promise<void> => {
    await writing
    const batch = db?.batch() ?? null
    for (const key of dirty) {
      const k = string.serializer.serialize('counts-changelog', key)!
      const v = long.serializer.serialize('counts-changelog', counts.get(key)!)!
      batch?.put(Buffer.concat([Buffer.of(1), k]), v)
      // The output record and the changelog record, as a producer buffer would take them.
      last = string.serializer.serialize('output', key)
      last = long.serializer.serialize('output', counts.get(key)!)
      sent += 2
    }
    dirty.clear()
    if (batch === null) return
    const cp = Buffer.allocUnsafe(8)
    cp.writeBigInt64BE(BigInt(offset))
    batch.put(checkpoint, cp)
    writing = batch.write()
  }
  try {
    const cpu0 = process.cpuUsage()
    const t0 = process.hrtime.bigint()
    let since = 0
    for (const r of records) {
      const key = string.deserializer.deserialize('input', r.key)!
      string.deserializer.deserialize('input', r.value)
      counts.set(key, (counts.get(key) ?? 0) + 1)
      dirty.add(key)
      if (++since >= commitEvery) {
        since = 0
        await commit(r.offset)
      }
    }
    await commit(records.length)
    await writing
    const secs = Number(process.hrtime.bigint() - t0) / 1e9
    const cpu = process.cpuUsage(cpu0)
    if (last === null) throw new Error('nothing serialized')
    return { rate: records.length / secs, cpuRate: records.length / ((cpu.user + cpu.system) / 1e6), sent }
  } finally {
    await db?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Runs the engine's cached count on `store()` and the hand-written loop alternately (RUNS
 * measured runs after a warm-up) over `n` records of 10K keys, committing every 10K records, and
 * prints the figure with the loop as baseline (B4b, B4c).
 */
export async function countAgainstBareLoop(bench: string, n: number, store: () => KeyValueBytesStoreSupplier, leveldb: boolean): Promise<void> {
  const records = generateRecords(n, 10_000, 1)
  const rates: number[] = []
  const cpuRates: number[] = []
  const bareRates: number[] = []
  const bareCpuRates: number[] = []
  for (let run = 0; run <= RUNS; run++) {
    const r = await runEngine(countTopology(Stores.keyValueStoreBuilder(store(), Serdes.String(), Serdes.Long()).withCachingEnabled()), records, { commitEvery: 10_000 })
    if (r.sent === 0) throw new Error('no output')
    const b = await bareCount(records, 10_000, leveldb)
    if (b.sent !== r.sent) throw new Error(`the loop sent ${b.sent} records, the engine ${r.sent} (output + changelog)`)
    if (run > 0) {
      rates.push(r.rate)
      cpuRates.push(r.cpuRate)
      bareRates.push(b.rate)
      bareCpuRates.push(b.cpuRate)
    }
  }
  emit(
    bench,
    median(rates),
    {
      records: n,
      commitEvery: 10_000,
      cpuValue: Math.round(median(cpuRates)),
      bareLoop: Math.round(median(bareRates)),
      bareLoopCpu: Math.round(median(bareCpuRates)),
      cpuRatio: Number((median(cpuRates) / median(bareCpuRates)).toFixed(2)),
    },
    { vs: `hand-written loop: same serdes, Map count, ${leveldb ? 'LevelDB batch per commit' : 'records serialized per commit'}`, value: median(bareRates) },
  )
}
