import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/temp-dir.js'

/**
 * State larger than the heap lives in LevelDB: a child `node --max-old-space-size=256` writes
 * 5M keys through the real store code (TypeScript run by a small transpiling loader, no build
 * step) in commit-sized batches, reopens, and verifies. `TRIBUTARY_LARGE_STORE_KEYS` lowers the
 * key count for a quick local run.
 */
const KEYS = Number(process.env.TRIBUTARY_LARGE_STORE_KEYS ?? 5_000_000)
const COMMIT = 10_000
const fixtures = fileURLToPath(new URL('../state-stores/fixtures/', import.meta.url))

interface Figures {
  keys: number
  counted: number
  wrong: number
  checkpoint: number
  writeSeconds: number
  maxHeapMB: number
  maxRssMB: number
}

function runChild(dir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=256', '--import', `${fixtures}ts-loader.mjs`, `${fixtures}large-leveldb-store.ts`, dir, String(KEYS), String(COMMIT)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 25 * 60_000)
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

describe('LevelDbKeyValueStore with more keys than the heap holds', () => {
  let cleanup: (() => Promise<void>) | undefined
  afterEach(async () => {
    await cleanup?.()
  })

  it(
    'writes 5M keys in commit-sized batches under a 256 MB heap and reads them all back after reopening',
    async () => {
      const dir = await tempDir('tributary-large-store-')
      cleanup = dir.cleanup
      const { code, stdout, stderr } = await runChild(dir.path)
      expect(code, stderr).toBe(0)
      const figures = JSON.parse(stdout.trim().split('\n').pop()!) as Figures
      expect(figures.counted).toBe(KEYS)
      expect(figures.wrong).toBe(0)
      expect(figures.checkpoint).toBe(KEYS)
      expect(figures.maxHeapMB).toBeLessThan(256)
    },
    30 * 60_000,
  )
})
