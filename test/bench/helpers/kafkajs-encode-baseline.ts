/**
 * The B3 baseline: kafkajs's own encoding of the Produce requests it would send, without a
 * network. For each batch it runs exactly what `producer.send` runs before writing to the socket:
 * the Produce v7 request of kafkajs's protocol module (record batch v2, CRC-32C, varints) framed by
 * kafkajs's request encoder (size, header, client id). Internal kafkajs modules, loaded by path.
 */
import { createRequire } from 'node:module'
import type { BenchMessage } from './record-file.js'

interface KafkajsEncoder {
  /** The encoded bytes. */
  readonly buffer: Buffer
}
interface KafkajsRequest {
  readonly apiKey: number
  readonly apiVersion: number
  readonly encode: () => Promise<KafkajsEncoder>
}
interface ProduceArgs {
  readonly acks: number
  readonly timeout: number
  readonly compression: number
  readonly topicData: readonly { topic: string; partitions: readonly { partition: number; messages: readonly BenchMessage[] }[] }[]
}
interface ProduceModule {
  readonly protocol: (args: { version: number }) => (args: ProduceArgs) => { request: KafkajsRequest }
}
type CreateRequest = (args: { correlationId: number; clientId: string; request: KafkajsRequest }) => Promise<KafkajsEncoder>

const load = createRequire(import.meta.url)
const produce = load('kafkajs/src/protocol/requests/produce/index.js') as ProduceModule
const createRequest = load('kafkajs/src/protocol/request.js') as CreateRequest

/** The Produce version kafkajs 2.2.4 uses against the bundled broker (protocol.md §1.3). */
const PRODUCE_VERSION = 7

/**
 * Encodes one framed Produce request per batch (acks=1, no compression, one topic-partition) the
 * way kafkajs does, sequentially, and returns the total encoded bytes (so nothing is optimised away).
 */
export async function encodeLikeKafkajs(topic: string, batches: readonly (readonly BenchMessage[])[]): Promise<number> {
  const build = produce.protocol({ version: PRODUCE_VERSION })
  let bytes = 0
  let correlationId = 0
  for (const messages of batches) {
    const { request } = build({ acks: 1, timeout: 30_000, compression: 0, topicData: [{ topic, partitions: [{ partition: 0, messages }] }] })
    const encoded = await createRequest({ correlationId: correlationId++, clientId: 'bench-kafkajs', request })
    bytes += encoded.buffer.length
  }
  return bytes
}
