import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { readOffsetSums } from '../../src/runtime/internal/task-offset-sums.js'
import { startTestBroker } from './broker-harness.js'
import { ORDER_COUNTS, ORDERS } from './helpers/orders-topology.js'
import { spawnStreamsChild, type StreamsChild } from './helpers/streams-child-process.js'
import { createTopics, produce, quietKafka, readUntil, type OutputRecord } from './helpers/streams-harness.js'
import { tempDir } from '../helpers/temp-dir.js'
import { waitFor } from '../helpers/wait-for.js'

const CUSTOMERS = 20
const TOTAL = 2000

/** Per customer, the sequence of counts in the output, in offset order per partition. */
function countsByKey(records: readonly OutputRecord[]): Map<string, bigint[]> {
  const out = new Map<string, bigint[]>()
  const sorted = [...records].sort((a, b) => a.partition - b.partition || a.offset - b.offset)
  for (const r of sorted) {
    const k = r.key!.toString()
    const list = out.get(k) ?? []
    list.push(r.value!.readBigInt64BE())
    out.set(k, list)
  }
  return out
}

function reachedTotals(records: readonly OutputRecord[], expected: Map<string, number>): boolean {
  const seen = countsByKey(records)
  for (const [k, n] of expected) {
    const list = seen.get(k)
    if (list === undefined || list[list.length - 1]! < BigInt(n)) return false
  }
  return true
}

describe('KafkaStreams failover between two processes', () => {
  let broker: Broker
  const dirs: { path: string; cleanup: () => Promise<void> }[] = []
  const children: StreamsChild[] = []

  beforeEach(async () => {
    broker = await startTestBroker({ numPartitions: 1, transactionAbortCheckIntervalMs: 500 })
  })

  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => c.kill()))
    await broker?.stop()
    await Promise.all(dirs.splice(0).map((d) => d.cleanup()))
  })

  async function runScenario(guarantee: 'at_least_once' | 'exactly_once_v2', applicationId: string) {
    const kafka = quietKafka(broker)
    const input = `${ORDERS}`
    await createTopics(kafka, [{ topic: input, partitions: 4 }, { topic: ORDER_COUNTS, partitions: 4 }])
    const dirA = await tempDir()
    const dirB = await tempDir()
    dirs.push(dirA, dirB)
    const a = spawnStreamsChild({ bootstrap: broker.bootstrap, applicationId, stateDir: dirA.path, guarantee })
    const b = spawnStreamsChild({ bootstrap: broker.bootstrap, applicationId, stateDir: dirB.path, guarantee })
    children.push(a, b)
    await a.waitForLine(/^STATE RUNNING$/, 60_000)
    await b.waitForLine(/^STATE RUNNING$/, 60_000)
    // Both instances own tasks once the group has settled on two members.
    await waitFor(() => [a, b].every((c) => c.lines.some((l) => /^ASSIGNED [1-9]/.test(l))), { timeoutMs: 30_000, what: 'both instances assigned' })

    const expected = new Map<string, number>()
    const orders = Array.from({ length: TOTAL }, (_, i) => {
      const customer = `c${i % CUSTOMERS}`
      expected.set(customer, (expected.get(customer) ?? 0) + 1)
      return { key: `o${i}`, value: customer }
    })
    await produce(kafka, input, orders.slice(0, TOTAL / 2))
    // Kill A while it works on the first half, once both instances committed output (every
    // output partition p comes from task 1_p, so all four partitions means both have committed).
    await readUntil(kafka, ORDER_COUNTS, (rs) => new Set(rs.map((r) => r.partition)).size === 4, { timeoutMs: 30_000 })
    // ...and once A has persisted a checkpoint after a commit (it records each task's offset sum).
    await waitFor(() => [...readOffsetSums(join(dirA.path, applicationId)).values()].some((sum) => sum > 0), {
      timeoutMs: 30_000,
      what: 'a checkpoint persisted by A',
    })
    await a.kill()
    await produce(kafka, input, orders.slice(TOTAL / 2))
    // The survivor takes over all 8 partitions (4 input + 4 repartition) once A's session expires.
    await b.waitForLine(/^ASSIGNED 8$/, 60_000)
    const out = await readUntil(kafka, ORDER_COUNTS, (rs) => reachedTotals(rs, expected), { timeoutMs: 60_000 })
    return { out, expected, kafka, a, b, dirA }
  }

  it('loses nothing at least once when an instance is killed mid-stream', async () => {
    const { out, expected } = await runScenario('at_least_once', 'failover-alos')
    const counts = countsByKey(out)
    for (const [customer, n] of expected) {
      const list = counts.get(customer)!
      expect(list[list.length - 1]! >= BigInt(n)).toBe(true)
    }
  }, 150_000)

  it('exactly once: read_committed output holds strictly increasing counts ending at the true count, and the killed instance resumes from its checkpoints', async () => {
    const { out, expected, kafka, b, dirA } = await runScenario('exactly_once_v2', 'failover-eos')
    const counts = countsByKey(out)
    for (const [customer, n] of expected) {
      const list = counts.get(customer)!
      for (let i = 1; i < list.length; i++) expect(list[i]! > list[i - 1]!, `${customer}: ${list.join(',')}`).toBe(true)
      expect(list[list.length - 1]).toBe(BigInt(n))
    }

    // Restart the killed instance on its old state directory: it must not wipe its stores.
    const again = spawnStreamsChild({ bootstrap: broker.bootstrap, applicationId: 'failover-eos', stateDir: dirA.path, guarantee: 'exactly_once_v2' })
    children.push(again)
    // Restoration happens between the assignment and RUNNING.
    await waitFor(
      () => {
        const assigned = again.lines.findIndex((l) => /^ASSIGNED [1-9]/.test(l))
        return assigned >= 0 && again.lines.slice(assigned).includes('STATE RUNNING')
      },
      { timeoutMs: 60_000, what: 'restarted instance assigned, restored and running' },
    )
    const starts = again.lines.filter((l) => l.startsWith('RESTORE_START')).map((l) => Number(l.split(' ')[4]))
    expect(Math.max(...starts), again.lines.join('\n')).toBeGreaterThan(0)

    // More input after the restart still yields exactly the true counts.
    const more = Array.from({ length: 200 }, (_, i) => ({ key: `p${i}`, value: `c${i % CUSTOMERS}` }))
    for (const m of more) expected.set(m.value, expected.get(m.value)! + 1)
    await produce(kafka, ORDERS, more)
    const final = await readUntil(kafka, ORDER_COUNTS, (rs) => reachedTotals(rs, expected), { timeoutMs: 60_000 })
    for (const [customer, n] of expected) {
      const list = countsByKey(final).get(customer)!
      for (let i = 1; i < list.length; i++) expect(list[i]! > list[i - 1]!, `${customer}: ${list.join(',')}`).toBe(true)
      expect(list[list.length - 1]).toBe(BigInt(n))
    }
    await again.stop()
    await b.stop()
  }, 200_000)
})
