#!/usr/bin/env node
// Summarises a V8 .heapsnapshot (as written by `BENCH_B8_HEAP_SNAPSHOT=<dir>`): the object kinds
// with the most self size, then, for one kind, the chains of retainers that hold most instances
// (first retainer of each object, `depth` levels up). A large snapshot needs a large heap:
//   node --max-old-space-size=12000 test/bench/helpers/heap-snapshot-summary.mjs <file> [Kind] [depth]
// e.g. `... Headers 3` showed which structure held the collected records of the B8 application.
import { readFileSync } from 'node:fs'

const [file, target, depthArg] = process.argv.slice(2)
if (file === undefined) {
  process.stderr.write('usage: heap-snapshot-summary.mjs <file.heapsnapshot> [ObjectKind] [depth]\n')
  process.exit(2)
}
const snap = JSON.parse(readFileSync(file, 'utf8'))
const { node_fields: nf, edge_fields: ef, node_types: nt, edge_types: et } = snap.snapshot.meta
const NF = nf.length
const EF = ef.length
const [types, etypes] = [nt[0], et[0]]
const [iType, iName, iSelf, iEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nf.indexOf(f))
const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f))
const { nodes, edges, strings } = snap
const N = nodes.length / NF

const name = (n) => {
  const t = types[nodes[n * NF + iType]]
  return t === 'object' || t === 'closure' || t === 'native' ? strings[nodes[n * NF + iName]] : t
}

// 1. self size per kind
const kinds = new Map()
let total = 0
for (let n = 0; n < N; n++) {
  const k = `${types[nodes[n * NF + iType]]}:${name(n)}`
  const a = kinds.get(k) ?? { count: 0, size: 0 }
  a.count++
  a.size += nodes[n * NF + iSelf]
  total += nodes[n * NF + iSelf]
  kinds.set(k, a)
}
process.stdout.write(`${(total / 2 ** 20).toFixed(1)} MB of objects, ${N} nodes\n`)
for (const [k, a] of [...kinds].sort((x, y) => y[1].size - x[1].size).slice(0, 25)) {
  process.stdout.write(`${(a.size / 2 ** 20).toFixed(1).padStart(8)} MB ${String(a.count).padStart(10)}  ${k.slice(0, 100)}\n`)
}
if (target === undefined) process.exit(0)

// 2. retainer chains of one kind (first non-weak retainer of each object)
const firstEdge = new Uint32Array(N + 1)
for (let n = 0, e = 0; n < N; n++) {
  firstEdge[n] = e
  e += nodes[n * NF + iEdges] * EF
}
firstEdge[N] = edges.length
const retainerOf = new Int32Array(N).fill(-1)
const retainerEdge = new Int32Array(N).fill(-1)
for (let n = 0; n < N; n++) {
  for (let e = firstEdge[n]; e < firstEdge[n + 1]; e += EF) {
    if (etypes[edges[e + eType]] === 'weak') continue
    const to = edges[e + eTo] / NF
    if (retainerOf[to] === -1) {
      retainerOf[to] = n
      retainerEdge[to] = e
    }
  }
}
const edgeName = (e) => {
  const t = etypes[edges[e + eType]]
  return t === 'element' || t === 'hidden' ? `[${t}]` : String(strings[edges[e + eName]])
}
const depth = Number(depthArg ?? 3)
const chains = new Map()
for (let n = 0; n < N; n++) {
  if (name(n) !== target) continue
  const parts = []
  for (let cur = n, d = 0; d < depth && retainerOf[cur] !== -1; d++) {
    parts.push(`${name(retainerOf[cur])}.${edgeName(retainerEdge[cur])}`)
    cur = retainerOf[cur]
  }
  const k = parts.join(' <- ')
  chains.set(k, (chains.get(k) ?? 0) + 1)
}
process.stdout.write(`\n${target} by retainer chain:\n`)
for (const [k, c] of [...chains].sort((x, y) => y[1] - x[1]).slice(0, 15)) process.stdout.write(`${String(c).padStart(10)}  ${k}\n`)
