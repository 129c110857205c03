import { crc32c } from '../../../wire/crc32c.js'
import { parseEndTxnMarker } from '../../protocol/records/end-txn-marker.js'
import { buildRecordBatch, type RecordBatchOptions } from '../../protocol/records/record-batch-builder.js'
import { CompressionCodec } from '../../protocol/records/record-batch.js'
import { decodeRecords, type DecodedRecord, UnsupportedCompressionError } from '../../protocol/records/record-decoder.js'
import {
  ATTR_COMPRESSION_MASK,
  ATTR_CONTROL,
  ATTR_TIMESTAMP_TYPE,
  ATTR_TRANSACTIONAL,
  ATTRIBUTES,
  BASE_SEQUENCE,
  BASE_TIMESTAMP,
  CRC,
  LAST_OFFSET_DELTA,
  LEADER_EPOCH,
  MAX_TIMESTAMP,
  PRODUCER_EPOCH,
  PRODUCER_ID,
} from '../internal/batch-header.js'
import type { CleanedTransactions } from './cleaned-transactions.js'
import { scanRecords } from './record-scan.js'

/** Attribute bit 6: the batch's base timestamp is its delete horizon (KIP-534). */
export const ATTR_DELETE_HORIZON = 0x40

/** The latest offset of each key in the dirty section (Kafka's `OffsetMap`). */
export interface OffsetMap {
  /** Key bytes (as a latin1 string) → offset of the key's latest record. */
  readonly offsets: Map<string, bigint>
  /** Last offset the map covers: records after it are kept whatever their key. */
  readonly latestOffset: bigint
}

/** What the cleaner needs to decide about one batch. */
export interface FilterContext {
  readonly map: OffsetMap
  readonly nowMs: number
  readonly deleteRetentionMs: number
  readonly txns: CleanedTransactions
}

/** The cleaned form of a batch: its bytes (null: dropped) and the delete horizon it now carries (-1: none pending). */
export interface FilteredBatch {
  readonly bytes: Buffer | null
  readonly deleteHorizonMs: number
}

const DROP: FilteredBatch = Object.freeze({ bytes: null, deleteHorizonMs: -1 })

/**
 * Cleans one stored batch as Kafka's `LogCleaner.cleanInto` + `MemoryRecords.filterTo` do:
 * aborted transactional data goes; a record stays when it is the latest of its key (or past the
 * offset map), a tombstone until its batch's delete horizon has passed; a marker stays until its
 * transaction has no data left and its horizon passed. The first pass that keeps a tombstone (or a
 * removable marker) stamps the batch with a horizon of now + delete.retention.ms. Kept batches
 * keep their offsets, last offset delta, producer fields and compression; unchanged batches are
 * copied byte for byte. Batches with codecs other than gzip cannot be decoded and are kept whole.
 */
export function filterBatch(batch: Buffer, ctx: FilterContext): FilteredBatch {
  const base = batch.readBigInt64BE(0)
  const last = base + BigInt(batch.readInt32BE(LAST_OFFSET_DELTA))
  const attrs = batch.readInt16BE(ATTRIBUTES)
  const producerId = batch.readBigInt64BE(PRODUCER_ID)
  const hasHorizon = (attrs & ATTR_DELETE_HORIZON) !== 0
  const horizon = hasHorizon ? Number(batch.readBigInt64BE(BASE_TIMESTAMP)) : -1
  if ((attrs & ATTR_CONTROL) !== 0) {
    const records = decodeOrNull(batch)
    const marker = records?.[0] === undefined ? null : parseEndTxnMarker(records[0].key, records[0].value)
    const canDiscard = marker !== null && ctx.txns.onControlBatch(producerId, marker.committed ? 1 : 0, last)
    if (!canDiscard || records === null) return { bytes: Buffer.from(batch), deleteHorizonMs: -1 }
    if (hasHorizon) return horizon <= ctx.nowMs ? DROP : { bytes: Buffer.from(batch), deleteHorizonMs: horizon }
    const stamped = ctx.nowMs + ctx.deleteRetentionMs
    return { bytes: rebuild(batch, records, stamped), deleteHorizonMs: stamped }
  }
  if (ctx.txns.onDataBatch(producerId, (attrs & ATTR_TRANSACTIONAL) !== 0, last)) return DROP
  const retainDeletes = !hasHorizon || ctx.nowMs < horizon
  const { offsets, latestOffset } = ctx.map
  // First a cheap walk: most batches are kept or dropped whole and need no decoding.
  let total = 0
  let kept = 0
  let tombstones = false
  const readable = scanRecords(batch, 0, batch.length, (delta, data, keyStart, keyEnd, valueIsNull) => {
    total++
    const offset = base + BigInt(delta)
    let keep: boolean
    if (offset > latestOffset) keep = true
    else if (keyStart < 0) keep = false
    else {
      const latest = offsets.get(data.toString('latin1', keyStart, keyEnd))
      keep = (latest === undefined || offset >= latest) && (!valueIsNull || retainDeletes)
    }
    if (keep) {
      kept++
      tombstones ||= valueIsNull
    }
  })
  if (!readable) return { bytes: Buffer.from(batch), deleteHorizonMs: -1 }
  if (kept === 0) return DROP
  const needsHorizon = tombstones && !hasHorizon
  const pending = needsHorizon ? ctx.nowMs + ctx.deleteRetentionMs : tombstones ? horizon : -1
  if (kept === total && !needsHorizon) return { bytes: Buffer.from(batch), deleteHorizonMs: pending }
  const retained = decodeRecords(batch).filter((r) => {
    if (r.offset > latestOffset) return true
    if (r.key === null) return false
    const latest = offsets.get(r.key.toString('latin1'))
    return (latest === undefined || r.offset >= latest) && (r.value !== null || retainDeletes)
  })
  return { bytes: rebuild(batch, retained, needsHorizon ? pending : hasHorizon ? horizon : -1), deleteHorizonMs: pending }
}

/** The control type (0 ABORT, 1 COMMIT) of a control batch, or -1 when it is not a readable marker. */
export function controlTypeOf(batch: Buffer): number {
  const records = decodeOrNull(batch)
  const marker = records?.[0] === undefined ? null : parseEndTxnMarker(records[0].key, records[0].value)
  return marker === null ? -1 : marker.committed ? 1 : 0
}

/** The records of a batch, or null when its codec cannot be decoded here. */
export function decodeOrNull(batch: Buffer): DecodedRecord[] | null {
  try {
    return decodeRecords(batch)
  } catch (err) {
    if (err instanceof UnsupportedCompressionError) return null
    throw err
  }
}

/** Re-encodes `records` with the batch's header fields, its last offset delta and (≥ 0) a delete horizon. */
function rebuild(batch: Buffer, records: readonly DecodedRecord[], deleteHorizonMs: number): Buffer {
  const base = batch.readBigInt64BE(0)
  const attrs = batch.readInt16BE(ATTRIBUTES)
  const logAppendTime = (attrs & ATTR_TIMESTAMP_TYPE) !== 0
  const options: RecordBatchOptions = {
    baseOffset: base,
    partitionLeaderEpoch: batch.readInt32BE(LEADER_EPOCH),
    producerId: batch.readBigInt64BE(PRODUCER_ID),
    producerEpoch: batch.readInt16BE(PRODUCER_EPOCH),
    baseSequence: batch.readInt32BE(BASE_SEQUENCE),
    transactional: (attrs & ATTR_TRANSACTIONAL) !== 0,
    control: (attrs & ATTR_CONTROL) !== 0,
    logAppendTime,
    compression: (attrs & ATTR_COMPRESSION_MASK) === CompressionCodec.GZIP ? 'gzip' : 'none',
    ...(deleteHorizonMs >= 0 ? { baseTimestamp: BigInt(deleteHorizonMs) } : {}),
    ...(logAppendTime ? { maxTimestamp: batch.readBigInt64BE(MAX_TIMESTAMP) } : {}),
  }
  const out = buildRecordBatch(
    records.map((r) => ({ key: r.key, value: r.value, headers: r.headers, timestamp: r.timestamp, offsetDelta: Number(r.offset - base) })),
    options,
  )
  // Kafka keeps the original last offset delta (the producer's sequence range) and flags the horizon.
  out.writeInt32BE(batch.readInt32BE(LAST_OFFSET_DELTA), LAST_OFFSET_DELTA)
  if (deleteHorizonMs >= 0) out.writeInt16BE(out.readInt16BE(ATTRIBUTES) | ATTR_DELETE_HORIZON, ATTRIBUTES)
  out.writeUInt32BE(crc32c(out, ATTRIBUTES, out.length), CRC)
  return out
}
