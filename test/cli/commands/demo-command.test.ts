import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { resolve } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { waitFor } from '../../helpers/wait-for.js'
import { ensureBuilt } from '../helpers/ensure-build.js'

const root = resolve(import.meta.dirname, '..', '..', '..')
const children: ChildProcessWithoutNullStreams[] = []

interface Demo {
  readonly child: ChildProcessWithoutNullStreams
  readonly stdout: () => string
  readonly stderr: () => string
  readonly exited: Promise<number | string>
}

/** `node bin/tributary.js demo <args>` as `npm start` runs it. */
function startDemo(args: string[]): Demo {
  const child = spawn(process.execPath, ['bin/tributary.js', 'demo', '--log-level', 'error', ...args], { cwd: root })
  children.push(child)
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | string>((r) => child.on('exit', (code, signal) => r(code ?? signal ?? -1)))
  return { child, stdout: () => out, stderr: () => err, exited }
}

async function exitWithin(demo: Demo, ms: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<string>((r) => (timer = setTimeout(() => r('timeout'), ms)))
  const code = await Promise.race([demo.exited, timeout])
  clearTimeout(timer)
  return code
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function brokerPid(stdout: string): number {
  const m = /^bundled broker \(pid (\d+)\) listening on 127\.0\.0\.1:\d+, in memory$/m.exec(stdout)
  expect(m, stdout).not.toBeNull()
  return Number(m![1])
}

/** A report line with counts: time, orders/s in, updates/s out, produced, counted, top customers. */
const COUNTS_ROW = /^\s*\d+s\s+\d+\s+\d+\s+\d+\s+\d+\s+alice \d+ · \w+ \d+/m

describe('tributary demo (npm start)', () => {
  beforeAll(async () => {
    await ensureBuilt()
  }, 300_000)

  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  })

  it('with --duration 8 prints live counts, checks them against the orders and the store, and exits 0 leaving no child', async () => {
    const demo = startDemo(['--duration', '8', '--rate', '200'])
    const code = await exitWithin(demo, 90_000)
    const out = demo.stdout()
    expect(code, `${out}\n${demo.stderr()}`).toBe(0)
    const pid = brokerPid(out)
    expect(out).toMatch(/^\s+time\s+orders\/s in\s+updates\/s out\s+produced\s+counted\s+top customers$/m)
    expect(out).toMatch(/^application orders-per-customer: RUNNING$/m)
    expect(out).toMatch(COUNTS_ROW)
    const summary = /^orders produced: (\d+), counted in 'order-counts': (\d+); top: alice \d+/m.exec(out)
    expect(summary, out).not.toBeNull()
    expect(Number(summary![1])).toBeGreaterThan(800)
    expect(summary![2]).toBe(summary![1])
    expect(out).toMatch(/^interactive query of store 'orders-per-customer': agrees with 'order-counts' for \d+ customers$/m)
    expect(out).toMatch(/^bundled broker stopped \(exit 0\)$/m)
    expect(isAlive(pid)).toBe(false)
  }, 120_000)

  it('stops the application, the generator and the broker child on SIGINT and exits 0', async () => {
    const demo = startDemo(['--rate', '100'])
    await waitFor(() => COUNTS_ROW.test(demo.stdout()), { timeoutMs: 60_000, intervalMs: 100, what: `counts in: ${demo.stdout()}` })
    const pid = brokerPid(demo.stdout())
    demo.child.kill('SIGINT')
    expect(await exitWithin(demo, 30_000), demo.stderr()).toBe(0)
    expect(demo.stdout()).toMatch(/^orders produced: \d+, counted in 'order-counts': \d+; top: alice/m)
    expect(demo.stdout()).toMatch(/^bundled broker stopped \(exit 0\)$/m)
    expect(isAlive(pid)).toBe(false)
  }, 120_000)
})
