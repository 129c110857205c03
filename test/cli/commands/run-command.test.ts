import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../../src/broker/index.js'
import { CliKafkaClient } from '../../../src/clients/kafkajs/cli-kafka-client.js'
import { runCli } from '../../../src/cli/main.js'
import { startTestBroker } from '../../e2e/broker-harness.js'
import { waitFor } from '../../helpers/wait-for.js'
import { testIo, waitForLine } from '../helpers/cli-test-io.js'

const MODULE = 'test/cli/fixtures/word-count-module.mjs'

function accepts(hostPort: string): Promise<boolean> {
  const [host, port] = hostPort.split(':')
  return new Promise((resolve) => {
    const s = connect(Number(port), host!, () => {
      s.destroy()
      resolve(true)
    })
    s.on('error', () => resolve(false))
  })
}

describe('tributary run', () => {
  let external: Broker

  beforeAll(async () => {
    external = await startTestBroker()
  })

  afterAll(async () => {
    await external?.stop()
  })

  it('starts the bundled broker, creates the source topic, counts words and stops cleanly on the stop signal', async () => {
    const io = testIo()
    const running = runCli(['run', MODULE, '--port', '0'], io)
    try {
      const [, bootstrap] = await waitForLine(io.outLines, /^bundled broker listening on (\S+), in memory$/)
      await waitForLine(io.outLines, /^application word-count-cli: RUNNING$/, 30_000)
      expect(io.outLines).toContain('created source topic streams-plaintext-input')
      const client = new CliKafkaClient([bootstrap!])
      try {
        await client.produce('streams-plaintext-input', ['the cat', 'the dog', 'The end'].map((l) => ({ key: null, value: Buffer.from(l) })))
      } finally {
        await client.close()
      }
      await waitFor(
        async () => {
          const out = testIo()
          await runCli(['consume', 'streams-wordcount-output', '--from-beginning', '--timeout-ms', '500', '--value-format', 'long', '--bootstrap', bootstrap!], out)
          const latest = new Map(out.outLines.map((l) => l.split('\t') as [string, string]))
          return latest.get('the') === '3' && latest.get('cat') === '1' && latest.get('end') === '1'
        },
        { timeoutMs: 30_000, intervalMs: 200, what: 'word counts' },
      )
      io.stop()
      expect(await running).toBe(0)
      expect(io.outLines).toContain('application word-count-cli: NOT_RUNNING')
      expect(await accepts(bootstrap!)).toBe(false)
    } finally {
      io.stop()
      await running
    }
  }, 60_000)

  it('runs against --bootstrap and exits 1 naming a missing source topic (Kafka Streams does not create it)', async () => {
    const io = testIo()
    expect(await runCli(['run', MODULE, '--bootstrap', external.bootstrap, '--application-id', 'wc-missing', '--log-level', 'silent'], io)).toBe(1)
    expect(io.errLines.join('\n')).toMatch(/Missing source topic streams-plaintext-input/)
    expect(io.outLines.some((l) => l.startsWith('bundled broker'))).toBe(false)
  })

  it('exits 1 naming the bad setting when the merged config is invalid', async () => {
    const io = testIo()
    expect(await runCli(['run', MODULE, '--bootstrap', external.bootstrap, '--application-id', 'not valid!', '--log-level', 'silent'], io)).toBe(1)
    expect(io.errLines.join('\n')).toMatch(/applicationId/)
  })

  it('tells the user to compile a TypeScript module first, and exits 2 without a module', async () => {
    const ts = testIo()
    expect(await runCli(['run', 'examples/word-count/topology.ts'], ts)).toBe(1)
    expect(ts.errLines[0]).toMatch(/is TypeScript: compile it first/)
    const none = testIo()
    expect(await runCli(['run'], none)).toBe(2)
    expect(none.errLines[0]).toBe('tributary run: expected exactly one module')
  })
})
