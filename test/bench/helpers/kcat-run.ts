/**
 * Runs kcat (librdkafka) as a benchmark client: stdin and stdout are files handed to the child
 * directly (as `kcat ... < in > out` would), so the benchmark process copies no bytes while the
 * clock runs.
 */
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, openSync, readSync } from 'node:fs'

const KCAT = process.env['KCAT'] ?? 'kcat'

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
  const closeFds = (): void => {
    if (typeof stdin === 'number') closeSync(stdin)
    if (typeof stdout === 'number') closeSync(stdout)
  }
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(KCAT, [...args], { stdio: [stdin, stdout, 'pipe'] })
    const err: Buffer[] = []
    child.stderr.on('data', (d: Buffer) => err.push(d))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`kcat ${args.join(' ')} did not finish in time; stderr: ${Buffer.concat(err).toString()}`))
    }, options.timeoutMs ?? 600_000)
    child.once('error', (e) => {
      clearTimeout(timer)
      closeFds()
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
      resolve({ code, seconds, stderr: Buffer.concat(err).toString() })
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
