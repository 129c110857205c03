import { Kafka, logLevel } from 'kafkajs'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeResponseBody, encodeRequest, validateRecordSet } from '../../src/broker/protocol/index.js'
import { tempDir } from '../helpers/temp-dir.js'
import { RawClient } from '../broker/server/raw-client.js'
import { listeningPort, runCliProcess, type CliProcess } from './broker-process.js'

const TOPIC = 'crash-test'
const PARTITIONS = 3

function kafkaAt(port: number): Kafka {
  return new Kafka({
    clientId: 'crash-test',
    brokers: [`127.0.0.1:${port}`],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 2000,
    requestTimeout: 5000,
  })
}

/** Reads every partition from the start with raw Fetch v11 requests and checks each stored batch (CRC included). */
async function fetchAllRaw(port: number): Promise<{ batches: number; corrupt: string[] }> {
  const client = await RawClient.connect(port)
  try {
    client.sendRaw(
      encodeRequest(1, 11, 1, 'crash-check', {
        replicaId: -1,
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 256 * 1024 * 1024,
        isolationLevel: 0,
        topics: [
          {
            topic: TOPIC,
            partitions: Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, fetchOffset: 0n, partitionMaxBytes: 128 * 1024 * 1024 })),
          },
        ],
      }),
    )
    const [frame] = await client.waitForFrames(1, 10_000)
    const response = decodeResponseBody(1, 11, frame!.subarray(4))
    let batches = 0
    const corrupt: string[] = []
    for (const p of response.responses[0]!.partitions) {
      if (p.errorCode !== 0) corrupt.push(`partition ${p.partitionIndex}: error ${p.errorCode}`)
      if (p.records === null || p.records.length === 0) continue
      const check = validateRecordSet(p.records, { fromClient: false })
      if (check.errorCode !== 0) corrupt.push(`partition ${p.partitionIndex}: ${check.errorMessage}`)
      batches += check.batches.length
    }
    return { batches, corrupt }
  } finally {
    client.close()
  }
}

describe('broker process killed with SIGKILL', () => {
  const processes: CliProcess[] = []

  afterEach(async () => {
    for (const p of processes.splice(0)) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGKILL')
        await p.exited
      }
    }
  })

  it('keeps every record acknowledged with acks=-1, uncorrupted, after a restart on the same data dir', async () => {
    const dir = await tempDir()
    try {
      const first = await runCliProcess(['broker', '--port', '0', '--data-dir', dir.path])
      processes.push(first)
      const port = await listeningPort(first)
      const kafka = kafkaAt(port)
      const admin = kafka.admin()
      await admin.connect()
      await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }] })
      await admin.disconnect()

      // Four producers add keyed load until the broker dies; a fifth sends to explicit partitions and
      // remembers every record acknowledged with acks=-1 (partition, offset, value).
      const acked = new Map<string, string>() // `${partition}:${offset}` -> value
      let stop = false
      const loops = Array.from({ length: 4 }, async (_, w) => {
        const producer = kafka.producer({ retry: { retries: 0 } })
        await producer.connect()
        for (let n = 0; !stop; n++) {
          const messages = Array.from({ length: 50 }, (_, i) => ({ key: `w${w}-${i % 7}`, value: `w${w}-n${n}-i${i}` }))
          try {
            await producer.send({ topic: TOPIC, acks: -1, messages })
          } catch {
            break
          }
        }
        await producer.disconnect().catch(() => {})
      })
      const tracker = kafka.producer({ retry: { retries: 0 } })
      await tracker.connect()
      const tracked = (async () => {
        for (let n = 0; !stop; n++) {
          const partition = n % PARTITIONS
          const values = Array.from({ length: 20 }, (_, i) => `t-n${n}-i${i}`)
          try {
            const [meta] = await tracker.send({ topic: TOPIC, acks: -1, messages: values.map((value) => ({ value, partition })) })
            const base = BigInt(meta!.baseOffset!)
            values.forEach((value, i) => acked.set(`${partition}:${base + BigInt(i)}`, value))
          } catch {
            break
          }
        }
      })()

      const deadline = Date.now() + 20_000
      while (acked.size < 3000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
      expect(acked.size).toBeGreaterThanOrEqual(3000)
      first.child.kill('SIGKILL')
      expect(await first.exited).toBe('SIGKILL')
      stop = true
      await Promise.all([...loops, tracked])
      await tracker.disconnect().catch(() => {})

      // Restart on the same directory (the dead process's lock is taken over).
      const second = await runCliProcess(['broker', '--port', '0', '--data-dir', dir.path])
      processes.push(second)
      const port2 = await listeningPort(second)

      const raw = await fetchAllRaw(port2)
      expect(raw.corrupt).toEqual([])
      expect(raw.batches).toBeGreaterThan(0)

      const kafka2 = kafkaAt(port2)
      const admin2 = kafka2.admin()
      await admin2.connect()
      const ends = await admin2.fetchTopicOffsets(TOPIC)
      await admin2.disconnect()
      const total = ends.reduce((n, p) => n + Number(p.high), 0)

      const seen = new Map<string, string>()
      const consumer = kafka2.consumer({ groupId: 'crash-check', maxWaitTimeInMs: 100, readUncommitted: true })
      await consumer.connect()
      await consumer.subscribe({ topic: TOPIC, fromBeginning: true })
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`consumed ${seen.size} of ${total}`)), 30_000)
        void consumer.run({
          eachBatch: async ({ batch }) => {
            for (const m of batch.messages) seen.set(`${batch.partition}:${m.offset}`, m.value!.toString())
            if (seen.size >= total) {
              clearTimeout(timer)
              resolve()
            }
          },
        })
      })
      await consumer.disconnect()

      const missing = [...acked].filter(([at, value]) => seen.get(at) !== value)
      expect(missing).toEqual([])
      // Offsets are dense: nothing lost in the middle of a partition.
      for (const p of ends) {
        for (let o = 0; o < Number(p.high); o++) expect(seen.has(`${p.partition}:${o}`)).toBe(true)
      }
      second.child.kill('SIGTERM')
      expect(await second.exited).toBe(0)
    } finally {
      await dir.cleanup()
    }
  }, 90_000)
})
