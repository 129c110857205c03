/**
 * Benchmark records: 10-byte keys (`k000000042`) and 100-byte values, generated (never
 * downloaded), as a kcat `-K:` input file (`key:value\n` per record) or as kafkajs messages.
 */
import { closeSync, openSync, writeSync } from 'node:fs'

/** Key bytes of a benchmark record. */
export const KEY_BYTES = 10
/** Value bytes of a benchmark record. */
export const VALUE_BYTES = 100

/** The 10-byte key of record `i` (`k` + 9 digits). */
export function recordKey(i: number): string {
  return `k${String(i % 1_000_000_000).padStart(KEY_BYTES - 1, '0')}`
}

/** The 100-byte value of record `i`: one of 16 printable patterns (no `:`, no newline). */
export function recordValue(i: number): string {
  return String.fromCharCode(97 + (i % 16)).repeat(VALUE_BYTES)
}

/**
 * Writes `count` records as `key:value\n` lines (kcat `-P -K:` input) to `path`, 10,000 records
 * per write (so millions of records never sit in memory at once); returns its size in bytes.
 */
export function writeRecordFile(path: string, count: number): number {
  const lineBytes = KEY_BYTES + 1 + VALUE_BYTES + 1
  const chunk = 10_000
  const fd = openSync(path, 'w')
  let size = 0
  try {
    for (let start = 0; start < count; start += chunk) {
      const end = Math.min(count, start + chunk)
      const buf = Buffer.allocUnsafe((end - start) * lineBytes)
      let at = 0
      for (let i = start; i < end; i++) at += buf.write(`${recordKey(i)}:${recordValue(i)}\n`, at, 'latin1')
      writeSync(fd, buf, 0, at)
      size += at
    }
  } finally {
    closeSync(fd)
  }
  return size
}

/** A kafkajs message of the benchmark shape (Buffer key and value, fixed partition). */
export interface BenchMessage {
  /** 10-byte key. */
  readonly key: Buffer
  /** 100-byte value. */
  readonly value: Buffer
  /** Target partition (the partitioner is bypassed, as kcat `-p 0` does). */
  readonly partition: number
}

/** `batches` arrays of `perBatch` messages each, generated up front (no allocation while timed). */
export function messageBatches(batches: number, perBatch: number, partition = 0): BenchMessage[][] {
  const values = Array.from({ length: 16 }, (_, i) => Buffer.from(recordValue(i)))
  const out: BenchMessage[][] = []
  for (let b = 0; b < batches; b++) {
    const batch: BenchMessage[] = new Array(perBatch)
    for (let j = 0; j < perBatch; j++) {
      const i = b * perBatch + j
      batch[j] = { key: Buffer.from(recordKey(i)), value: values[i % 16] as Buffer, partition }
    }
    out.push(batch)
  }
  return out
}
