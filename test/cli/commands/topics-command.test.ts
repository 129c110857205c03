import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../../src/broker/index.js'
import { runCli } from '../../../src/cli/main.js'
import { startTestBroker } from '../../e2e/broker-harness.js'
import { testIo } from '../helpers/cli-test-io.js'

describe('tributary topics', () => {
  let broker: Broker
  let b: string[]

  beforeAll(async () => {
    broker = await startTestBroker({ numPartitions: 2 })
    b = ['--bootstrap', broker.bootstrap]
  })

  afterAll(async () => {
    await broker?.stop()
  })

  it('creates a topic with partitions and configs, describes it and lists it', async () => {
    const io = testIo()
    expect(await runCli(['topics', 'create', 'compacted', '--partitions', '3', '--config', 'cleanup.policy=compact', '--config', 'retention.ms=1000', ...b], io)).toBe(0)
    expect(io.outLines).toEqual(['Created topic compacted.'])

    const described = testIo()
    expect(await runCli(['topics', 'describe', 'compacted', ...b], described)).toBe(0)
    const [header, ...partitions] = described.outLines
    expect(header).toMatch(/^Topic: compacted\tPartitionCount: 3\tReplicationFactor: 1\tConfigs: /)
    expect(header).toContain('cleanup.policy=compact')
    expect(header).toContain('retention.ms=1000')
    expect(partitions).toEqual([0, 1, 2].map((p) => `\tTopic: compacted\tPartition: ${p}\tLeader: 0\tReplicas: 0\tIsr: 0\tStartOffset: 0\tEndOffset: 0`))

    const listed = testIo()
    expect(await runCli(['topics', 'list', ...b], listed)).toBe(0)
    expect(listed.outLines).toContain('compacted')
  })

  it("uses the broker's num.partitions when --partitions is absent", async () => {
    expect(await runCli(['topics', 'create', 'defaulted', ...b], testIo())).toBe(0)
    const io = testIo()
    expect(await runCli(['topics', 'describe', 'defaulted', ...b], io)).toBe(0)
    expect(io.outLines[0]).toMatch(/PartitionCount: 2\t/)
  })

  it('fails with exit 1 when the topic exists, and succeeds with --if-not-exists', async () => {
    expect(await runCli(['topics', 'create', 'twice', ...b], testIo())).toBe(0)
    const again = testIo()
    expect(await runCli(['topics', 'create', 'twice', ...b], again)).toBe(1)
    expect(again.errLines).toEqual(["tributary topics: Topic 'twice' already exists."])
    const tolerant = testIo()
    expect(await runCli(['topics', 'create', 'twice', '--if-not-exists', ...b], tolerant)).toBe(0)
    expect(tolerant.outLines).toEqual(['Topic twice already exists.'])
  })

  it('deletes topics, and exit 1 names a topic that does not exist', async () => {
    expect(await runCli(['topics', 'create', 'doomed', ...b], testIo())).toBe(0)
    const io = testIo()
    expect(await runCli(['topics', 'delete', 'doomed', ...b], io)).toBe(0)
    expect(io.outLines).toEqual(['Deleted topic doomed.'])
    const listed = testIo()
    await runCli(['topics', 'list', ...b], listed)
    expect(listed.outLines).not.toContain('doomed')

    const missing = testIo()
    expect(await runCli(['topics', 'describe', 'doomed', ...b], missing)).toBe(1)
    expect(missing.errLines).toEqual(['tributary topics: unknown topic doomed'])
    const deleteMissing = testIo()
    expect(await runCli(['topics', 'delete', 'doomed', ...b], deleteMissing)).toBe(1)
    expect(deleteMissing.errLines[0]).toMatch(/^tributary topics: deleteTopics failed: /)
  })

  it('describes every topic when none is named', async () => {
    await runCli(['topics', 'create', 'all-a', ...b], testIo())
    await runCli(['topics', 'create', 'all-b', ...b], testIo())
    const io = testIo()
    expect(await runCli(['topics', 'describe', ...b], io)).toBe(0)
    const headers = io.outLines.filter((l) => l.startsWith('Topic: '))
    expect(headers.some((l) => l.startsWith('Topic: all-a\t'))).toBe(true)
    expect(headers.some((l) => l.startsWith('Topic: all-b\t'))).toBe(true)
  })

  it('exits 2 naming the problem for bad usage', async () => {
    const cases: [string[], RegExp][] = [
      [['topics'], /expected an action: list, create, describe or delete/],
      [['topics', 'rename', 'x'], /unknown action 'rename'/],
      [['topics', 'create', 'x', '--partitions', 'many'], /--partitions: expected an integer from 1 to 1000000 \(got "many"\)/],
      [['topics', 'create', 'x', '--config', 'cleanup.policy'], /--config: expected key=value \(got "cleanup.policy"\)/],
      [['topics', 'create'], /create takes exactly one topic name/],
      [['topics', 'list', '--bootstrap', 'nowhere'], /--bootstrap: expected host:port/],
      [['topics', 'list', '--partitons', '1'], /Unknown option '--partitons'/],
    ]
    for (const [args, message] of cases) {
      const io = testIo()
      expect(await runCli(args, io), args.join(' ')).toBe(2)
      expect(io.errLines.join('\n')).toMatch(message)
    }
  })

  it('exits 1 with a client error when nothing listens at --bootstrap', async () => {
    const io = testIo()
    expect(await runCli(['topics', 'list', '--bootstrap', '127.0.0.1:1'], io)).toBe(1)
    expect(io.errLines[0]).toMatch(/^tributary topics: listTopics failed: /)
  }, 30_000)

  it('prints its usage for --help', async () => {
    const io = testIo()
    expect(await runCli(['topics', '--help'], io)).toBe(0)
    expect(io.outLines[0]).toMatch(/^Usage: tributary topics <list\|create\|describe\|delete>/)
  })
})
