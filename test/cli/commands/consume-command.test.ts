import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../../src/broker/index.js'
import { CliKafkaClient } from '../../../src/clients/kafkajs/cli-kafka-client.js'
import { runCli } from '../../../src/cli/main.js'
import { startTestBroker } from '../../e2e/broker-harness.js'
import { waitFor } from '../../helpers/wait-for.js'
import { testIo } from '../helpers/cli-test-io.js'

const rec = (key: string | null, value: string | null) => ({ key: key === null ? null : Buffer.from(key), value: value === null ? null : Buffer.from(value) })

describe('tributary consume', () => {
  let broker: Broker
  let client: CliKafkaClient

  beforeAll(async () => {
    broker = await startTestBroker()
    client = new CliKafkaClient([broker.bootstrap])
    await client.createTopic({ name: 'events', partitions: 1, replicationFactor: -1, config: {} })
    await client.produce('events', [rec('a', '1'), rec(null, '2'), rec('c', null), rec('d', '4')])
  })

  afterAll(async () => {
    await client?.close()
    await broker?.stop()
  })

  it('prints key and value from the beginning and stops after --max records', async () => {
    const io = testIo()
    expect(await runCli(['consume', 'events', '--from-beginning', '--max', '3', '--bootstrap', broker.bootstrap], io)).toBe(0)
    expect(io.outLines).toEqual(['a\t1', 'null\t2', 'c\tnull'])
    expect(io.errLines).toEqual(['Processed a total of 3 messages'])
  })

  it('prints values only, or with another separator', async () => {
    const values = testIo()
    await runCli(['consume', 'events', '--from-beginning', '--max', '2', '--value-only', '--bootstrap', broker.bootstrap], values)
    expect(values.outLines).toEqual(['1', '2'])
    const sep = testIo()
    await runCli(['consume', 'events', '--from-beginning', '--max', '1', '--key-separator', ' => ', '--bootstrap', broker.bootstrap], sep)
    expect(sep.outLines).toEqual(['a => 1'])
  })

  it('stops after --timeout-ms without records', async () => {
    const io = testIo()
    const started = Date.now()
    expect(await runCli(['consume', 'events', '--from-beginning', '--timeout-ms', '700', '--bootstrap', broker.bootstrap], io)).toBe(0)
    expect(io.outLines).toHaveLength(4)
    expect(Date.now() - started).toBeGreaterThanOrEqual(700)
  })

  it('without --from-beginning prints only records produced after it started, until the stop signal', async () => {
    const io = testIo()
    const running = runCli(['consume', 'events', '--bootstrap', broker.bootstrap], io)
    // Records produced before the consumer found the end are skipped; produce until one arrives.
    await waitFor(
      async () => {
        await client.produce('events', [rec('late', 'x')])
        return io.outLines.length > 0
      },
      { timeoutMs: 15_000, intervalMs: 200, what: 'a late record' },
    )
    io.stop()
    expect(await running).toBe(0)
    expect(io.outLines.every((l) => l === 'late\tx')).toBe(true)
  })

  it('with --group resumes where the group left off', async () => {
    await client.createTopic({ name: 'grouped', partitions: 1, replicationFactor: -1, config: {} })
    await client.produce('grouped', ['1', '2', '3', '4', '5'].map((v) => rec(null, v)))
    const first = testIo()
    expect(await runCli(['consume', 'grouped', '--group', 'g1', '--from-beginning', '--max', '2', '--value-only', '--bootstrap', broker.bootstrap], first)).toBe(0)
    expect(first.outLines).toEqual(['1', '2'])
    const second = testIo()
    expect(await runCli(['consume', 'grouped', '--group', 'g1', '--from-beginning', '--max', '3', '--value-only', '--bootstrap', broker.bootstrap], second)).toBe(0)
    expect(second.outLines).toEqual(['3', '4', '5'])
  })

  it('exits 1 for a topic that does not exist and 2 for bad usage', async () => {
    const missing = testIo()
    expect(await runCli(['consume', 'nope', '--bootstrap', broker.bootstrap], missing)).toBe(1)
    expect(missing.errLines[0]).toMatch(/Topic nope does not exist/)
    const noTopic = testIo()
    expect(await runCli(['consume'], noTopic)).toBe(2)
    const badMax = testIo()
    expect(await runCli(['consume', 'events', '--max', '0'], badMax)).toBe(2)
    expect(badMax.errLines[0]).toMatch(/--max: expected an integer >= 1 \(got "0"\)/)
  })
})
