/**
 * The dependency direction of design.md, checked on every import in the library folders:
 * which area may import which, where each third-party library may appear, and no cycles.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..', '..')
const libraryFolders = ['processor-api', 'state-stores', 'dsl', 'src']

function listTs(dir: string): string[] {
  let out: string[] = []
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return out
  }
  for (const e of entries) {
    const p = join(dir, e)
    if (statSync(p).isDirectory()) out = out.concat(listTs(p))
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p)
  }
  return out
}

/** The area a file belongs to, as named in design.md's module map. */
function areaOf(file: string): string {
  const rel = relative(root, file).split('\\').join('/')
  if (rel.startsWith('processor-api/')) return 'processor-api'
  if (rel.startsWith('state-stores/')) return 'state-stores'
  if (rel.startsWith('dsl/')) return 'dsl'
  if (rel === 'src/index.ts') return 'src/index'
  const m = /^src\/(runtime\/task|runtime\/state|runtime|clients\/kafkajs|test-driver|broker|cli|config|logging|wire)\//.exec(rel)
  if (m) return `src/${m[1]}`
  return rel
}

/** Which areas each area may import (itself always allowed). */
const allowed: Record<string, string[]> = {
  'processor-api': [],
  'state-stores': ['processor-api'],
  dsl: ['processor-api', 'state-stores'],
  'src/logging': [],
  // Kafka wire-format primitives (CRC-32C) shared by the broker and the clients: a leaf, no imports.
  'src/wire': [],
  'src/config': ['src/logging'],
  'src/broker': ['src/config', 'src/logging', 'src/wire'],
  'src/runtime/task': ['processor-api', 'state-stores', 'src/runtime/state', 'src/config', 'src/logging', 'src/runtime'],
  'src/runtime/state': ['processor-api', 'state-stores', 'src/runtime/task', 'src/config', 'src/logging', 'src/runtime'],
  'src/runtime': ['processor-api', 'state-stores', 'src/runtime/task', 'src/runtime/state', 'src/config', 'src/logging'],
  'src/test-driver': ['processor-api', 'state-stores', 'src/runtime/task', 'src/runtime/state', 'src/runtime', 'src/config', 'src/logging'],
  // Clients sit above the runtime, so they may use what the runtime's ports are typed with.
  'src/clients/kafkajs': ['processor-api', 'state-stores', 'src/runtime', 'src/runtime/task', 'src/runtime/state', 'src/config', 'src/logging', 'src/wire'],
  'src/index': ['processor-api', 'state-stores', 'dsl', 'src/runtime', 'src/runtime/task', 'src/runtime/state', 'src/test-driver', 'src/clients/kafkajs', 'src/broker', 'src/config', 'src/logging', 'src/wire'],
  'src/cli': ['*'],
}

/** Third-party packages and the one area (path prefix) each may be imported from. */
const confined: Record<string, string[]> = {
  kafkajs: ['src/clients/kafkajs/'],
  'classic-level': ['state-stores/leveldb/'],
  pino: ['src/logging/'],
  zod: ['src/config/', 'processor-api/serde/zod-serde.ts'],
}

const importRe = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function importsOf(file: string, options: { valuesOnly?: boolean } = {}): string[] {
  const text = readFileSync(file, 'utf8')
  const specs: string[] = []
  for (const m of text.matchAll(importRe)) {
    // Type-only imports are erased at runtime, so they cannot form a load-order cycle.
    if (options.valuesOnly && /^\s*(import|export)\s+type\s/.test(m[0])) continue
    specs.push((m[1] ?? m[2])!)
  }
  return specs
}

const files = libraryFolders.flatMap((f) => listTs(join(root, f)))

describe('dependency rules', () => {
  it('finds library files to check', () => {
    expect(files.length).toBeGreaterThan(10)
  })

  it('imports only flow in the directions design.md allows', () => {
    const violations: string[] = []
    for (const file of files) {
      const from = areaOf(file)
      const rules = allowed[from]
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue
        const target = resolve(dirname(file), spec)
        const to = areaOf(target)
        if (to === from) continue
        if (rules === undefined) violations.push(`${relative(root, file)}: area ${from} has no rule`)
        else if (!rules.includes('*') && !rules.includes(to)) violations.push(`${relative(root, file)} (${from}) imports ${spec} (${to})`)
      }
    }
    expect(violations).toEqual([])
  })

  it('confines each third-party library to its one place', () => {
    const violations: string[] = []
    for (const file of files) {
      const rel = relative(root, file).split('\\').join('/')
      for (const spec of importsOf(file)) {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!
        const places = confined[pkg]
        if (places && !places.some((p) => rel.startsWith(p))) violations.push(`${rel} imports ${pkg}`)
      }
    }
    expect(violations).toEqual([])
  })

  it('has no runtime import cycles between files', () => {
    const graph = new Map<string, string[]>()
    for (const file of files) {
      const deps: string[] = []
      for (const spec of importsOf(file, { valuesOnly: true })) {
        if (!spec.startsWith('.')) continue
        deps.push(resolve(dirname(file), spec).replace(/\.js$/, '.ts'))
      }
      graph.set(file, deps)
    }
    const state = new Map<string, 1 | 2>()
    const cycles: string[] = []
    const visit = (n: string, stack: string[]): void => {
      const s = state.get(n)
      if (s === 2) return
      if (s === 1) {
        cycles.push([...stack.slice(stack.indexOf(n)), n].map((p) => relative(root, p)).join(' -> '))
        return
      }
      state.set(n, 1)
      for (const d of graph.get(n) ?? []) if (graph.has(d)) visit(d, [...stack, n])
      state.set(n, 2)
    }
    for (const n of graph.keys()) visit(n, [])
    expect(cycles).toEqual([])
  })
})
