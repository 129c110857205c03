/**
 * The broker under test as users run it: `node bin/tributary.js broker --port 0 --data-dir <dir>`
 * in its own process on 127.0.0.1. The compiled package in dist/ is rebuilt (`tsc -p
 * tsconfig.build.json`) when a source file is newer than the build.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..', '..', '..')
const CLI_ENTRY = join(ROOT, 'dist', 'src', 'cli', 'main.js')
/** Source folders of the package build (the CLI imports from most of them). */
const CLI_SOURCES = ['src', 'processor-api', 'dsl', 'state-stores'].map((d) => join(ROOT, d))

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path))
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

/**
 * Makes sure `bin/tributary.js` runs the current sources: builds dist/ when it is missing or older
 * than a source file of the build (src, processor-api, dsl, state-stores). Type errors do not
 * stop the build (tsc still emits); a build that leaves no CLI behind throws.
 */
export function ensureBuiltCli(): void {
  const stale = !existsSync(CLI_ENTRY) || CLI_SOURCES.some((d) => newestMtime(d) > statSync(CLI_ENTRY).mtimeMs)
  if (!stale) return
  process.stderr.write('broker bench: dist/ is older than the broker sources, running tsc -p tsconfig.build.json\n')
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 600_000,
  })
  if (run.status !== 0) {
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(0, 20).join('\n')
    process.stderr.write(`broker bench: tsc exited with ${run.status ?? run.signal} (files are emitted anyway):\n${output}\n`)
  }
  if (!existsSync(CLI_ENTRY)) throw new Error(`build did not produce ${CLI_ENTRY}`)
}

/** A running broker child process. */
export interface BrokerChild {
  /** `127.0.0.1:<port>`, as printed by the CLI. */
  readonly bootstrap: string
  /** The child's process id (for profiling tools). */
  readonly pid: number
  /**
   * CPU seconds (user + system) the broker process has used so far, from /proc (Linux; NaN
   * elsewhere). Differences around a run give the broker's CPU cost independent of how busy
   * the shared machine is.
   */
  readonly cpuSeconds: () => number
  /** What the child wrote to stderr so far (warnings, errors). */
  readonly stderr: () => string
  /** SIGTERM, then waits (bounded) for a clean exit; SIGKILL when it does not come. */
  readonly stop: () => Promise<void>
}

/** Options of {@link startBrokerChild}. */
export interface BrokerChildOptions {
  /** The broker's `--data-dir`. */
  readonly dataDir: string
  /** When set, the child runs with `--cpu-prof` and writes its profile into this directory. */
  readonly cpuProfDir?: string
  /** Startup bound (default 30 s). */
  readonly timeoutMs?: number
}

/** Starts `node bin/tributary.js broker --port 0 --data-dir <dir> --log-level warn` and waits for its address. */
export async function startBrokerChild(options: BrokerChildOptions): Promise<BrokerChild> {
  ensureBuiltCli()
  const nodeFlags = options.cpuProfDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir]
  const args = [...nodeFlags, join(ROOT, 'bin', 'tributary.js'), 'broker', '--host', '127.0.0.1', '--port', '0']
  args.push('--data-dir', options.dataDir, '--log-level', 'warn')
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env } })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    await exited
    clearTimeout(timer)
  }
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  for (;;) {
    const m = /tributary broker listening on (\S+:\d+)/.exec(out)
    if (m !== null) {
      const pid = child.pid as number
      return { bootstrap: m[1] as string, pid, cpuSeconds: () => processCpuSeconds(pid), stderr: () => err, stop }
    }
    if (child.exitCode !== null) throw new Error(`broker exited with ${child.exitCode}: ${err}`)
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`broker did not print its address within the bound: ${out} ${err}`)
    }
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const USER_HZ = 100

/** utime + stime of process `pid` in seconds (NaN when /proc is not readable). */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // fields after the parenthesised command name: state is field 3, utime 14, stime 15
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ
  } catch {
    return Number.NaN
  }
}
