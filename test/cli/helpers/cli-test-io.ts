import type { CliIo } from '../../../src/cli/cli-io.js'
import { waitFor } from '../../helpers/wait-for.js'

/** An in-memory CliIo: collects stdout/stderr lines; `stop()` plays the role of SIGINT. */
export interface TestIo extends CliIo {
  readonly outLines: string[]
  readonly errLines: string[]
  stop(): void
}

/** Creates a `TestIo`. */
export function testIo(): TestIo {
  const outLines: string[] = []
  const errLines: string[] = []
  let stop!: () => void
  const signal = new Promise<string>((resolve) => (stop = () => resolve('SIGINT')))
  return { out: (l) => void outLines.push(l), err: (l) => void errLines.push(l), stopSignal: () => signal, outLines, errLines, stop }
}

/** Waits (bounded) for an output line matching `pattern` and returns its match. */
export async function waitForLine(lines: string[], pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
  return waitFor(
    () => {
      for (const l of lines) {
        const m = pattern.exec(l)
        if (m) return m
      }
      return null
    },
    { timeoutMs, what: `a line matching ${pattern} in: ${lines.join(' | ')}` },
  )
}
