import { spawn, spawnSync } from 'node:child_process'

export const KCAT = process.env['KCAT'] ?? 'kcat'

/** Fails the suite (never skips it) when kcat is not installed. */
export function requireKcat(): void {
  const probe = spawnSync(KCAT, ['-V'], { encoding: 'utf8' })
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      `kcat (librdkafka) is required by the compatibility suite but '${KCAT}' could not be run ` +
        `(${probe.error?.message ?? `exit ${probe.status}`}). Install it (Debian/Ubuntu: apt-get install kcat) or set KCAT=/path/to/kcat.`,
    )
  }
}

export interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs kcat to completion (bounded), feeding `input` on stdin. */
export function kcat(args: readonly string[], options: { input?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(KCAT, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => err.push(d))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`kcat ${args.join(' ')} timed out; stderr: ${Buffer.concat(err).toString()}`))
    }, options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() })
    })
    child.stdin.end(options.input ?? '')
  })
}
