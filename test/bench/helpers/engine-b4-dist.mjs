// B4a-B4c as users run the engine: the compiled package (dist/, native ES modules), not the
// TypeScript sources through vitest's module transform (which turns every cross-module call into
// a property read on a module object). Spawned by engine-b4-dist.bench.ts after it made sure
// dist/ is current; prints one JSON line per scenario. Same workload as engine/engine-bench-harness.ts.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = process.argv[2]
const smoke = process.argv[3] === 'smoke'
const load = (p) => import(pathToFileURL(join(root, 'dist', p)).href)
const { Topology } = await load('processor-api/topology.js')
const { Serdes } = await load('processor-api/serde/serdes.js')
const { TaskId } = await load('processor-api/task-id.js')
const { ManualClock } = await load('processor-api/time.js')
const { buildTopologyModel } = await load('processor-api/internal/build-topology-model.js')
const { StreamTask } = await load('src/runtime/task/stream-task.js')
const { processorTopologyOf } = await load('src/runtime/task/processor-topology.js')
const { taskConfig } = await load('src/runtime/task/task-config.js')
const { StateDirectory } = await load('src/runtime/state/state-directory.js')
const { Stores } = await load('state-stores/stores.js')

const RUNS = smoke ? 1 : 3
function generateRecords(n, distinctKeys) {
  const values = Array.from({ length: 16 }, (_, i) => Buffer.from(String.fromCharCode(97 + i).repeat(100)))
  const keys = Array.from({ length: distinctKeys }, (_, i) => Buffer.from(`key-${String(i).padStart(6, '0')}`))
  return Array.from({ length: n }, (_, i) => ({ key: keys[(i * 7919) % distinctKeys], value: values[i % 16], timestamp: i, offset: i, headers: null }))
}

class CountingCollector {
  sent = 0
  next = new Map()
  send(r) {
    this.sent++
    const k = `${r.topic}:${r.partition ?? 0}`
    this.next.set(k, (this.next.get(k) ?? 0) + 1)
  }
  partitionsFor() {
    return 1
  }
  lastOffset(topic, partition) {
    const n = this.next.get(`${topic}:${partition}`)
    return n === undefined ? null : n - 1
  }
}

async function runEngine(topology, records, commitEvery) {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-dist-'))
  const model = buildTopologyModel(topology, 'bench')
  const collector = new CountingCollector()
  const task = new StreamTask({
    id: new TaskId(0, 0),
    model,
    topology: processorTopologyOf(model),
    inputPartitions: [{ topic: 'input', partition: 0 }],
    collector,
    config: taskConfig({ applicationId: 'bench', defaultKeySerde: Serdes.String(), defaultValueSerde: Serdes.String(), appConfigs: { cacheMaxBytes: 10 * 1024 * 1024 } }),
    clock: new ManualClock(0),
    stateDirectory: new StateDirectory(dir, 'bench'),
  })
  try {
    await task.initializeStateStores()
    await task.completeRestoration()
    task.updateLag('input', 0, 0)
    let since = 0
    const cpu0 = process.cpuUsage()
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < records.length; i += 1000) {
      const batch = records.slice(i, i + 1000)
      task.addRecords('input', 0, batch)
      let done = 0
      while (done < batch.length) {
        const r = task.processBatch(0, batch.length - done)
        done += typeof r === 'number' ? r : await r
      }
      since += batch.length
      if (since >= commitEvery) {
        since = 0
        await task.prepareCommit()
        await task.postCommit()
      }
    }
    await task.prepareCommit()
    await task.postCommit()
    await task.persisted()
    const secs = Number(process.hrtime.bigint() - t0) / 1e9
    const cpu = process.cpuUsage(cpu0)
    if (collector.sent === 0) throw new Error('no output')
    return { rate: records.length / secs, cpuRate: records.length / ((cpu.user + cpu.system) / 1e6) }
  } finally {
    await task.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const S = () => ({ keySerde: Serdes.String(), valueSerde: Serdes.String() })
const keep = (key) => key.charCodeAt(key.length - 1) !== 48
function filterMapValues() {
  return new Topology()
    .addSource('source', 'input', S())
    .addProcessor('filter', () => {
      let ctx
      return { init: (c) => void (ctx = c), process: (r) => void (keep(r.key) && ctx.forward(r)) }
    }, 'source')
    .addProcessor('map-values', () => {
      let ctx
      return { init: (c) => void (ctx = c), process: (r) => ctx.forward(r.withValue(r.value.substring(0, 60))) }
    }, 'filter')
    .addSink('sink', 'output', S(), 'map-values')
}
function count(supplier) {
  const builder = Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.Long()).withCachingEnabled()
  return new Topology()
    .addSource('source', 'input', S())
    .addProcessor('count', () => {
      let ctx
      let store
      return {
        init: (c) => {
          ctx = c
          store = c.getStateStore('counts')
          store.setFlushListener((r) => ctx.forward(r.withValue(r.value.newValue)), false)
        },
        process: (r) => store.put(r.key, (store.get(r.key) ?? 0) + 1),
      }
    }, 'source')
    .addStateStore(builder, 'count')
    .addSink('sink', 'output', { keySerde: Serdes.String(), valueSerde: Serdes.Long() }, 'count')
}
function bareLoop(records) {
  const s = Serdes.String()
  let sent = 0
  const cpu0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  for (const r of records) {
    const key = s.deserializer.deserialize('input', r.key)
    const value = s.deserializer.deserialize('input', r.value)
    if (!keep(key)) continue
    if (s.serializer.serialize('output', key) !== null && s.serializer.serialize('output', value.substring(0, 60)) !== null) sent++
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9
  const cpu = process.cpuUsage(cpu0)
  return { rate: records.length / secs, cpuRate: records.length / ((cpu.user + cpu.system) / 1e6), sent }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function scenario(name, n, make, withBare) {
  const records = generateRecords(n, 10_000)
  const e = []
  const ec = []
  const b = []
  for (let run = 0; run <= RUNS; run++) {
    const r = await make(records)
    const bare = withBare ? bareLoop(records) : null
    if (run > 0) {
      e.push(r.rate)
      ec.push(r.cpuRate)
      if (bare) b.push(bare.rate)
    }
  }
  const line = { bench: name, value: Math.round(median(e)), unit: 'records/s', records: n, cpuValue: Math.round(median(ec)), build: 'dist' }
  if (withBare) Object.assign(line, { vs: 'bare loop with the same serdes', ratio: Number((median(e) / median(b)).toFixed(2)) })
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

const N = smoke ? 20_000 : 1_000_000
await scenario('engine-b4a-dist', N, (recs) => runEngine(filterMapValues(), recs, Infinity), true)
await scenario('engine-b4b-dist', N, (recs) => runEngine(count(Stores.inMemoryKeyValueStore('counts')), recs, 10_000), false)
await scenario('engine-b4c-dist', smoke ? N : 500_000, (recs) => runEngine(count(Stores.persistentKeyValueStore('counts')), recs, 10_000), false)
