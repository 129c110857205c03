/**
 * Shared harness of the engine benchmarks (B4a-B4d): runs a Processor-API topology on one
 * StreamTask with no broker, feeding pre-generated raw records in batches and committing every
 * `commitEvery` records (flush, then persist with checkpoints), as the stream thread would.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Topology } from '../../../processor-api/topology.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { TaskId } from '../../../processor-api/task-id.js'
import { ManualClock } from '../../../processor-api/time.js'
import { buildTopologyModel } from '../../../processor-api/internal/build-topology-model.js'
import { StreamTask } from '../../../src/runtime/task/stream-task.js'
import { processorTopologyOf } from '../../../src/runtime/task/processor-topology.js'
import { taskConfig } from '../../../src/runtime/task/task-config.js'
import type { CollectedRecord, RecordCollector } from '../../../src/runtime/task/record-collector.js'
import type { RawRecord } from '../../../src/runtime/task/raw-record.js'
import { StateDirectory } from '../../../src/runtime/state/state-directory.js'

export const SMOKE = Boolean(process.env['BENCH_SMOKE'])
export const RUNS = SMOKE ? 1 : 3
const BATCH = 1000

/** Counts what it is sent and assigns offsets per topic-partition (for changelog checkpoints), as cheaply as a producer buffer append. */
class CountingCollector implements RecordCollector {
  sent = 0
  last: CollectedRecord | null = null
  private readonly next = new Map<string, number[]>()
  private lastTopic = ''
  private lastCounts: number[] = []
  send(record: CollectedRecord): void {
    this.sent++
    this.last = record
    let perPartition = this.lastCounts
    if (record.topic !== this.lastTopic) {
      perPartition = this.next.get(record.topic) ?? []
      this.next.set(record.topic, perPartition)
      this.lastTopic = record.topic
      this.lastCounts = perPartition
    }
    const p = record.partition ?? 0
    perPartition[p] = (perPartition[p] ?? 0) + 1
  }
  partitionsFor(): number {
    return 1
  }
  lastOffset(topic: string, partition: number): number | null {
    const n = this.next.get(topic)?.[partition]
    return n === undefined ? null : n - 1
  }
}

/** `n` records: 10-byte keys over `distinctKeys` keys, 100-byte values, timestamps `i * stepMs`. */
export function generateRecords(n: number, distinctKeys: number, stepMs = 1): RawRecord[] {
  const values = Array.from({ length: 16 }, (_, i) => Buffer.from(String.fromCharCode(97 + i).repeat(100)))
  const keys = Array.from({ length: distinctKeys }, (_, i) => Buffer.from(`key-${String(i).padStart(6, '0')}`))
  const out: RawRecord[] = new Array(n)
  for (let i = 0; i < n; i++) {
    out[i] = { key: keys[(i * 7919) % distinctKeys]!, value: values[i % 16]!, timestamp: i * stepMs, offset: i, headers: null }
  }
  return out
}

/**
 * Runs `topology` over `records` once; returns records/s of wall-clock time, records per
 * CPU-second of this process (less sensitive to other load on a shared machine), and the
 * collector's output count (checked by the caller).
 */
export async function runEngine(
  topology: Topology,
  records: readonly RawRecord[],
  options: { commitEvery?: number; cacheMaxBytes?: number } = {},
): Promise<{ rate: number; cpuRate: number; sent: number }> {
  const root = mkdtempSync(join(tmpdir(), 'tributary-bench-engine-'))
  const model = buildTopologyModel(topology, 'bench')
  const collector = new CountingCollector()
  const task = new StreamTask({
    id: new TaskId(0, 0),
    model,
    topology: processorTopologyOf(model),
    inputPartitions: [{ topic: 'input', partition: 0 }],
    collector,
    config: taskConfig({
      applicationId: 'bench',
      defaultKeySerde: Serdes.String(),
      defaultValueSerde: Serdes.String(),
      appConfigs: { cacheMaxBytes: options.cacheMaxBytes ?? 10 * 1024 * 1024 },
    }),
    clock: new ManualClock(0),
    stateDirectory: new StateDirectory(root, 'bench'),
  })
  try {
    await task.initializeStateStores()
    await task.completeRestoration()
    task.updateLag('input', 0, 0)
    const commitEvery = options.commitEvery ?? Number.POSITIVE_INFINITY
    let sinceCommit = 0
    const cpu0 = process.cpuUsage()
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH)
      task.addRecords('input', 0, batch)
      let done = 0
      while (done < batch.length) {
        const r = task.processBatch(0, batch.length - done)
        done += typeof r === 'number' ? r : await r
      }
      sinceCommit += batch.length
      if (sinceCommit >= commitEvery) {
        sinceCommit = 0
        await task.prepareCommit()
        await task.postCommit()
      }
    }
    await task.prepareCommit()
    await task.postCommit()
    await task.persisted()
    const secs = Number(process.hrtime.bigint() - t0) / 1e9
    const cpu = process.cpuUsage(cpu0)
    return { rate: records.length / secs, cpuRate: records.length / ((cpu.user + cpu.system) / 1e6), sent: collector.sent }
  } finally {
    await task.close()
    rmSync(root, { recursive: true, force: true })
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

/** Prints the benchmarks.md JSON line. */
export function emit(bench: string, value: number, extra: { [k: string]: unknown } = {}, baseline?: { vs: string; value: number }): void {
  const line: { [k: string]: unknown } = { bench, value: Math.round(value), unit: 'records/s', ...extra }
  if (baseline) {
    line['vs'] = baseline.vs
    line['ratio'] = Number((value / baseline.value).toFixed(2))
  }
  process.stdout.write(`${JSON.stringify(line)}\n`)
}
