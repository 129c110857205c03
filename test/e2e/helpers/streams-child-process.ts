import { spawn, type ChildProcess } from 'node:child_process'
import { waitFor } from '../../helpers/wait-for.js'

/** A KafkaStreams instance running `streams-child.ts` in its own process. */
export interface StreamsChild {
  readonly process: ChildProcess
  /** Every line the child printed so far. */
  readonly lines: string[]
  /** Waits until a printed line matches. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>
  /** SIGKILL: a crash. */
  kill(): Promise<void>
  /** SIGTERM: a clean close; resolves when the process exited. */
  stop(): Promise<void>
}

/** Starts a child instance with the given settings (see streams-child.ts). */
export function spawnStreamsChild(config: { bootstrap: string; applicationId: string; stateDir: string; guarantee: 'at_least_once' | 'exactly_once_v2' }): StreamsChild {
  const proc = spawn(process.execPath, ['node_modules/vite-node/vite-node.mjs', 'test/e2e/helpers/streams-child.ts', JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  let partial = ''
  proc.stdout!.on('data', (chunk: Buffer) => {
    partial += chunk.toString('utf8')
    const parts = partial.split('\n')
    partial = parts.pop() ?? ''
    lines.push(...parts)
  })
  let stderr = ''
  proc.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000)
  })
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  return {
    process: proc,
    lines,
    waitForLine: (pattern, timeoutMs = 30_000) =>
      waitFor(() => lines.find((l) => pattern.test(l)), { timeoutMs, what: `child line ${pattern} (stderr: ${stderr.slice(-500)})` }),
    kill: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL')
      await exited
    },
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM')
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}
