/**
 * Wire-protocol codec throughput (`npm run bench -- protocol-codec`):
 * - CRC-32C over record batches (MB/s), vs a plain Buffer copy of the same bytes (memory speed);
 * - produce-path validation of a 1,000-record batch (100-byte values, 10-byte keys): records/s,
 *   vs CRC-32C alone (the validation overhead beyond the checksum);
 * - Produce v7 request decode (header + body, 1 partition, one 1,000-record batch): records/s;
 * - Fetch v11 response encode + framing with 4 partitions x 1 MiB of stored batches: records/s
 *   served, vs `Buffer.concat` of the same bytes (what a copying encoder would cost at least).
 * Prints one JSON line per figure.
 */
import { bench, describe } from 'vitest'
import { ApiKey } from '../../src/broker/protocol/api-key.js'
import { encodeRequest, encodeResponse } from '../../src/broker/protocol/frame.js'
import { crc32c } from '../../src/wire/crc32c.js'
import { buildRecordBatch } from '../../src/broker/protocol/records/record-batch-builder.js'
import { validateRecordSet } from '../../src/broker/protocol/records/record-batch.js'
import { decodeRequestBody } from '../../src/broker/protocol/registry.js'
import { decodeRequestHeader } from '../../src/broker/protocol/request-header.js'

const SMOKE = process.env.BENCH_SMOKE === '1'
const RUNS = SMOKE ? 1 : 3
const RECORDS_PER_BATCH = 1000

const batch = buildRecordBatch(
  Array.from({ length: RECORDS_PER_BATCH }, (_, i) => ({
    key: Buffer.from(`key-${String(i).padStart(6, '0')}`),
    value: Buffer.alloc(100, i & 0xff),
    timestamp: 1_700_000_000_000n + BigInt(i),
  })),
)
const batchesPerMiB = Math.max(1, Math.floor((1 << 20) / batch.length))
const partitionRecords = Array.from({ length: batchesPerMiB }, () => Buffer.from(batch))
const recordsPerPartition = batchesPerMiB * RECORDS_PER_BATCH

let sink = 0

/** Median ops/s of `fn` over RUNS timed runs of `iterations` calls. */
function rate(iterations: number, fn: () => void): number {
  const samples: number[] = []
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < iterations; i++) fn()
    samples.push(iterations / (Number(process.hrtime.bigint() - t0) / 1e9))
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)] as number
}

function emit(figure: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`)
}

const MB = batch.length / 1e6
const ITER = SMOKE ? 20 : 2000

// 1. CRC-32C vs memory copy
const target = Buffer.allocUnsafe(batch.length)
rate(ITER / 10, () => (sink ^= crc32c(batch)))
const crcPerSec = rate(ITER, () => (sink ^= crc32c(batch, 21)))
const copyPerSec = rate(ITER, () => (sink ^= batch.copy(target)))
emit({ bench: 'protocol-crc32c', value: Math.round(crcPerSec * MB), unit: 'MB/s', vs: 'Buffer.copy', ratio: Number((crcPerSec / copyPerSec).toFixed(3)) })

// 2. Produce-path validation (header checks + CRC)
rate(ITER / 10, () => (sink ^= validateRecordSet(batch).recordCount))
const validatePerSec = rate(ITER, () => (sink ^= validateRecordSet(batch).recordCount))
emit({
  bench: 'protocol-batch-validate',
  value: Math.round(validatePerSec * RECORDS_PER_BATCH),
  unit: 'records/s',
  vs: 'crc32c alone',
  ratio: Number((validatePerSec / crcPerSec).toFixed(3)),
})

// 3. Produce v7 request decode
const produceFrame = encodeRequest(ApiKey.Produce, 7, 1, 'bench', {
  transactionalId: null,
  acks: -1,
  timeoutMs: 30000,
  topicData: [{ name: 'bench-topic', partitionData: [{ index: 0, records: batch }] }],
})
const decodeProduce = (): void => {
  const h = decodeRequestHeader(produceFrame, 4)
  const body = decodeRequestBody(ApiKey.Produce, 7, produceFrame.subarray(4 + h.headerSize))
  sink ^= body.topicData.length
}
rate(ITER, decodeProduce)
const produceDecodePerSec = rate(ITER * 20, decodeProduce)
emit({ bench: 'protocol-produce-decode', value: Math.round(produceDecodePerSec * RECORDS_PER_BATCH), unit: 'records/s', requests: Math.round(produceDecodePerSec) })

// 4. Fetch v11 response encode (4 partitions x ~1 MiB)
const fetchBody = {
  throttleTimeMs: 0,
  errorCode: 0,
  sessionId: 0,
  responses: [
    {
      topic: 'bench-topic',
      partitions: [0, 1, 2, 3].map((p) => ({
        partitionIndex: p,
        errorCode: 0,
        highWatermark: 1_000_000n,
        lastStableOffset: 1_000_000n,
        logStartOffset: 0n,
        abortedTransactions: null,
        preferredReadReplica: -1,
        records: partitionRecords,
      })),
    },
  ],
}
const encodeFetch = (): void => {
  sink ^= encodeResponse(ApiKey.Fetch, 11, 7, fetchBody).length
}
const copyFetch = (): void => {
  sink ^= Buffer.concat([...partitionRecords, ...partitionRecords, ...partitionRecords, ...partitionRecords]).length
}
rate(ITER, encodeFetch)
const fetchPerSec = rate(ITER * 10, encodeFetch)
const copyPerSecFetch = rate(SMOKE ? 5 : 200, copyFetch)
emit({
  bench: 'protocol-fetch-encode',
  value: Math.round(fetchPerSec * 4 * recordsPerPartition),
  unit: 'records/s',
  responses: Math.round(fetchPerSec),
  vs: 'Buffer.concat of the same bytes',
  ratio: Number((fetchPerSec / copyPerSecFetch).toFixed(1)),
})

describe('protocol codec', () => {
  bench('validate a 1,000-record batch', () => {
    sink ^= validateRecordSet(batch).recordCount
  })
  bench('encode a 4 MiB Fetch v11 response', encodeFetch)
})
