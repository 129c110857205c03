import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..', '..', '..')
const SOURCE_FOLDERS = ['src', 'dsl', 'processor-api', 'state-stores', 'examples']
/** A file the build must have written for the CLI tests that run `bin/tributary.js`. */
const MARKER = join(root, 'dist', 'src', 'cli', 'commands', 'demo-command.js')

function newestSourceMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(p))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) newest = Math.max(newest, statSync(p).mtimeMs)
  }
  return newest
}

/**
 * Runs `npm run build`'s compiler (tsc -p tsconfig.build.json) when dist/ is older than any
 * source file, so `bin/tributary.js` runs the current code. Type errors elsewhere in the tree do
 * not stop tsc from emitting; the build counts as done when the CLI's files were rewritten.
 * @throws when tsc did not write the CLI within `timeoutMs`.
 */
export async function ensureBuilt(timeoutMs = 240_000): Promise<void> {
  const sources = Math.max(...SOURCE_FOLDERS.map((f) => newestSourceMtime(join(root, f))))
  if (existsSync(MARKER) && statSync(MARKER).mtimeMs >= sources) return
  const startedAt = Date.now()
  const tsc = spawn(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' })
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    new Promise<void>((r) => tsc.once('exit', () => r())),
    new Promise<void>((r) => (timer = setTimeout(() => (tsc.kill('SIGKILL'), r()), timeoutMs))),
  ])
  clearTimeout(timer)
  if (!existsSync(MARKER) || statSync(MARKER).mtimeMs < startedAt - 1000) throw new Error('npm run build did not write dist/src/cli')
}
