/**
 * The rules every v2 record batch must satisfy, in one place for both layers that check them:
 * the protocol's `validateRecordSet` and the log's append scan. A rule reports what is wrong as
 * data (nothing is allocated for a sound batch); each layer words it its own way (a Kafka error
 * code and a short message here, Kafka's exception messages in the log).
 */
import { crc32c } from '../../../wire/crc32c.js'
import { BatchAttributes, BatchOffsets } from './batch-layout.js'

const { crc: CRC, attributes: ATTRIBUTES, lastOffsetDelta: LAST_OFFSET_DELTA, producerId: PRODUCER_ID, baseSequence: BASE_SEQUENCE, recordsCount: RECORDS_COUNT } = BatchOffsets

/** A broken rule, with the numbers a message needs. */
export type BatchFault =
  | { readonly kind: 'crc'; readonly stored: number; readonly computed: number }
  /** `lastOffsetDelta` < 0. */
  | { readonly kind: 'offset-range'; readonly lastOffsetDelta: number; readonly recordsCount: number }
  /** `recordsCount` <= 0 (client batches). */
  | { readonly kind: 'records-count'; readonly lastOffsetDelta: number; readonly recordsCount: number }
  /** `recordsCount` != `lastOffsetDelta + 1` (client batches; compaction legitimately thins broker-written ones). */
  | { readonly kind: 'count-mismatch'; readonly lastOffsetDelta: number; readonly recordsCount: number }
  /** A control batch (transaction marker) written by a client. */
  | { readonly kind: 'control' }
  /** An idempotent client batch (producer id set) without a base sequence. */
  | { readonly kind: 'sequence'; readonly baseSequence: number; readonly producerId: bigint }

/** The CRC-32C of the batch of `size` bytes at `pos` (it covers `attributes` to the end). */
export function computeBatchCrc(buf: Buffer, pos: number, size: number): number {
  return crc32c(buf, pos + ATTRIBUTES, pos + size)
}

/** A `crc` fault when the stored CRC-32C of the batch of `size` bytes at `pos` is wrong, else null. */
export function batchCrcFault(buf: Buffer, pos: number, size: number): BatchFault | null {
  const stored = buf.readUInt32BE(pos + CRC)
  const computed = computeBatchCrc(buf, pos, size)
  return stored === computed ? null : { kind: 'crc', stored, computed }
}

/**
 * The first header rule the batch at `pos` breaks, else null. Every batch needs a non-negative
 * `lastOffsetDelta`; a client's batch (`fromClient`) must also count `lastOffsetDelta + 1` (> 0)
 * records, not be a control batch and carry a base sequence when it has a producer id, as
 * Kafka's `LogValidator.validateBatch` requires.
 */
export function batchFieldFault(buf: Buffer, pos: number, fromClient: boolean): BatchFault | null {
  const lastOffsetDelta = buf.readInt32BE(pos + LAST_OFFSET_DELTA)
  const recordsCount = buf.readInt32BE(pos + RECORDS_COUNT)
  if (lastOffsetDelta < 0) return { kind: 'offset-range', lastOffsetDelta, recordsCount }
  if (!fromClient) return null
  if (recordsCount <= 0) return { kind: 'records-count', lastOffsetDelta, recordsCount }
  if (recordsCount !== lastOffsetDelta + 1) return { kind: 'count-mismatch', lastOffsetDelta, recordsCount }
  if ((buf.readInt16BE(pos + ATTRIBUTES) & BatchAttributes.CONTROL) !== 0) return { kind: 'control' }
  const baseSequence = buf.readInt32BE(pos + BASE_SEQUENCE)
  if (baseSequence < 0 && buf.readInt32BE(pos + PRODUCER_ID) >= 0) return { kind: 'sequence', baseSequence, producerId: buf.readBigInt64BE(pos + PRODUCER_ID) }
  return null
}
