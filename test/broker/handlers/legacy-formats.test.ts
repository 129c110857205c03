import { gzipSync, crc32 as zlibCrc32 } from 'node:zlib'
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Broker } from '../../../src/broker/index.js'
import { ErrorCode } from '../../../src/broker/protocol/index.js'
import { silentLogger } from '../../../src/logging/index.js'
import { WireClient } from './wire-client.js'

// Hand-built legacy (magic 0/1) messages, written independently of the broker's codec.
interface Msg {
  key: string | null
  value: string | null
  timestamp?: bigint
}

function bytesField(s: string | Buffer | null): Buffer {
  if (s === null) return int32(-1)
  const b = typeof s === 'string' ? Buffer.from(s) : s
  return Buffer.concat([int32(b.length), b])
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}

function entry(offset: bigint, magic: 0 | 1, attributes: number, timestamp: bigint, key: string | Buffer | null, value: string | Buffer | null): Buffer {
  const ts = Buffer.alloc(magic === 1 ? 8 : 0)
  if (magic === 1) ts.writeBigInt64BE(timestamp)
  const body = Buffer.concat([Buffer.from([magic, attributes]), ts, bytesField(key), bytesField(value)])
  const head = Buffer.alloc(16)
  head.writeBigInt64BE(offset, 0)
  head.writeInt32BE(body.length + 4, 8)
  head.writeUInt32BE(zlibCrc32(body), 12)
  return Buffer.concat([head, body])
}

function messageSet(magic: 0 | 1, msgs: Msg[]): Buffer {
  return Buffer.concat(msgs.map((m, i) => entry(BigInt(i), magic, 0, m.timestamp ?? -1n, m.key, m.value)))
}

function gzipMessageSet(magic: 1, msgs: Msg[]): Buffer {
  const inner = messageSet(magic, msgs)
  const lastTs = msgs.reduce((a, m) => (m.timestamp !== undefined && m.timestamp > a ? m.timestamp : a), -1n)
  return entry(BigInt(msgs.length - 1), magic, 1, lastTs, null, gzipSync(inner))
}

interface ParsedMessage {
  offset: bigint
  magic: number
  attributes: number
  timestamp: bigint | null
  key: string | null
  value: string | null
  crcOk: boolean
}

/** Parses a legacy message set; stops at a trailing partial message (as old clients do). */
function parseMessageSet(buf: Buffer): { messages: ParsedMessage[]; trailing: number } {
  const messages: ParsedMessage[] = []
  let pos = 0
  while (buf.length - pos >= 12) {
    const size = buf.readInt32BE(pos + 8)
    if (pos + 12 + size > buf.length) break
    const m = buf.subarray(pos + 12, pos + 12 + size)
    const magic = m.readInt8(4)
    let p = 6
    let timestamp: bigint | null = null
    if (magic === 1) {
      timestamp = m.readBigInt64BE(p)
      p += 8
    }
    const readField = (): string | null => {
      const len = m.readInt32BE(p)
      p += 4
      if (len < 0) return null
      const s = m.subarray(p, p + len).toString()
      p += len
      return s
    }
    const key = readField()
    const value = readField()
    messages.push({ offset: buf.readBigInt64BE(pos), magic, attributes: m.readInt8(5), timestamp, key, value, crcOk: m.readUInt32BE(0) === zlibCrc32(m.subarray(4)) })
    pos += 12 + size
  }
  return { messages, trailing: buf.length - pos }
}

function produceV(topic: string, records: Buffer) {
  return { transactionalId: null, acks: -1, timeoutMs: 1000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] }
}

function fetchV(topic: string, fetchOffset: bigint, partitionMaxBytes = 1024 * 1024) {
  return {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 50 * 1024 * 1024,
    isolationLevel: 0,
    topics: [{ topic, partitions: [{ partition: 0, fetchOffset, partitionMaxBytes }] }],
  }
}

describe('legacy message formats (magic 0/1) over the wire: Produce v0/v2 up-conversion, Fetch v0-v3 down-conversion', () => {
  let broker: Broker
  let client: WireClient
  let kafka: Kafka

  beforeAll(async () => {
    broker = await Broker.start({ host: '127.0.0.1', port: 0, logger: silentLogger, autoCreateTopics: false, groupInitialRebalanceDelayMs: 0 })
    client = await WireClient.connect(broker.address.port)
    const topics = ['old-in', 'old-in-v0', 'old-gzip', 'new-in', 'append-time', 'bad', 'small']
    const configs: Record<string, { name: string; value: string }[]> = {
      'append-time': [{ name: 'message.timestamp.type', value: 'LogAppendTime' }],
      small: [{ name: 'max.message.bytes', value: '1000' }],
    }
    const created = await client.request(19, 3, {
      topics: topics.map((name) => ({ name, numPartitions: 1, replicationFactor: 1, configs: configs[name] ?? [] })),
      timeoutMs: 1000,
    })
    expect(created.topics.map((t) => t.errorCode)).toEqual(topics.map(() => 0))
    kafka = new Kafka({ clientId: 'legacy-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3, initialRetryTime: 50 } })
  })

  afterAll(async () => {
    client?.close()
    await broker?.stop()
  })

  async function consumeAll(topic: string, count: number): Promise<KafkaMessage[]> {
    const consumer = kafka.consumer({ groupId: `reader-${topic}`, maxWaitTimeInMs: 100 })
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    const got: KafkaMessage[] = []
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          got.push(message)
          if (got.length >= count) resolve()
        },
      })
    })
    await consumer.disconnect()
    return got
  }

  it('up-converts Produce v2 magic-1 message sets to v2 batches that kafkajs reads with offsets, keys, values and timestamps', async () => {
    const first = await client.request(0, 2, produceV('old-in', messageSet(1, [
      { key: 'k1', value: 'v1', timestamp: 1_700_000_000_001n },
      { key: null, value: 'v2', timestamp: 1_700_000_000_002n },
      { key: 'k3', value: null, timestamp: 1_700_000_000_003n },
    ])))
    expect(first.responses[0]!.partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 0n, logAppendTimeMs: -1n })
    const second = await client.request(0, 2, produceV('old-in', messageSet(1, [{ key: 'k4', value: 'v4', timestamp: 1_700_000_000_004n }])))
    expect(second.responses[0]!.partitionResponses[0]!.baseOffset).toBe(3n)

    const got = await consumeAll('old-in', 4)
    expect(got.map((m) => [m.offset, m.key?.toString() ?? null, m.value?.toString() ?? null, m.timestamp])).toEqual([
      ['0', 'k1', 'v1', '1700000000001'],
      ['1', null, 'v2', '1700000000002'],
      ['2', 'k3', null, '1700000000003'],
      ['3', 'k4', 'v4', '1700000000004'],
    ])
  })

  it('up-converts Produce v0 magic-0 message sets with no timestamp (-1)', async () => {
    const res = await client.request(0, 0, produceV('old-in-v0', messageSet(0, [{ key: 'a', value: 'x' }, { key: 'b', value: 'y' }])))
    expect(res.responses[0]!.partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 0n })
    const got = await consumeAll('old-in-v0', 2)
    expect(got.map((m) => [m.offset, m.key?.toString(), m.value?.toString(), m.timestamp])).toEqual([
      ['0', 'a', 'x', '-1'],
      ['1', 'b', 'y', '-1'],
    ])
  })

  it('unpacks gzip wrapper messages (Produce v2) and reads them back through Fetch v2', async () => {
    const msgs = [1, 2, 3, 4, 5].map((i) => ({ key: `g${i}`, value: `gzip-${i}`, timestamp: 1_700_000_000_000n + BigInt(i) }))
    const res = await client.request(0, 2, produceV('old-gzip', gzipMessageSet(1, msgs)))
    expect(res.responses[0]!.partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 0n })
    const fetched = await client.request(1, 2, fetchV('old-gzip', 2n))
    const parsed = parseMessageSet(fetched.responses[0]!.partitions[0]!.records!)
    expect(parsed.trailing).toBe(0)
    expect(parsed.messages.map((m) => [m.offset, m.magic, m.key, m.value, m.timestamp, m.crcOk])).toEqual([
      [2n, 1, 'g3', 'gzip-3', 1_700_000_000_003n, true],
      [3n, 1, 'g4', 'gzip-4', 1_700_000_000_004n, true],
      [4n, 1, 'g5', 'gzip-5', 1_700_000_000_005n, true],
    ])
  })

  it('down-converts kafkajs batches (plain and gzip) to magic 1 for Fetch v2 and magic 0 for Fetch v0, with CRC-32', async () => {
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({ topic: 'new-in', messages: [{ key: 'n0', value: 'zero', timestamp: '1700000000100' }, { key: null, value: 'one', timestamp: '1700000000101' }] })
    await producer.send({ topic: 'new-in', compression: 1, messages: [{ key: 'n2', value: 'two', timestamp: '1700000000102', headers: { h: 'dropped' } }] })
    await producer.disconnect()

    const v2 = await client.request(1, 2, fetchV('new-in', 0n))
    const p2 = v2.responses[0]!.partitions[0]!
    expect(p2).toMatchObject({ errorCode: 0, highWatermark: 3n })
    const m1 = parseMessageSet(p2.records!)
    expect(m1.trailing).toBe(0)
    expect(m1.messages).toEqual([
      { offset: 0n, magic: 1, attributes: 0, timestamp: 1_700_000_000_100n, key: 'n0', value: 'zero', crcOk: true },
      { offset: 1n, magic: 1, attributes: 0, timestamp: 1_700_000_000_101n, key: null, value: 'one', crcOk: true },
      { offset: 2n, magic: 1, attributes: 0, timestamp: 1_700_000_000_102n, key: 'n2', value: 'two', crcOk: true },
    ])

    const v0 = await client.request(1, 0, fetchV('new-in', 1n))
    const m0 = parseMessageSet(v0.responses[0]!.partitions[0]!.records!)
    expect(m0.messages).toEqual([
      { offset: 1n, magic: 0, attributes: 0, timestamp: null, key: null, value: 'one', crcOk: true },
      { offset: 2n, magic: 0, attributes: 0, timestamp: null, key: 'n2', value: 'two', crcOk: true },
    ])
  })

  it('cuts the converted set at partition_max_bytes (a trailing partial message), and v3 keeps the first message whole', async () => {
    // A magic-1 message with key 'n0' and value 'zero' takes 12 + 22 + 2 + 4 = 40 bytes.
    const cut = await client.request(1, 2, fetchV('new-in', 0n, 60))
    const records = cut.responses[0]!.partitions[0]!.records!
    expect(records.length).toBe(60)
    const parsed = parseMessageSet(records)
    expect(parsed.messages.map((m) => m.offset)).toEqual([0n])
    expect(parsed.trailing).toBe(20)

    const tiny = await client.request(1, 3, { ...fetchV('new-in', 0n, 10), maxBytes: 10 })
    const whole = parseMessageSet(tiny.responses[0]!.partitions[0]!.records!)
    expect(whole.messages.map((m) => [m.offset, m.value])).toEqual([[0n, 'zero']])
    expect(whole.trailing).toBe(0)
  })

  it('gives magic-1 messages of a LogAppendTime topic the append time and the timestamp-type attribute', async () => {
    const before = BigInt(Date.now())
    const res = await client.request(0, 2, produceV('append-time', messageSet(1, [{ key: 'k', value: 'v', timestamp: 5n }])))
    const appendTime = res.responses[0]!.partitionResponses[0]!.logAppendTimeMs
    expect(appendTime).toBeGreaterThanOrEqual(before)
    const fetched = await client.request(1, 2, fetchV('append-time', 0n))
    const [m] = parseMessageSet(fetched.responses[0]!.partitions[0]!.records!).messages
    expect(m).toMatchObject({ offset: 0n, attributes: 8, timestamp: appendTime, crcOk: true })
  })

  it('drops control batches when down-converting', async () => {
    const producer = kafka.producer({ transactionalId: 'legacy-txn', maxInFlightRequests: 1, idempotent: true })
    await producer.connect()
    const txn = await producer.transaction()
    await txn.send({ topic: 'new-in', messages: [{ key: 't', value: 'in-txn' }] })
    await txn.commit()
    await producer.disconnect()
    const fetched = await client.request(1, 2, fetchV('new-in', 3n))
    const p = fetched.responses[0]!.partitions[0]!
    expect(p.highWatermark).toBe(5n) // the record and its COMMIT marker
    expect(parseMessageSet(p.records!).messages.map((m) => [m.offset, m.value])).toEqual([[3n, 'in-txn']])
  })

  it('rejects corrupt legacy messages, snappy wrappers and legacy sets in Produce v3+ without appending', async () => {
    const corrupt = messageSet(1, [{ key: 'k', value: 'v', timestamp: 1n }])
    corrupt.writeUInt8(corrupt.readUInt8(corrupt.length - 1) ^ 0xff, corrupt.length - 1)
    const bad = await client.request(0, 2, produceV('bad', corrupt))
    expect(bad.responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.CORRUPT_MESSAGE)

    const snappy = entry(0n, 1, 2, 1n, null, Buffer.from('not really snappy'))
    const unsupported = await client.request(0, 2, produceV('bad', snappy))
    expect(unsupported.responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE)

    const v3 = await client.request(0, 3, produceV('bad', messageSet(1, [{ key: 'k', value: 'v', timestamp: 1n }])))
    expect(v3.responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.INVALID_RECORD)

    const fetched = await client.request(1, 2, fetchV('bad', 0n))
    expect(fetched.responses[0]!.partitions[0]).toMatchObject({ errorCode: 0, highWatermark: 0n })
  })

  it('refuses a legacy set whose converted batch exceeds max.message.bytes, as Kafka does, though each message fits', async () => {
    const msgs = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: 'x'.repeat(100), timestamp: 1n }))
    const res = await client.request(0, 2, produceV('small', messageSet(1, msgs)))
    expect(res.responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.MESSAGE_TOO_LARGE)
    const ok = await client.request(0, 2, produceV('small', messageSet(1, msgs.slice(0, 5))))
    expect(ok.responses[0]!.partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 0n })
  })
})
