/**
 * Transaction markers (control batches), as Kafka's `MemoryRecords.writeEndTransactionalMarker`
 * writes them: attributes transactional|control, base sequence -1, exactly one record consuming
 * one offset, timestamp = broker time.
 *
 * ControlRecordKey   => version:INT16 (0) type:INT16 (0 = ABORT, 1 = COMMIT)
 * EndTxnMarkerValue  => version:INT16 (0) coordinator_epoch:INT32
 */
import { buildRecordBatch } from './record-batch-builder.js'

/** Control record types (the key's second int16). */
export const ControlRecordType = { ABORT: 0, COMMIT: 1 } as const

/** Inputs of {@link buildEndTxnMarker}. */
export interface EndTxnMarkerInput {
  /** Producer id of the transaction. */
  readonly producerId: bigint
  /** Producer epoch of the transaction. */
  readonly producerEpoch: number
  /** True for COMMIT, false for ABORT. */
  readonly committed: boolean
  /** Transaction coordinator epoch (0 for a single-node broker). */
  readonly coordinatorEpoch?: number
  /** Marker timestamp in ms (broker time). */
  readonly timestamp: bigint
  /** Base offset to stamp (default 0; the log rewrites it on append anyway). */
  readonly baseOffset?: bigint
  /** Partition leader epoch (default 0). */
  readonly partitionLeaderEpoch?: number
}

/** Builds a COMMIT/ABORT control batch (one record, one offset) with a valid CRC. */
export function buildEndTxnMarker(input: EndTxnMarkerInput): Buffer {
  const key = Buffer.alloc(4)
  key.writeInt16BE(0, 0)
  key.writeInt16BE(input.committed ? ControlRecordType.COMMIT : ControlRecordType.ABORT, 2)
  const value = Buffer.alloc(6)
  value.writeInt16BE(0, 0)
  value.writeInt32BE(input.coordinatorEpoch ?? 0, 2)
  return buildRecordBatch([{ key, value, timestamp: input.timestamp }], {
    baseOffset: input.baseOffset ?? 0n,
    partitionLeaderEpoch: input.partitionLeaderEpoch ?? 0,
    producerId: input.producerId,
    producerEpoch: input.producerEpoch,
    baseSequence: -1,
    transactional: true,
    control: true,
  })
}

/** A parsed control record. */
export interface EndTxnMarker {
  /** COMMIT (true) or ABORT (false). */
  readonly committed: boolean
  /** Coordinator epoch from the value (-1 if the value is absent or too short). */
  readonly coordinatorEpoch: number
}

/**
 * Interprets a control record's key/value (from {@link decodeRecords} on a control batch).
 * Returns null when the key is not a version-0 ABORT/COMMIT key (unknown control types).
 */
export function parseEndTxnMarker(key: Buffer | null, value: Buffer | null): EndTxnMarker | null {
  if (key === null || key.length < 4 || key.readInt16BE(0) !== 0) return null
  const type = key.readInt16BE(2)
  if (type !== ControlRecordType.ABORT && type !== ControlRecordType.COMMIT) return null
  const coordinatorEpoch = value !== null && value.length >= 6 ? value.readInt32BE(2) : -1
  return { committed: type === ControlRecordType.COMMIT, coordinatorEpoch }
}
