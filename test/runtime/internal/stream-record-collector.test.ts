import { describe, expect, it } from 'vitest'
import { Headers } from '../../../processor-api/headers.js'
import { silentLogger } from '../../../src/logging/index.js'
import { defaultPartition } from '../../../src/runtime/internal/murmur2.js'
import { producerBufferBytesOf, StreamRecordCollector, type SendErrorDecision } from '../../../src/runtime/internal/stream-record-collector.js'
import type { PartitionAck, ProducerPort, ProducerRecord } from '../../../src/runtime/ports.js'

class FakeProducer implements ProducerPort {
  readonly transactional = false
  readonly sends: ProducerRecord[][] = []
  private readonly next = new Map<string, number>()
  fail: Error | null = null
  /** When set, sends wait for it (a slow broker). */
  gate: Promise<void> | null = null

  async connect(): Promise<void> {}
  async send(records: readonly ProducerRecord[]): Promise<PartitionAck[]> {
    if (this.gate !== null) await this.gate
    if (this.fail !== null) throw this.fail
    this.sends.push([...records])
    const acks = new Map<string, PartitionAck>()
    for (const r of records) {
      const k = `${r.topic}-${r.partition}`
      const offset = this.next.get(k) ?? 0
      this.next.set(k, offset + 1)
      acks.set(k, { topic: r.topic, partition: r.partition!, lastOffset: offset })
    }
    return [...acks.values()]
  }
  async beginTransaction(): Promise<void> {}
  async sendOffsetsToTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async abortTransaction(): Promise<void> {}
  async close(): Promise<void> {}
}

function collector(
  producer: FakeProducer,
  options: { batchSize?: number; decision?: SendErrorDecision; counts?: Map<string, number>; maxPendingBytes?: number } = {},
) {
  let beforeSends = 0
  const c = new StreamRecordCollector({
    producer: () => producer,
    partitionCounts: options.counts ?? new Map([['out', 4], ['log', 2]]),
    batchSize: options.batchSize ?? 100,
    maxPendingBytes: options.maxPendingBytes ?? 32 * 1024 * 1024,
    beforeSend: async () => {
      beforeSends++
    },
    onSendError: () => options.decision ?? 'fail',
    logger: silentLogger,
  })
  return { c, beforeSends: () => beforeSends }
}

const rec = (topic: string, key: string | null, partition: number | null = null) => ({
  topic,
  partition,
  key: key === null ? null : Buffer.from(key),
  value: Buffer.from('v'),
  timestamp: 5,
  headers: new Headers(),
})

describe('StreamRecordCollector', () => {
  it('bounds what is pending: awaitCapacity waits for acknowledgements past maxPendingBytes (buffer.memory)', async () => {
    const p = new FakeProducer()
    let release!: () => void
    p.gate = new Promise<void>((resolve) => (release = resolve))
    // Each record is estimated at 700 bytes plus key and value: 10 of them exceed 7,000 bytes.
    const { c } = collector(p, { batchSize: 4, maxPendingBytes: 7000 })
    for (let i = 0; i < 9; i++) c.send(rec('out', `k${i}`, 0))
    await c.awaitCapacity() // under the bound: returns at once
    c.send(rec('out', 'k9', 0))
    expect(c.pendingSize).toBeGreaterThan(7000)
    let resumed = false
    const waiting = c.awaitCapacity().then(() => (resumed = true))
    await new Promise((r) => setImmediate(r))
    expect(resumed).toBe(false)
    release()
    await waiting
    expect(c.pendingSize).toBeLessThanOrEqual(7000)
    await c.flush()
    expect(c.pendingSize).toBe(0)
    expect(p.sends.flat()).toHaveLength(10)
  })

  it('reads the bound from buffer.memory settings, as Kafka Streams passes producer configs', () => {
    expect(producerBufferBytesOf({ 'producer.buffer.memory': '1048576' })).toBe(1048576)
    expect(producerBufferBytesOf({ 'buffer.memory': 2048 })).toBe(2048)
    expect(producerBufferBytesOf({})).toBe(32 * 1024 * 1024)
    expect(producerBufferBytesOf({ 'buffer.memory': 'lots' })).toBe(32 * 1024 * 1024)
  })

  it('buffers until flush, then sends once and reports the last acknowledged offset per partition', async () => {
    const p = new FakeProducer()
    const { c, beforeSends } = collector(p)
    c.send(rec('log', 'a', 1))
    c.send(rec('log', 'b', 1))
    c.send(rec('log', 'c', 0))
    expect(p.sends).toHaveLength(0)
    expect(c.pendingRecords).toBe(3)
    await c.flush()
    expect(p.sends).toHaveLength(1)
    expect(beforeSends()).toBe(1)
    expect(c.lastOffset('log', 1)).toBe(1)
    expect(c.lastOffset('log', 0)).toBe(0)
    expect(c.lastOffset('log', 2)).toBeNull()
    expect(c.pendingRecords).toBe(0)
  })

  it('sends in the background once a batch is full, keeping order', async () => {
    const p = new FakeProducer()
    const { c } = collector(p, { batchSize: 2 })
    for (const k of ['a', 'b', 'c']) c.send(rec('log', k, 0))
    await c.flush()
    expect(p.sends.map((s) => s.map((r) => r.key!.toString()))).toEqual([['a', 'b'], ['c']])
    expect(c.lastOffset('log', 0)).toBe(2)
  })

  it("partitions keyed records with Kafka's default partitioner and null keys round-robin", async () => {
    const p = new FakeProducer()
    const { c } = collector(p)
    c.send(rec('out', 'customer-7'))
    c.send(rec('out', null))
    c.send(rec('out', null))
    c.send(rec('unknown-topic', 'k'))
    await c.flush()
    const [sent] = p.sends
    expect(sent![0]!.partition).toBe(defaultPartition(Buffer.from('customer-7'), 4))
    expect([sent![1]!.partition, sent![2]!.partition]).toEqual([0, 1])
    expect(sent![3]!.partition).toBeNull()
    expect(c.partitionsFor('out')).toBe(4)
    expect(c.partitionsFor('unknown-topic')).toBeNull()
  })

  it('sends promptly when asked and no send is in flight; records buffered during a send follow when it completes', async () => {
    const p = new FakeProducer()
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const send = p.send.bind(p)
    p.send = async (records) => {
      await gate
      return send(records)
    }
    const { c } = collector(p)
    c.send(rec('log', 'a', 0))
    c.sendBuffered()
    c.send(rec('log', 'b', 0))
    c.send(rec('log', 'c', 0))
    c.sendBuffered() // a send is in flight: b and c wait for it
    expect(c.pendingRecords).toBe(3)
    release()
    await new Promise((r) => setTimeout(r, 10))
    expect(p.sends.map((s) => s.map((r) => r.key!.toString()))).toEqual([['a'], ['b', 'c']])
    expect(c.pendingRecords).toBe(0)
    expect(c.lastOffset('log', 0)).toBe(2)
    await c.flush()
    expect(p.sends).toHaveLength(2)
  })

  it('flush waits for sends started by a completing send', async () => {
    const p = new FakeProducer()
    const { c } = collector(p)
    c.send(rec('log', 'a', 0))
    c.sendBuffered()
    c.send(rec('log', 'b', 0))
    await c.flush()
    expect(p.sends.flat().map((r) => r.key!.toString())).toEqual(['a', 'b'])
    expect(c.pendingRecords).toBe(0)
  })

  it('throws a failed send from flush, or drops it when the handler says continue', async () => {
    const p = new FakeProducer()
    p.fail = new Error('RECORD_TOO_LARGE')
    const failing = collector(p).c
    failing.send(rec('log', 'a', 0))
    await expect(failing.flush()).rejects.toThrow('RECORD_TOO_LARGE')
    const lenient = collector(p, { decision: 'continue' }).c
    lenient.send(rec('log', 'a', 0))
    await expect(lenient.flush()).resolves.toBeUndefined()
  })

  it('abandons buffered records and failures', async () => {
    const p = new FakeProducer()
    const { c } = collector(p)
    c.send(rec('log', 'a', 0))
    await c.abandon()
    await c.flush()
    expect(p.sends).toHaveLength(0)
  })
})
