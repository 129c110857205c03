/**
 * Conversion between the legacy message format (magic 0/1) and v2 record batches, as Kafka's
 * LogValidator (up-conversion on Produce v0-v2) and its down-conversion for Fetch v0-v3 do. The
 * log stores only v2 batches; old clients get converted copies.
 */
import { CompressionCodec } from './batch-layout.js'
import { legacyEntrySize, readLegacyMessageSet, writeLegacyEntry, type LegacyMessageInput } from './legacy-message.js'
import { buildRecordBatch } from './record-batch-builder.js'
import { readBatchHeader, splitBatches } from './record-batch.js'
import { UnsupportedCompressionError, decodeRecords } from './record-decoder.js'

/**
 * One v2 batch holding every message of a produced magic-0/1 message set: keys, values and
 * timestamps kept (magic 0 has none: -1), offsets left for the log to assign, no producer id.
 * A gzip message set gives a gzip batch (Kafka keeps the producer's codec).
 *
 * @throws LegacyMessageSetError when the set is corrupt or uses a codec other than gzip
 */
export function upConvertMessageSet(buf: Buffer): Buffer {
  const set = readLegacyMessageSet(buf)
  return buildRecordBatch(
    set.messages.map((m) => ({ key: m.key, value: m.value, timestamp: m.timestamp })),
    { compression: set.codec === CompressionCodec.GZIP ? 'gzip' : 'none' },
  )
}

/** Options of {@link downConvertBatches}. */
export interface DownConvertOptions {
  /** Target format: 0 for Fetch v0/v1, 1 for Fetch v2/v3. */
  readonly magic: 0 | 1
  /** Records below this offset (earlier records of the first batch) are left out. */
  readonly fetchOffset: bigint
  /** Byte limit of the converted set; the message crossing it is cut (old clients drop a trailing partial message). */
  readonly maxBytes: number
  /** Keep the first message whole even past `maxBytes` (Fetch v3, KIP-74). */
  readonly minOneMessage: boolean
}

/** The converted message set and how many messages it holds whole. */
export interface DownConverted {
  readonly records: Buffer
  readonly messages: number
}

/**
 * Rewrites stored v2 batches as uncompressed magic-0/1 messages with their absolute offsets:
 * control batches are dropped, every data batch is kept (old fetches have no isolation level),
 * headers are lost (the old formats have none), LogAppendTime batches give v1 messages their
 * append time. Output stops at `maxBytes`, cutting the message that crosses it.
 *
 * @throws UnsupportedCompressionError when the first batch to convert uses a codec this broker
 *   cannot decompress (a later one ends the output before it instead)
 */
export function downConvertBatches(chunks: readonly Buffer[], opts: DownConvertOptions): DownConverted {
  const picked: LegacyMessageInput[] = []
  const appendTime: boolean[] = []
  let total = 0
  let full = false
  for (const chunk of chunks) {
    for (const batch of splitBatches(chunk).batches) {
      const h = readBatchHeader(batch)
      if (h.isControl) continue
      let records
      try {
        records = decodeRecords(batch)
      } catch (err) {
        if (err instanceof UnsupportedCompressionError && picked.length > 0) {
          full = true
          break
        }
        throw err
      }
      for (const r of records) {
        if (r.offset < opts.fetchOffset) continue
        const m = { offset: r.offset, timestamp: opts.magic === 0 ? -1n : r.timestamp, key: r.key, value: r.value }
        picked.push(m)
        appendTime.push(h.isLogAppendTime)
        total += legacyEntrySize(opts.magic, m)
        if (total >= opts.maxBytes) {
          full = true
          break
        }
      }
      if (full) break
    }
    if (full) break
  }
  if (picked.length === 0) return { records: Buffer.alloc(0), messages: 0 }
  const out = Buffer.allocUnsafe(total)
  let pos = 0
  picked.forEach((m, i) => {
    pos = writeLegacyEntry(out, pos, opts.magic, m, appendTime[i] === true)
  })
  const first = legacyEntrySize(opts.magic, picked[0] as LegacyMessageInput)
  const limit = Math.max(opts.maxBytes, opts.minOneMessage ? first : 0)
  if (total <= limit) return { records: out, messages: picked.length }
  // Cut at the limit: the message crossing it is partial (or, when it is the only one, all there is).
  return { records: out.subarray(0, limit), messages: picked.length - 1 }
}
