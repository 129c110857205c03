import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main.js'
import type { CliIo } from '../../src/cli/cli-io.js'
import { listeningPort, runCliProcess } from '../e2e/broker-process.js'
import { tempDir } from '../helpers/temp-dir.js'

/** An in-memory CliIo: collects output; `stop()` plays the role of SIGINT. */
function testIo(): CliIo & { outLines: string[]; errLines: string[]; stop: () => void } {
  const outLines: string[] = []
  const errLines: string[] = []
  let stop!: () => void
  const signal = new Promise<string>((resolve) => (stop = () => resolve('SIGINT')))
  return { out: (l) => void outLines.push(l), err: (l) => void errLines.push(l), stopSignal: () => signal, outLines, errLines, stop }
}

async function waitForLine(lines: string[], pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + 10_000
  for (;;) {
    for (const l of lines) {
      const m = pattern.exec(l)
      if (m) return m
    }
    if (Date.now() > deadline) throw new Error(`no line matched ${pattern}: ${lines.join(' | ')}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('tributary CLI', () => {
  it('prints the command list and exits 0 for --help', async () => {
    const io = testIo()
    expect(await runCli(['--help'], io)).toBe(0)
    expect(io.outLines.join('\n')).toMatch(/Usage: tributary <command>[\s\S]*broker/)
  })

  it('exits 2 with the usage when no command is given', async () => {
    const io = testIo()
    expect(await runCli([], io)).toBe(2)
  })

  it('exits 2 for an unknown command', async () => {
    const io = testIo()
    expect(await runCli(['brokr'], io)).toBe(2)
    expect(io.errLines[0]).toBe("tributary: unknown command 'brokr'")
  })

  it('exits 2 naming the flag and the accepted values when --port is invalid', async () => {
    const io = testIo()
    expect(await runCli(['broker', '--port', 'nine'], io)).toBe(2)
    expect(io.errLines.join('\n')).toContain('port: expected an integer from 0 to 65535 (got "nine")')
    const io2 = testIo()
    expect(await runCli(['broker', '--port', '70000'], io2)).toBe(2)
    expect(io2.errLines.join('\n')).toContain('port: expected an integer from 0 to 65535 (got 70000)')
  })

  it('exits 2 for an unknown flag', async () => {
    const io = testIo()
    expect(await runCli(['broker', '--prot', '1'], io)).toBe(2)
    expect(io.errLines[0]).toMatch(/Unknown option '--prot'/)
  })

  it('exits 2 naming --log-level and the accepted levels for a bad level', async () => {
    const io = testIo()
    expect(await runCli(['broker', '--log-level', 'loud'], io)).toBe(2)
    expect(io.errLines.join('\n')).toContain('--log-level: expected one of trace, debug, info, warn, error, fatal, silent (got "loud")')
  })

  it('runs the broker in the foreground, prints where it listens and stops cleanly on the stop signal', async () => {
    const dir = await tempDir()
    try {
      const io = testIo()
      const running = runCli(['broker', '--port', '0', '--data-dir', dir.path, '--log-level', 'silent'], io)
      const [, host, port] = await waitForLine(io.outLines, /^tributary broker listening on ([\d.]+):(\d+)$/)
      expect(host).toBe('127.0.0.1')
      // It accepts TCP connections.
      await new Promise<void>((resolve, reject) => {
        const s = connect(Number(port), host!, () => {
          s.destroy()
          resolve()
        })
        s.on('error', reject)
      })
      io.stop()
      expect(await running).toBe(0)
    } finally {
      await dir.cleanup()
    }
  })

  it('exits 1 when the port is taken', async () => {
    const io = testIo()
    const first = runCli(['broker', '--port', '0', '--log-level', 'silent'], io)
    const [, , port] = await waitForLine(io.outLines, /listening on ([\d.]+):(\d+)/)
    const io2 = testIo()
    expect(await runCli(['broker', '--port', port!, '--log-level', 'silent'], io2)).toBe(1)
    expect(io2.errLines[0]).toMatch(/cannot start: .*EADDRINUSE/)
    io.stop()
    expect(await first).toBe(0)
  })

  it('as a process, exits 0 on SIGINT and on SIGTERM', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const proc = await runCliProcess(['broker', '--port', '0'])
      await listeningPort(proc)
      proc.child.kill(signal)
      expect(await proc.exited).toBe(0)
      expect(proc.stdout()).toMatch(/^tributary broker listening on 127\.0\.0\.1:\d+\n$/)
    }
  })
})
