import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../../src/broker/index.js'
import { createProduceCommand } from '../../../src/cli/commands/produce-command.js'
import { runCli } from '../../../src/cli/main.js'
import { startTestBroker } from '../../e2e/broker-harness.js'
import { testIo } from '../helpers/cli-test-io.js'

/** The produce command reading `text` as its standard input. */
function produceWith(text: string) {
  return createProduceCommand({ stdin: () => Readable.from([Buffer.from(text)]) })
}

/** Every record of `topic` as printed by `tributary consume`. */
async function consumeAll(bootstrap: string, topic: string, max: number, extra: string[] = []): Promise<string[]> {
  const io = testIo()
  expect(await runCli(['consume', topic, '--bootstrap', bootstrap, '--from-beginning', '--max', String(max), ...extra], io)).toBe(0)
  return io.outLines
}

describe('tributary produce', () => {
  let broker: Broker

  beforeAll(async () => {
    broker = await startTestBroker()
  })

  afterAll(async () => {
    await broker?.stop()
  })

  it('sends each line as a record with a null key', async () => {
    await runCli(['topics', 'create', 'lines', '--bootstrap', broker.bootstrap], testIo())
    const io = testIo()
    expect(await produceWith('first line\nsecond line\n\nlast without newline').run(['lines', '--bootstrap', broker.bootstrap], io)).toBe(0)
    expect(io.outLines).toEqual(['Produced 4 records to lines.'])
    expect(await consumeAll(broker.bootstrap, 'lines', 4)).toEqual(['null\tfirst line', 'null\tsecond line', 'null\t', 'null\tlast without newline'])
  })

  it('splits key and value at the first --key-separator and keeps per-key order in one partition', async () => {
    await runCli(['topics', 'create', 'keyed', '--partitions', '3', '--bootstrap', broker.bootstrap], testIo())
    const input = Array.from({ length: 30 }, (_, i) => `k${i % 3}:v${i}:x`).join('\n')
    expect(await produceWith(input).run(['keyed', '--key-separator', ':', '--bootstrap', broker.bootstrap], testIo())).toBe(0)
    const lines = await consumeAll(broker.bootstrap, 'keyed', 30)
    expect(lines).toHaveLength(30)
    for (const k of ['k0', 'k1', 'k2']) {
      const values = lines.filter((l) => l.startsWith(`${k}\t`)).map((l) => l.slice(k.length + 1))
      expect(values).toEqual(Array.from({ length: 10 }, (_, j) => `v${j * 3 + Number(k[1])}:x`))
    }
  })

  it('encodes values with --value-format long, as Serdes.Long() reads them', async () => {
    await runCli(['topics', 'create', 'longs', '--bootstrap', broker.bootstrap], testIo())
    expect(await produceWith('a=1\nb=-42\nc=9007199254740993').run(['longs', '--key-separator', '=', '--value-format', 'long', '--bootstrap', broker.bootstrap], testIo())).toBe(0)
    expect(await consumeAll(broker.bootstrap, 'longs', 3, ['--value-format', 'long'])).toEqual(['a\t1', 'b\t-42', 'c\t9007199254740993'])
    expect(await consumeAll(broker.bootstrap, 'longs', 1, ['--value-format', 'hex'])).toEqual(['a\t0000000000000001'])
  })

  it('fails with exit 1 naming the line without a separator, after sending the lines before it', async () => {
    await runCli(['topics', 'create', 'partial', '--bootstrap', broker.bootstrap], testIo())
    const io = testIo()
    expect(await produceWith('a:1\nno separator here\nb:2').run(['partial', '--key-separator', ':', '--bootstrap', broker.bootstrap], io)).toBe(1)
    expect(io.errLines.join('\n')).toMatch(/no key separator ":" on line 2/)
    expect(await consumeAll(broker.bootstrap, 'partial', 1, ['--timeout-ms', '1500'])).toEqual(['a\t1'])
  })

  it('fails with exit 1 for a topic that does not exist (no auto-creation)', async () => {
    const io = testIo()
    expect(await produceWith('x').run(['no-such-topic', '--bootstrap', broker.bootstrap], io)).toBe(1)
    expect(io.errLines.join('\n')).toMatch(/produce failed/)
  })

  it('exits 2 for bad usage and 1 for a line that is not a value of --value-format', async () => {
    const noTopic = testIo()
    expect(await produceWith('').run(['--bootstrap', broker.bootstrap], noTopic)).toBe(2)
    expect(noTopic.errLines[0]).toMatch(/expected exactly one topic/)
    const badFormat = testIo()
    expect(await produceWith('').run(['t', '--value-format', 'xml'], badFormat)).toBe(2)
    expect(badFormat.errLines[0]).toMatch(/--value-format: expected one of string, long, int, double, hex, base64 \(got "xml"\)/)
    const badValue = testIo()
    expect(await produceWith('k:5\nk:notanumber').run(['longs', '--key-separator', ':', '--value-format', 'long', '--bootstrap', broker.bootstrap], badValue)).toBe(1)
    expect(badValue.errLines[0]).toBe('tributary produce: line 2: --value-format long: cannot encode "notanumber"')
  })
})
