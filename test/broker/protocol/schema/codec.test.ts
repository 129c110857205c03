import { describe, expect, it } from 'vitest'
import { ProtocolDecodeError, ProtocolEncodeError } from '../../../../src/broker/protocol/errors.js'
import { FetchRequestSchema, type FetchRequest } from '../../../../src/broker/protocol/messages/fetch.js'
import { MetadataRequestSchema } from '../../../../src/broker/protocol/messages/metadata.js'
import { ApiVersionsResponseSchema } from '../../../../src/broker/protocol/messages/api-versions.js'
import { Reader } from '../../../../src/broker/protocol/primitives/reader.js'
import { Writer } from '../../../../src/broker/protocol/primitives/writer.js'
import { decodeMessage } from '../../../../src/broker/protocol/schema/decode.js'
import { encodeMessage } from '../../../../src/broker/protocol/schema/encode.js'
import { defineMessage } from '../../../../src/broker/protocol/schema/message-schema.js'

interface Sample {
  readonly id: number
  readonly name: string | null
  readonly items: { readonly k: string; readonly n: bigint }[]
  readonly note: string
  readonly extra: number
}

const SampleSchema = defineMessage<Sample>({
  name: 'SampleRequest',
  apiKey: 999,
  type: 'request',
  validVersions: '0-2',
  flexibleVersions: '2+',
  fields: [
    { name: 'id', type: 'int32', versions: '0+' },
    { name: 'name', type: 'string', versions: '0+', nullableVersions: '1+' },
    {
      name: 'items',
      type: '[]struct',
      versions: '0+',
      fields: [
        { name: 'k', type: 'string', versions: '0+' },
        { name: 'n', type: 'int64', versions: '1+', default: -1 },
      ],
    },
    { name: 'note', type: 'string', versions: '2+', taggedVersions: '2+', tag: 0, default: 'none' },
    { name: 'extra', type: 'int16', versions: '1+', default: 7 },
  ],
})

function fetchV11Bytes(): Buffer {
  return encodeMessage(FetchRequestSchema, 11, {
    maxWaitMs: 500,
    minBytes: 1,
    topics: [
      { topic: 'a', partitions: [{ partition: 0, fetchOffset: 1n, partitionMaxBytes: 100 }] },
      {
        topic: 'b',
        partitions: [
          { partition: 0, fetchOffset: 2n, partitionMaxBytes: 100 },
          { partition: 1, fetchOffset: 3n, partitionMaxBytes: 100 },
        ],
      },
    ],
  }).toBuffer()
}

describe('generic schema codec', () => {
  it('fills defaults for fields absent from the decoded version', () => {
    const bytes = encodeMessage(SampleSchema, 0, { id: 1, name: 'x', items: [{ k: 'a', n: 5n }] }).toBuffer()
    expect(decodeMessage(SampleSchema, 0, bytes)).toEqual({ id: 1, name: 'x', items: [{ k: 'a', n: -1n }], note: 'none', extra: 7 })
  })

  it('ignores fields that do not exist in the encoded version', () => {
    const v0 = encodeMessage(SampleSchema, 0, { id: 1, name: 'x', items: [], extra: 99, note: 'x' }).toBuffer()
    // int32 id + int16-length 'x' + int32 empty array
    expect([...v0]).toEqual([0, 0, 0, 1, 0, 1, 0x78, 0, 0, 0, 0])
  })

  it('uses schema defaults for missing fields on encode', () => {
    const bytes = encodeMessage(SampleSchema, 1, { id: 3, name: null }).toBuffer()
    expect(decodeMessage(SampleSchema, 1, bytes)).toEqual({ id: 3, name: null, items: [], note: 'none', extra: 7 })
  })

  it('switches to compact encodings and tag sections in flexible versions', () => {
    const bytes = encodeMessage(SampleSchema, 2, { id: 1, name: 'x', items: [{ k: 'a', n: 2n }], extra: 1 }).toBuffer()
    expect([...bytes]).toEqual([
      0, 0, 0, 1, // id
      2, 0x78, // compact 'x'
      2, // compact array of 1
      2, 0x61, 0, 0, 0, 0, 0, 0, 0, 2, 0, // item: compact 'a', n, empty tags
      0, 1, // extra
      0, // top-level tags: note is the default, so not written
    ])
  })

  it('writes non-default tagged fields and reads them back', () => {
    const bytes = encodeMessage(SampleSchema, 2, { id: 1, name: null, note: 'hi' }).toBuffer()
    expect([...bytes.subarray(bytes.length - 6)]).toEqual([1, 0, 3, 3, 0x68, 0x69])
    expect(decodeMessage(SampleSchema, 2, bytes).note).toBe('hi')
  })

  it('skips unknown tagged fields by their length', () => {
    const w = new Writer().int32(5).compactNullableString(null).compactArrayLength(0).int16(0)
    w.uvarint(2).uvarint(0).uvarint(2).compactString('y').uvarint(7).uvarint(3).uint8(1).uint8(2).uint8(3)
    expect(decodeMessage(SampleSchema, 2, w.toBuffer())).toEqual({ id: 5, name: null, items: [], note: 'y', extra: 0 })
  })

  it('rejects null in a version where the field is not nullable', () => {
    expect(() => encodeMessage(SampleSchema, 0, { id: 1, name: null })).toThrow(ProtocolEncodeError)
    expect(() => encodeMessage(SampleSchema, 0, { id: 1, name: null })).toThrow('null value in a non-nullable field at SampleRequest.name')
    const bytes = new Writer().int32(1).int16(-1).int32(0).toBuffer()
    expect(() => decodeMessage(SampleSchema, 0, bytes)).toThrow(/null string in a non-nullable field at SampleRequest.name/)
  })

  it('locates encode errors inside nested arrays', () => {
    try {
      encodeMessage(SampleSchema, 1, { id: 1, name: '', items: [{ k: 'a' }, { k: null as unknown as string }] })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ProtocolEncodeError)
      expect((e as ProtocolEncodeError).path).toBe('SampleRequest.items[1].k')
    }
  })

  it('wraps out-of-range numbers in a located ProtocolEncodeError keeping the cause', () => {
    try {
      encodeMessage(SampleSchema, 1, { id: 2 ** 40, name: '' })
      expect.unreachable()
    } catch (e) {
      expect((e as ProtocolEncodeError).path).toBe('SampleRequest.id')
      expect((e as ProtocolEncodeError).cause).toBeInstanceOf(RangeError)
    }
  })

  it('reports the full location path and byte position of a truncated FetchRequest', () => {
    const bytes = fetchV11Bytes()
    // Cut inside topics[1].partitions[1].fetchOffset: find the offset of the last partition's fetchOffset.
    const full = decodeMessage(FetchRequestSchema, 11, bytes)
    expect(full.topics[1]?.partitions[1]?.fetchOffset).toBe(3n)
    const lastPartitionStart = bytes.length - 4 /* rack id '' + forgotten [] = 2 + 4 */ - 2 - (4 + 4 + 8 + 8 + 4)
    const cut = lastPartitionStart + 4 + 4 + 3 // partition, currentLeaderEpoch, 3 bytes into fetchOffset
    try {
      decodeMessage(FetchRequestSchema, 11, bytes.subarray(0, cut))
      expect.unreachable()
    } catch (e) {
      const err = e as ProtocolDecodeError
      expect(err).toBeInstanceOf(ProtocolDecodeError)
      expect(err.path).toBe('FetchRequest.topics[1].partitions[1].fetchOffset')
      expect(err.position).toBe(lastPartitionStart + 8)
      expect(err.message).toContain('FetchRequest.topics[1].partitions[1].fetchOffset')
      const partial = err.partial as FetchRequest
      expect(partial.maxWaitMs).toBe(500)
      expect(partial.topics[0]?.topic).toBe('a')
      expect(partial.topics[1]?.partitions[0]?.fetchOffset).toBe(2n)
    }
  })

  it('decodes from a Reader positioned inside a larger buffer and advances it', () => {
    const body = encodeMessage(MetadataRequestSchema, 4, { topics: null, allowAutoTopicCreation: false }).toBuffer()
    const buf = Buffer.concat([Buffer.from([9, 9, 9]), body, Buffer.from([1])])
    const r = new Reader(buf, 3)
    expect(decodeMessage(MetadataRequestSchema, 4, r)).toEqual({ topics: null, allowAutoTopicCreation: false })
    expect(r.pos).toBe(3 + body.length)
  })

  it('treats a null topics array as all topics only where nullable (Metadata v1+)', () => {
    expect(() => encodeMessage(MetadataRequestSchema, 0, { topics: null })).toThrow(/null array/)
    const bytes = encodeMessage(MetadataRequestSchema, 1, { topics: null }).toBuffer()
    expect([...bytes]).toEqual([0xff, 0xff, 0xff, 0xff])
  })

  it('rejects versions outside the schema', () => {
    expect(() => decodeMessage(SampleSchema, 3, Buffer.alloc(10))).toThrow(ProtocolDecodeError)
    expect(() => encodeMessage(SampleSchema, 3, {})).toThrow(ProtocolEncodeError)
  })

  it('encodes the ApiVersions v3 response with the tag section at the end', () => {
    const bytes = encodeMessage(ApiVersionsResponseSchema, 3, {
      errorCode: 0,
      apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 3 }],
      throttleTimeMs: 0,
    }).toBuffer()
    expect([...bytes]).toEqual([0, 0, 2, 0, 18, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0])
  })

  it('accepts a list of buffers for a records field without copying large ones', () => {
    const big = Buffer.alloc(8192, 1)
    const chunks = encodeMessage(FetchRequestSchema, 0, { topics: [] }).toChunks()
    expect(chunks.length).toBe(1)
    const w = new Writer().nullableBytes([big, Buffer.from([2])])
    expect(w.toChunks()).toContain(big)
  })
})
