#!/usr/bin/env node
// Runs the benchmarks under test/bench/ one file at a time and collects the JSON figure each
// prints on its last line ({"bench":...,"value":...}). Usage:
//   npm run bench                 all benchmarks at full size
//   npm run bench -- <name>       only files whose name contains <name>
//   npm run bench -- --smoke      tiny sizes (CI keeps benchmarks from rotting; figures meaningless)
//   npm run bench -- --write      also rewrite the figures table in docs/benchmarks.md
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const args = process.argv.slice(2)
const smoke = args.includes('--smoke')
const write = args.includes('--write')
const filters = args.filter((a) => !a.startsWith('--'))

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((n) => f.includes(n)))
  .sort()

if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')}`)
  process.exit(1)
}

const results = []
let failed = 0
for (const file of files) {
  const started = Date.now()
  const run = spawnSync('npx', ['vitest', 'bench', '--run', '--config', 'vitest.bench.config.ts', join('test/bench', file)], {
    cwd: root,
    env: { ...process.env, BENCH_SMOKE: smoke ? '1' : '', TRIBUTARY_LOG_LEVEL: process.env.TRIBUTARY_LOG_LEVEL ?? 'silent' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  const out = `${run.stdout}\n${run.stderr}`
  const figures = out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{"bench"'))
    .map((l) => {
      try {
        return JSON.parse(l)
      } catch {
        return null
      }
    })
    .filter(Boolean)
  const secs = ((Date.now() - started) / 1000).toFixed(1)
  if (run.status !== 0) {
    failed++
    console.log(`✗ ${file} (exit ${run.status}, ${secs}s)`)
    console.log(out.split('\n').slice(-40).join('\n'))
  } else {
    console.log(`✓ ${file} (${secs}s)`)
  }
  for (const f of figures) {
    results.push({ file, ...f })
    console.log(JSON.stringify(f))
  }
}

if (write && !smoke) {
  const doc = join(root, 'docs', 'benchmarks.md')
  const begin = '<!-- bench:begin -->'
  const end = '<!-- bench:end -->'
  const rows = results.map((r) => {
    const extra = r.vs ? `${r.ratio} × ${r.vs}` : ''
    return `| ${r.bench} | ${typeof r.value === 'number' ? Math.round(r.value).toLocaleString('en-US') : r.value} | ${r.unit ?? ''} | ${extra} | ${r.file} |`
  })
  const table = [begin, `Last run: ${new Date().toISOString().slice(0, 10)}, \`npm run bench -- --write\`, ${process.version}.`, '', '| bench | value | unit | ratio | file |', '|---|---|---|---|---|', ...rows, end].join('\n')
  const text = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n\n'
  const next = text.includes(begin) ? text.replace(new RegExp(`${begin}[\\s\\S]*${end}`), table) : `${text}\n${table}\n`
  writeFileSync(doc, next)
  console.log(`wrote ${results.length} figures to docs/benchmarks.md`)
}

process.exit(failed === 0 ? 0 : 1)
