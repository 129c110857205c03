import { TRANSACTION_STATES, type TransactionMetadata, type TransactionState } from '../transaction-metadata.js'

/**
 * One record of the transaction log: the full metadata of a transactional id after a transition
 * (the newest record per id wins on replay), or its removal when the id expired.
 */
export type TransactionLogRecord =
  | { readonly k: 'txn'; readonly m: TransactionMetadata }
  | { readonly k: 'expired'; readonly id: string }

interface EncodedTxn {
  k: 'txn'
  id: string
  pid: string
  epoch: number
  timeout: number
  state: TransactionState
  parts: [string, number[]][]
  groups: string[]
  start: number
  upd: number
}

/** Encodes a record as UTF-8 JSON (bigints as decimal strings). */
export function encodeTransactionRecord(record: TransactionLogRecord): Buffer {
  if (record.k === 'expired') return Buffer.from(JSON.stringify({ k: 'expired', id: record.id }), 'utf8')
  const m = record.m
  const encoded: EncodedTxn = {
    k: 'txn',
    id: m.transactionalId,
    pid: m.producerId.toString(),
    epoch: m.producerEpoch,
    timeout: m.timeoutMs,
    state: m.state,
    parts: [...m.partitions].map(([topic, ps]) => [topic, [...ps]]),
    groups: [...m.groups],
    start: m.startMs,
    upd: m.lastUpdateMs,
  }
  return Buffer.from(JSON.stringify(encoded), 'utf8')
}

/** Decodes a record, or undefined when it is not one this version understands. */
export function decodeTransactionRecord(payload: Buffer): TransactionLogRecord | undefined {
  try {
    const raw = JSON.parse(payload.toString('utf8')) as { [key: string]: unknown }
    if (raw['k'] === 'expired' && typeof raw['id'] === 'string') return { k: 'expired', id: raw['id'] }
    const t = raw as Partial<EncodedTxn>
    if (
      t.k !== 'txn' ||
      typeof t.id !== 'string' ||
      typeof t.pid !== 'string' ||
      typeof t.epoch !== 'number' ||
      typeof t.timeout !== 'number' ||
      !TRANSACTION_STATES.includes(t.state as TransactionState) ||
      !Array.isArray(t.parts) ||
      !Array.isArray(t.groups)
    ) {
      return undefined
    }
    return {
      k: 'txn',
      m: {
        transactionalId: t.id,
        producerId: BigInt(t.pid),
        producerEpoch: t.epoch,
        timeoutMs: t.timeout,
        state: t.state as TransactionState,
        partitions: new Map(t.parts.map(([topic, ps]) => [topic, new Set(ps)])),
        groups: new Set(t.groups),
        startMs: typeof t.start === 'number' ? t.start : -1,
        lastUpdateMs: typeof t.upd === 'number' ? t.upd : 0,
      },
    }
  } catch {
    return undefined
  }
}
