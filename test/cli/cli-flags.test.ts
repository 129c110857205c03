import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main.js'
import { brokerFlags, consumeFlags, demoFlags, describeFlags, produceFlags, runFlags, topicsFlags } from '../../src/config/cli-flags.js'
import { ConfigError } from '../../src/config/index.js'
import { testIo } from './helpers/cli-test-io.js'

function issuesOf(parse: () => unknown): { key: string; message: string }[] {
  try {
    parse()
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return [...(err as ConfigError).issues]
  }
  throw new Error('expected a ConfigError')
}

describe('CLI flag schemas (src/config/cli-flags.ts)', () => {
  it('apply each command’s defaults when no flag is given', () => {
    expect(consumeFlags.parse({})).toEqual({
      bootstrap: ['127.0.0.1:9092'],
      'from-beginning': false,
      group: undefined,
      max: Number.MAX_SAFE_INTEGER,
      'timeout-ms': 0,
      'key-format': 'string',
      'value-format': 'string',
      'key-separator': undefined,
      'value-only': false,
    })
    expect(produceFlags.parse({})).toEqual({ bootstrap: ['127.0.0.1:9092'], 'key-format': 'string', 'value-format': 'string' })
    expect(topicsFlags.parse({})).toEqual({ bootstrap: ['127.0.0.1:9092'], partitions: -1, 'replication-factor': -1, config: {}, 'if-not-exists': false })
    expect(runFlags.parse({})).toEqual({ bootstrap: null, port: 9092, 'log-level': 'warn' })
    expect(demoFlags.parse({})).toEqual({
      duration: null,
      rate: 300,
      partitions: 4,
      'processing-guarantee': 'exactly_once_v2',
      top: 5,
      bootstrap: null,
      'log-level': 'warn',
    })
    expect(describeFlags.parse({})).toEqual({ format: 'text' })
    expect(brokerFlags.parse({})).toMatchObject({ host: '127.0.0.1', port: 9092 })
  })

  it('convert given values to their types', () => {
    expect(consumeFlags.parse({ bootstrap: 'a:1, b:2', max: '10', 'value-format': 'long', 'from-beginning': true })).toMatchObject({
      bootstrap: ['a:1', 'b:2'],
      max: 10,
      'value-format': 'long',
      'from-beginning': true,
    })
    expect(topicsFlags.parse({ config: ['cleanup.policy=compact', 'x=a=b'] }).config).toEqual({ 'cleanup.policy': 'compact', x: 'a=b' })
    expect(demoFlags.parse({ duration: '.5' }).duration).toBe(0.5)
    expect(brokerFlags.parse({ port: '0', 'data-dir': '/tmp/x', 'log-level': 'silent' })).toMatchObject({ port: 0, dataDir: '/tmp/x', logLevel: 'silent' })
  })

  it('name every bad flag with what it accepts and what was given', () => {
    expect(issuesOf(() => consumeFlags.parse({ max: '0', group: '', 'key-format': 'xml', bootstrap: 'nowhere' }))).toEqual([
      { key: '--bootstrap', message: 'expected host:port or a comma-separated list of them (got "nowhere")' },
      { key: '--group', message: 'expected a non-empty group id (got "")' },
      { key: '--max', message: 'expected an integer >= 1 (got "0")' },
      { key: '--key-format', message: 'expected one of string, long, int, double, hex, base64 (got "xml")' },
    ])
    expect(issuesOf(() => topicsFlags.parse({ config: ['ok=1', 'bad'] }))).toEqual([{ key: '--config', message: 'expected key=value (got "bad")' }])
    expect(issuesOf(() => runFlags.parse({ port: '65536' }))).toEqual([{ key: '--port', message: 'expected an integer from 0 to 65535 (got "65536")' }])
    expect(issuesOf(() => demoFlags.parse({ duration: '-1' }))).toEqual([{ key: '--duration', message: 'expected a positive number (got "-1")' }])
  })

  it('broker flags are checked by the broker config schema, reported under the flag names', () => {
    expect(issuesOf(() => brokerFlags.parse({ port: 'nine', 'data-dir': '', 'log-level': 'loud' })).map((i) => i.key)).toEqual([
      '--port',
      '--data-dir',
      '--log-level',
    ])
  })

  it('broker --override sets any broker config by its Kafka name; bad overrides are named', () => {
    const config = brokerFlags.parse({
      override: ['group.initial.rebalance.delay.ms=0', 'num.partitions=3', 'auto.create.topics.enable=false', 'log.retention.ms=-1'],
    })
    expect(config).toMatchObject({ groupInitialRebalanceDelayMs: 0, numPartitions: 3, autoCreateTopics: false, logRetentionMs: -1 })
    expect(issuesOf(() => brokerFlags.parse({ override: ['num.partitions'] }))).toEqual([{ key: '--override', message: 'expected name=value (got "num.partitions")' }])
    expect(issuesOf(() => brokerFlags.parse({ override: ['no.such.config=1'] }))[0]).toMatchObject({
      key: '--override',
      message: expect.stringMatching(/^unknown broker config "no.such.config" \(known: auto.create.topics.enable, /),
    })
    expect(issuesOf(() => brokerFlags.parse({ override: ['num.partitions=0', 'auto.create.topics.enable=yes'] })).map((i) => i.key)).toEqual([
      '--override auto.create.topics.enable',
      '--override num.partitions',
    ])
  })

  it('a command prints every bad flag on one line and exits 2', async () => {
    const io = testIo()
    expect(await runCli(['consume', 't', '--max', 'x', '--timeout-ms', '0'], io)).toBe(2)
    expect(io.errLines).toEqual(['tributary consume: --max: expected an integer >= 1 (got "x"); --timeout-ms: expected an integer >= 1 (got "0")'])
    const broker = testIo()
    expect(await runCli(['broker', '--port', 'nine'], broker)).toBe(2)
    expect(broker.errLines).toEqual(['tributary broker: --port: expected an integer from 0 to 65535 (got "nine")'])
    const extra = testIo()
    expect(await runCli(['broker', 'extra'], extra)).toBe(2)
    expect(extra.errLines[0]).toMatch(/^tributary broker: Unexpected argument 'extra'/)
  })
})
