import type { IHeaders } from 'kafkajs'
import { offsetOf } from './convert.js'

/** One record of a raw kafkajs Fetch response, with the batch facts needed for read_committed. */
export interface FetchedMessage {
  readonly offset: string
  readonly timestamp: string
  readonly key: Buffer | null
  readonly value: Buffer | null
  readonly headers: IHeaders | undefined
  readonly isControlRecord: boolean
  readonly inTransaction: boolean
  readonly producerId: string
}

/** One partition of a raw kafkajs Fetch response. */
export interface FetchedPartition {
  readonly topic: string
  readonly partition: number
  readonly highWatermark: number
  /** -1 when the broker did not send one (old Fetch versions). */
  readonly lastStableOffset: number
  readonly abortedTransactions: readonly { readonly producerId: string; readonly firstOffset: number }[]
  readonly messages: readonly FetchedMessage[]
}

type Obj = { readonly [k: string]: unknown }

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null
const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : [])
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback)
const buf = (v: unknown): Buffer | null => (Buffer.isBuffer(v) ? v : null)

/**
 * Narrows the untyped result of kafkajs's `Broker.fetch` (decoded `{ responses: [{ topicName,
 * partitions: [...] }] }`) into typed partitions; anything unexpected is skipped.
 */
export function readFetchResponse(response: unknown): FetchedPartition[] {
  const out: FetchedPartition[] = []
  if (!isObj(response)) return out
  for (const t of arr(response['responses'])) {
    if (!isObj(t) || typeof t['topicName'] !== 'string') continue
    const topic = t['topicName']
    for (const p of arr(t['partitions'])) {
      if (!isObj(p) || typeof p['partition'] !== 'number') continue
      const messages: FetchedMessage[] = []
      for (const m of arr(p['messages'])) {
        if (!isObj(m)) continue
        const ctx = isObj(m['batchContext']) ? m['batchContext'] : {}
        messages.push({
          offset: str(m['offset'], '-1'),
          timestamp: str(m['timestamp'], '-1'),
          key: buf(m['key']),
          value: buf(m['value']),
          headers: isObj(m['headers']) ? (m['headers'] as IHeaders) : undefined,
          isControlRecord: m['isControlRecord'] === true,
          inTransaction: ctx['inTransaction'] === true,
          producerId: str(ctx['producerId'], '-1'),
        })
      }
      out.push({
        topic,
        partition: p['partition'],
        highWatermark: offsetOf(str(p['highWatermark'], '-1')),
        lastStableOffset: offsetOf(str(p['lastStableOffset'], '-1')),
        abortedTransactions: arr(p['abortedTransactions'])
          .filter(isObj)
          .map((a) => ({ producerId: str(a['producerId'], '-1'), firstOffset: offsetOf(str(a['firstOffset'], '-1')) })),
        messages,
      })
    }
  }
  return out
}
