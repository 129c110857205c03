import { describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/broker/protocol/api-key.js'
import { encodeRequest, encodeResponse, encodeResponseFrame } from '../../../src/broker/protocol/frame.js'
import { decodeRequestBody, decodeResponseBody } from '../../../src/broker/protocol/registry.js'
import { decodeRequestHeader } from '../../../src/broker/protocol/request-header.js'
import { buildRecordBatch } from '../../../src/broker/protocol/records/record-batch-builder.js'
import { unsupportedApiVersionsFrame, unsupportedApiVersionsResponse } from '../../../src/broker/protocol/unsupported-api-versions.js'

describe('framing', () => {
  it('prefixes the size and a v0 header, passing the body buffers through', () => {
    const body = [Buffer.from([1, 2]), Buffer.from([3])]
    const frame = encodeResponseFrame(7, 0, body)
    expect(frame.length).toBe(3)
    expect([...(frame[0] as Buffer)]).toEqual([0, 0, 0, 7, 0, 0, 0, 7])
    expect(frame[1]).toBe(body[0])
  })

  it('adds the empty tag section for response header v1', () => {
    const frame = encodeResponseFrame(1, 1, Buffer.from([9]))
    expect([...Buffer.concat(frame)]).toEqual([0, 0, 0, 6, 0, 0, 0, 1, 0, 9])
  })

  it('encodes a Fetch response without copying a large record set', () => {
    const records = buildRecordBatch(
      Array.from({ length: 100 }, (_, i) => ({ value: Buffer.alloc(100, i), timestamp: 1000n + BigInt(i) })),
    )
    const frame = encodeResponse(ApiKey.Fetch, 11, 5, {
      responses: [{ topic: 't', partitions: [{ partitionIndex: 0, highWatermark: 100n, lastStableOffset: 100n, logStartOffset: 0n, records }] }],
    })
    expect(frame).toContain(records)
    const all = Buffer.concat(frame)
    expect(all.readInt32BE(0)).toBe(all.length - 4)
    expect(all.readInt32BE(4)).toBe(5)
    const decoded = decodeResponseBody(ApiKey.Fetch, 11, all.subarray(8))
    const p = decoded.responses[0]?.partitions[0]
    expect(p?.records?.equals(records)).toBe(true)
    expect(p?.preferredReadReplica).toBe(-1)
    expect(p?.abortedTransactions).toEqual([])
  })

  it('defaults Fetch records to an empty set, never null', () => {
    const all = Buffer.concat(encodeResponse(ApiKey.Fetch, 4, 1, { responses: [{ topic: 't', partitions: [{ partitionIndex: 0 }] }] }))
    expect(all.readInt32BE(all.length - 4)).toBe(0)
  })

  it('uses header v0 for ApiVersions v3 responses', () => {
    const all = Buffer.concat(encodeResponse(ApiKey.ApiVersions, 3, 77, { apiKeys: [] }))
    // size, correlation id, then directly the body: error_code int16 (no header tag byte)
    expect(all.readInt32BE(4)).toBe(77)
    expect(all.readInt16BE(8)).toBe(0)
    expect(all.length).toBe(4 + 4 + 2 + 1 + 4 + 1)
  })

  it('builds complete request frames that the header and body decoders read back', () => {
    const frame = encodeRequest(ApiKey.Metadata, 4, 9, 'cli', { topics: [{ name: 'a' }], allowAutoTopicCreation: false })
    expect(frame.readInt32BE(0)).toBe(frame.length - 4)
    const h = decodeRequestHeader(frame, 4)
    expect(h).toMatchObject({ apiKey: 3, apiVersion: 4, correlationId: 9, clientId: 'cli' })
    expect(decodeRequestBody(ApiKey.Metadata, 4, frame.subarray(4 + h.headerSize))).toEqual({
      topics: [{ name: 'a' }],
      allowAutoTopicCreation: false,
    })
  })
})

describe('unsupported ApiVersions fallback', () => {
  it('is a v0 body with UNSUPPORTED_VERSION and the single ApiVersions entry', () => {
    expect([...unsupportedApiVersionsResponse()]).toEqual([0, 35, 0, 0, 0, 1, 0, 18, 0, 0, 0, 3])
  })

  it('frames it under response header v0', () => {
    expect([...Buffer.concat(unsupportedApiVersionsFrame(4))]).toEqual([0, 0, 0, 16, 0, 0, 0, 4, 0, 35, 0, 0, 0, 1, 0, 18, 0, 0, 0, 3])
  })
})
