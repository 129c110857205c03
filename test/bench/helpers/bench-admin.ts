/**
 * Topic setup and checks for the broker benchmarks, through kafkajs's admin client (outside the
 * timed sections).
 */
import { Kafka, logLevel } from 'kafkajs'

/** Creates `topic` with `partitions` partitions and waits until it is visible. */
export async function createTopic(bootstrap: string, topic: string, partitions = 1): Promise<void> {
  const admin = new Kafka({ brokers: [bootstrap], clientId: 'bench-admin', logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true })
  } finally {
    await admin.disconnect()
  }
}

/** The high watermark of `topic` partition `partition` (how many records the broker acknowledged). */
export async function highWatermark(bootstrap: string, topic: string, partition = 0): Promise<number> {
  const admin = new Kafka({ brokers: [bootstrap], clientId: 'bench-admin', logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    const offsets = await admin.fetchTopicOffsets(topic)
    const p = offsets.find((o) => o.partition === partition)
    if (p === undefined) throw new Error(`no partition ${partition} in ${topic}`)
    return Number(p.high)
  } finally {
    await admin.disconnect()
  }
}
