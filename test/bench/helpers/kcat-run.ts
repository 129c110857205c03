/**
 * Runs kcat (librdkafka) as a benchmark client: stdin and stdout are files handed to the child
 * directly (as `kcat ... < in > out` would), so the benchmark process copies no bytes while the
 * clock runs.
 */
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const KCAT = process.env['KCAT'] ?? 'kcat'
/** GNU time, when installed, reports kcat's own CPU use (`-f '%U %S'`). */
const GNU_TIME = '/usr/bin/time'

/** Throws a clear error when kcat cannot be run (benchmarks never skip silently). */
export function requireKcat(): string {
  const probe = spawnSync(KCAT, ['-V'], { encoding: 'utf8' })
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(`kcat is required by the broker benchmarks but '${KCAT}' could not be run; install kcat or set KCAT=/path/to/kcat`)
  }
  return /librdkafka ([0-9][^\s]*)/.exec(probe.stdout)?.[1] ?? 'unknown'
}

/** Outcome of one kcat run. */
export interface KcatRun {
  /** Exit code (null when killed). */
  readonly code: number | null
  /** Wall time from spawn to exit, in seconds. */
  readonly seconds: number
  /** CPU seconds (user + system) kcat used, NaN when /usr/bin/time is not installed. */
  readonly cpuSeconds: number
  /** kcat's stderr (errors, `-q` keeps it quiet otherwise). */
  readonly stderr: string
}

/** Options of {@link runKcat}. */
export interface KcatOptions {
  /** File fed on stdin (default: none, stdin closed). */
  readonly stdinFile?: string
  /** File receiving stdout (default: discarded). */
  readonly stdoutFile?: string
  /** Kill bound (default 10 minutes). */
  readonly timeoutMs?: number
}

/** Runs `kcat <args>` to completion and times it. Rejects when the bound passes (the child is killed). */
export function runKcat(args: readonly string[], options: KcatOptions = {}): Promise<KcatRun> {
  const stdin = options.stdinFile === undefined ? 'ignore' : openSync(options.stdinFile, 'r')
  const stdout = options.stdoutFile === undefined ? 'ignore' : openSync(options.stdoutFile, 'w')
  const timed = existsSync(GNU_TIME)
  const timeDir = timed ? mkdtempSync(join(tmpdir(), 'tributary-kcat-time-')) : ''
  const timeFile = join(timeDir, 'cpu')
  const closeFds = (): void => {
    if (typeof stdin === 'number') closeSync(stdin)
    if (typeof stdout === 'number') closeSync(stdout)
  }
  const kcatCpu = (): number => {
    if (!timed) return Number.NaN
    try {
      const [user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()?.split(' ').map(Number) ?? []
      return (user ?? Number.NaN) + (sys ?? Number.NaN)
    } catch {
      return Number.NaN
    } finally {
      rmSync(timeDir, { recursive: true, force: true })
    }
  }
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const command = timed ? GNU_TIME : KCAT
    const argv = timed ? ['-f', '%U %S', '-o', timeFile, KCAT, ...args] : [...args]
    // own process group, so the bound can kill kcat together with /usr/bin/time
    const child = spawn(command, argv, { stdio: [stdin, stdout, 'pipe'], detached: true })
    const err: Buffer[] = []
    child.stderr?.on('data', (d: Buffer) => err.push(d))
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
      reject(new Error(`kcat ${args.join(' ')} did not finish in time; stderr: ${Buffer.concat(err).toString()}`))
    }, options.timeoutMs ?? 600_000)
    child.once('error', (e) => {
      clearTimeout(timer)
      closeFds()
      kcatCpu()
      reject(e)
    })
    let seconds = 0
    child.once('exit', () => {
      seconds = Number(process.hrtime.bigint() - started) / 1e9
    })
    // 'close' comes after 'exit' and after stderr is drained
    child.once('close', (code) => {
      clearTimeout(timer)
      closeFds()
      resolve({ code, seconds, cpuSeconds: kcatCpu(), stderr: Buffer.concat(err).toString() })
    })
  })
}

/** Number of `\n` bytes in `file` (read in 1 MiB chunks). */
export function countLines(file: string): number {
  const fd = openSync(file, 'r')
  const buf = Buffer.allocUnsafe(1 << 20)
  let lines = 0
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null)
      if (n === 0) return lines
      let at = buf.indexOf(10)
      while (at !== -1 && at < n) {
        lines++
        at = buf.indexOf(10, at + 1)
      }
    }
  } finally {
    closeSync(fd)
  }
}
