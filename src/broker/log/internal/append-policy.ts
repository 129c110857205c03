import { hasKeylessRecord } from '../cleaner/record-scan.js'
import { InvalidRecordBatchError, RecordTooLargeError } from '../errors.js'
import type { LogConfig } from '../topic-config.js'
import type { AppendOrigin, RecordSetScan } from './record-set-validator.js'

/**
 * The topic-level rules an already validated record set must also meet before it is appended:
 * a compacted topic takes no record without a key from clients (Kafka's `LogValidator.validateKey`),
 * and the whole set must fit in one segment (`segment.bytes`).
 *
 * @throws InvalidRecordBatchError a keyless record for a compacted topic
 * @throws RecordTooLargeError the set is larger than `segment.bytes` (RECORD_LIST_TOO_LARGE)
 */
export function checkAppendPolicy(batches: Buffer, scan: RecordSetScan, cfg: LogConfig, origin: AppendOrigin, ctx: { topic: string; partition: number }): void {
  const tp = `${ctx.topic}-${ctx.partition}`
  if (cfg.compactEnabled && origin === 'client' && hasKeylessRecord(batches, scan.positions, scan.sizes, scan.count)) {
    throw new InvalidRecordBatchError(`Compacted topic cannot accept message without key in topic partition ${tp}.`, ctx)
  }
  if (scan.totalBytes > cfg.segmentBytes) {
    throw new RecordTooLargeError(
      `Message batch size is ${scan.totalBytes} bytes in append to partition ${tp} which exceeds the maximum configured segment size of ${cfg.segmentBytes}.`,
      { recordList: true, ...ctx },
    )
  }
}
