import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'

/**
 * Preloaded into the broker child: when its standard input ends (the parent closed it, or the
 * parent died), it sends itself SIGTERM, so the broker stops cleanly and never outlives the
 * parent, even one killed with SIGKILL.
 */
const PARENT_WATCH = `data:text/javascript,${encodeURIComponent(
  "process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM')); process.stdin.resume()",
)}`

/** A bundled broker running as a `tributary broker` child process. */
export interface BrokerChild {
  /** The child's process id. */
  readonly pid: number
  /** `host:port` the broker listens on. */
  readonly bootstrap: string
  /** Settles with the exit code (or signal name) when the child ends. */
  readonly exited: Promise<number | string>
  /**
   * Stops the broker (SIGTERM through its parent watch) and waits for it to exit; after
   * `timeoutMs` it is killed. Resolves with its exit code or signal name.
   */
  stop(timeoutMs?: number): Promise<number | string>
}

/**
 * The package's `bin/tributary.js`, found by walking up from this file (in the sources, in
 * dist/, or in a bundle inside the repository).
 */
export function findCliEntry(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from)
  for (;;) {
    const candidate = join(dir, 'bin', 'tributary.js')
    if (existsSync(candidate) && existsSync(join(dir, 'package.json'))) return candidate
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`cannot find bin/tributary.js above ${from}`)
    dir = parent
  }
}

/**
 * Starts `node <cliEntry> broker --port 0` in its own process group (a terminal's Ctrl-C goes to
 * the parent, which stops the broker after the clients that still need it) and waits for its
 * "listening on" line.
 * @throws when the child exits or does not listen within `timeoutMs`.
 */
export async function startBrokerChild(options: { cliEntry: string; logLevel: string; timeoutMs?: number }): Promise<BrokerChild> {
  const child: ChildProcessByStdio<Writable, Readable, null> = spawn(
    process.execPath,
    ['--import', PARENT_WATCH, options.cliEntry, 'broker', '--port', '0', '--log-level', options.logLevel],
    { detached: true, stdio: ['pipe', 'pipe', 'inherit'] },
  )
  const killOnExit = (): void => void child.kill('SIGKILL')
  process.once('exit', killOnExit)
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      process.off('exit', killOnExit)
      resolve(code ?? signal ?? -1)
    }),
  )
  child.once('error', () => undefined)
  let stdout = ''
  const bootstrap = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the broker child did not start within ${options.timeoutMs ?? 20_000} ms`))
    }, options.timeoutMs ?? 20_000)
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      const m = /tributary broker listening on (\S+)/.exec(stdout)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`the broker child exited (${code}) before listening: ${stdout.trim()}`))
    })
  })
  child.stdout.resume()
  return {
    pid: child.pid!,
    bootstrap,
    exited,
    async stop(timeoutMs = 10_000): Promise<number | string> {
      if (child.exitCode === null && child.signalCode === null) child.stdin.end()
      let timer: NodeJS.Timeout | undefined
      const killed = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL')
          resolve()
        }, timeoutMs)
      })
      await Promise.race([exited, killed])
      clearTimeout(timer)
      return exited
    },
  }
}
