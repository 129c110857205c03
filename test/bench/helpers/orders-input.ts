/**
 * The orders input of the end-to-end benchmarks (as B5): `records` orders with a 10-byte customer
 * key (`c000000042`, `customers` distinct keys, round robin) and a 100-byte value, produced by
 * kafkajs in 1,000-message sends (5 in flight) round robin over `partitions` partitions.
 */
import type { Kafka } from 'kafkajs'

/** The customer key of order `i`. */
export function customerKey(i: number, customers: number): string {
  return `c${String(i % customers).padStart(9, '0')}`
}

/** Produces the orders to `topic` (which must exist with `partitions` partitions). */
export async function produceOrders(kafka: Kafka, topic: string, records: number, partitions: number, customers: number): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  await producer.connect()
  try {
    const value = Buffer.alloc(100, 'o')
    const sends: Promise<unknown>[] = []
    for (let start = 0; start < records; start += 1000) {
      const messages = []
      for (let i = start; i < Math.min(records, start + 1000); i++) messages.push({ key: customerKey(i, customers), value, partition: i % partitions })
      sends.push(producer.send({ topic, acks: 1, messages }))
      if (sends.length >= 5) await sends.shift()
    }
    await Promise.all(sends)
  } finally {
    await producer.disconnect()
  }
}
