import { describe, expect, it } from 'vitest'
import { ProtocolDecodeError } from '../../../src/broker/protocol/errors.js'
import { Writer } from '../../../src/broker/protocol/primitives/writer.js'
import {
  decodeRequestHeader,
  decodeResponseHeader,
  encodeRequestHeader,
  writeResponseHeader,
} from '../../../src/broker/protocol/request-header.js'

describe('request header', () => {
  it('decodes a v1 header with a client id and reports its size', () => {
    const buf = encodeRequestHeader({ apiKey: 3, apiVersion: 4, correlationId: 42, clientId: 'app' }, 1).toBuffer()
    expect([...buf]).toEqual([0, 3, 0, 4, 0, 0, 0, 42, 0, 3, 0x61, 0x70, 0x70])
    expect(decodeRequestHeader(Buffer.concat([buf, Buffer.from([7, 7])]))).toEqual({
      apiKey: 3,
      apiVersion: 4,
      correlationId: 42,
      clientId: 'app',
      headerSize: 13,
      headerVersion: 1,
    })
  })

  it('decodes a null client id', () => {
    const buf = encodeRequestHeader({ apiKey: 1, apiVersion: 11, correlationId: -5, clientId: null }, 1).toBuffer()
    expect(decodeRequestHeader(buf)).toMatchObject({ clientId: null, correlationId: -5, headerSize: 10 })
  })

  it('reads the v2 tag section for ApiVersions v3, keeping the int16 client id length', () => {
    const w = new Writer().int16(18).int16(3).int32(1).string('rdkafka')
    w.uvarint(1).uvarint(0).uvarint(2).int16(9) // one unknown tagged field
    const buf = Buffer.concat([w.toBuffer(), Buffer.from([0xaa])])
    const h = decodeRequestHeader(buf)
    expect(h).toMatchObject({ apiKey: 18, apiVersion: 3, clientId: 'rdkafka', headerVersion: 2 })
    expect(buf[h.headerSize]).toBe(0xaa)
  })

  it('decodes at an offset within a larger buffer', () => {
    const buf = Buffer.concat([Buffer.from([0, 0, 0, 99]), encodeRequestHeader({ apiKey: 0, apiVersion: 7, correlationId: 3, clientId: 'x' }, 1).toBuffer()])
    expect(decodeRequestHeader(buf, 4)).toMatchObject({ apiKey: 0, apiVersion: 7, correlationId: 3, headerSize: 11 })
  })

  it('throws a located ProtocolDecodeError on a truncated header', () => {
    const buf = encodeRequestHeader({ apiKey: 3, apiVersion: 4, correlationId: 42, clientId: 'app' }, 1).toBuffer()
    try {
      decodeRequestHeader(buf.subarray(0, 11))
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ProtocolDecodeError)
      expect((e as ProtocolDecodeError).path).toBe('RequestHeader.clientId')
    }
    expect(() => decodeRequestHeader(buf.subarray(0, 5))).toThrow(/RequestHeader.correlationId/)
  })

  it('writes response headers v0 and v1', () => {
    const buf = Buffer.alloc(5, 0xee)
    expect(writeResponseHeader(buf, 0, 258, 0)).toBe(4)
    expect([...buf]).toEqual([0, 0, 1, 2, 0xee])
    expect(writeResponseHeader(buf, 0, 258, 1)).toBe(5)
    expect([...buf]).toEqual([0, 0, 1, 2, 0])
    expect(decodeResponseHeader(buf, 1)).toEqual({ correlationId: 258, headerSize: 5 })
  })
})
