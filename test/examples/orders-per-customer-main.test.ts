import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { runOrdersDemo } from '../../examples/orders-per-customer/main.js'
import { startTestBroker } from '../e2e/broker-harness.js'
import { tempDir } from '../helpers/temp-dir.js'
import { waitFor } from '../helpers/wait-for.js'

const never = new Promise<void>(() => {})

describe('runOrdersDemo (the flagship demo without the CLI)', () => {
  let broker: Broker
  let dir: { path: string; cleanup: () => Promise<void> }

  // A broker per test: each run starts from empty 'orders' and 'order-counts' topics.
  beforeEach(async () => {
    broker = await startTestBroker()
    dir = await tempDir()
  })

  afterEach(async () => {
    await broker?.stop()
    await dir?.cleanup()
  })

  it('counts every generated order exactly once per customer and the store agrees with order-counts', async () => {
    const lines: string[] = []
    const result = await runOrdersDemo({
      bootstrap: [broker.bootstrap],
      stateDir: `${dir.path}/eos`,
      applicationId: 'orders-eos',
      out: (l) => void lines.push(l),
      stop: never,
      durationMs: 3000,
      ratePerSec: 200,
      seed: 11,
      reportIntervalMs: 500,
    })
    expect(result.reason).toBe('duration')
    expect(result.produced).toBeGreaterThanOrEqual(400)
    expect(result.counted).toBe(result.produced)
    expect([...result.counts.values()].reduce((a, b) => a + b, 0)).toBe(result.produced)
    expect(result.storeAgrees).toBe(true)
    expect(lines).toContain('application orders-eos: RUNNING')
    expect(lines[0]).toBe("starting orders-eos (exactly_once_v2), generating 200 orders/s into 'orders'")
    expect(lines.at(-1)).toMatch(new RegExp(`^orders produced: ${result.produced}, counted in 'order-counts': ${result.produced}; top: alice \\d+`))
  }, 60_000)

  it('stops at the stop signal under at-least-once and reports what it counted', async () => {
    const lines: string[] = []
    let stop!: () => void
    const stopped = new Promise<void>((r) => (stop = r))
    const running = runOrdersDemo({
      bootstrap: [broker.bootstrap],
      stateDir: `${dir.path}/alos`,
      applicationId: 'orders-alos',
      processingGuarantee: 'at_least_once',
      out: (l) => void lines.push(l),
      stop: stopped,
      ratePerSec: 100,
      reportIntervalMs: 200,
    })
    await waitFor(() => lines.some((l) => /\s+\d+\s+\d+\s+[1-9]\d*\s+alice \d+/.test(l)), { timeoutMs: 30_000, what: `counts in ${lines.join(' | ')}` })
    stop()
    const result = await running
    expect(result.reason).toBe('signal')
    expect(result.counted).toBeGreaterThan(0)
    expect(result.counted).toBeLessThanOrEqual(result.produced)
    expect(lines.at(-1)).toMatch(/^orders produced: \d+, counted in 'order-counts': \d+; top: alice/)
  }, 60_000)
})
