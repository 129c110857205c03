/**
 * B4a–B4c on the compiled package (dist/, native ES modules), as an application runs the engine:
 * the other engine benchmarks run the TypeScript sources through vitest's module transform, which
 * makes every call across modules a property read on a module object and understates the engine
 * (by ~20 % here). Builds dist/ when stale, then runs helpers/engine-b4-dist.mjs in a child
 * process. `npm run bench -- engine-b4-dist`.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { bench, describe } from 'vitest'
import { ensureBuiltCli, ROOT } from './helpers/broker-child.js'
import { SMOKE } from './engine/engine-bench-harness.js'

ensureBuiltCli()
const run = spawnSync(process.execPath, [join(ROOT, 'test', 'bench', 'helpers', 'engine-b4-dist.mjs'), ROOT, SMOKE ? 'smoke' : 'full'], {
  encoding: 'utf8',
  timeout: 900_000,
})
if (run.status !== 0) throw new Error(`engine-b4-dist failed (${run.status}): ${run.stderr}`)
const lines = run.stdout.split('\n').filter((l) => l.startsWith('{"bench"'))
if (lines.length !== 3) throw new Error(`engine-b4-dist printed ${lines.length} figures: ${run.stdout} ${run.stderr}`)
for (const line of lines) process.stdout.write(`${line}\n`)

describe('engine-b4-dist', () => {
  bench('figures are printed above as JSON lines', () => {
    lines.length
  })
})
