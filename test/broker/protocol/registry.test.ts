import { describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/broker/protocol/api-key.js'
import { UnsupportedVersionError } from '../../../src/broker/protocol/errors.js'
import {
  API_DEFINITIONS,
  apiDefinition,
  apiVersionsEntries,
  decodeRequestBody,
  decodeResponseBody,
  encodeRequestBody,
  encodeResponseBody,
  isVersionSupported,
  requestHeaderVersion,
  responseHeaderVersion,
} from '../../../src/broker/protocol/registry.js'

/** protocol.md §1.3 "Advertise" column. */
const ADVERTISED: Record<number, number> = {
  0: 7, 1: 11, 2: 2, 3: 4, 8: 5, 9: 4, 10: 2, 11: 5, 12: 3, 13: 1, 14: 3, 15: 2, 16: 2, 18: 3, 19: 3, 20: 1,
  21: 1, 22: 1, 24: 1, 25: 1, 26: 1, 28: 1, 32: 1, 33: 1, 37: 1, 42: 1, 44: 1,
}

describe('registry', () => {
  it('advertises exactly the ranges of protocol.md, min 0 everywhere, each key once in order', () => {
    const entries = apiVersionsEntries()
    expect(entries.map((e) => [e.apiKey, e.minVersion, e.maxVersion])).toEqual(
      Object.entries(ADVERTISED).map(([k, max]) => [Number(k), 0, max]),
    )
  })

  it('looks up definitions by key and returns undefined for unknown keys', () => {
    expect(apiDefinition(ApiKey.Fetch).name).toBe('Fetch')
    expect(apiDefinition(ApiKey.Fetch).flexibleFrom).toBe(12)
    expect(apiDefinition(17)).toBeUndefined()
    expect(apiDefinition(-1)).toBeUndefined()
    expect(API_DEFINITIONS.length).toBe(27)
  })

  it('answers whether a version is supported', () => {
    expect(isVersionSupported(ApiKey.Produce, 7)).toBe(true)
    expect(isVersionSupported(ApiKey.Produce, 8)).toBe(false)
    expect(isVersionSupported(ApiKey.ListOffsets, 3)).toBe(false)
    expect(isVersionSupported(999, 0)).toBe(false)
  })

  it('uses request header v2 only for flexible versions (ApiVersions v3+, IncrementalAlterConfigs v1)', () => {
    expect(requestHeaderVersion(ApiKey.ApiVersions, 2)).toBe(1)
    expect(requestHeaderVersion(ApiKey.ApiVersions, 3)).toBe(2)
    expect(requestHeaderVersion(ApiKey.ApiVersions, 4)).toBe(2)
    expect(requestHeaderVersion(ApiKey.IncrementalAlterConfigs, 0)).toBe(1)
    expect(requestHeaderVersion(ApiKey.IncrementalAlterConfigs, 1)).toBe(2)
    expect(requestHeaderVersion(ApiKey.Fetch, 11)).toBe(1)
    expect(requestHeaderVersion(ApiKey.Fetch, 12)).toBe(2)
    expect(requestHeaderVersion(999, 5)).toBe(1)
  })

  it('uses response header v1 for flexible versions except ApiVersions, which is always v0', () => {
    expect(responseHeaderVersion(ApiKey.ApiVersions, 3)).toBe(0)
    expect(responseHeaderVersion(ApiKey.ApiVersions, 0)).toBe(0)
    expect(responseHeaderVersion(ApiKey.IncrementalAlterConfigs, 1)).toBe(1)
    expect(responseHeaderVersion(ApiKey.IncrementalAlterConfigs, 0)).toBe(0)
    expect(responseHeaderVersion(ApiKey.Metadata, 4)).toBe(0)
  })

  it('refuses to decode or encode versions it does not advertise', () => {
    expect(() => decodeRequestBody(ApiKey.Produce, 8, Buffer.alloc(0))).toThrow(UnsupportedVersionError)
    expect(() => encodeResponseBody(ApiKey.Metadata, 5, {})).toThrow(UnsupportedVersionError)
    try {
      decodeRequestBody(ApiKey.Fetch, 12, Buffer.alloc(0))
    } catch (e) {
      expect((e as UnsupportedVersionError).code).toBe('KB_ERR_PROTOCOL_UNSUPPORTED_VERSION')
      expect((e as UnsupportedVersionError).apiKey).toBe(1)
      expect((e as UnsupportedVersionError).apiVersion).toBe(12)
    }
  })

  it('round-trips typed bodies through the key-based helpers', () => {
    const req = encodeRequestBody(ApiKey.FindCoordinator, 2, { key: 'group-1', keyType: 0 }).toBuffer()
    expect(decodeRequestBody(ApiKey.FindCoordinator, 2, req)).toEqual({ key: 'group-1', keyType: 0 })
    const res = encodeResponseBody(ApiKey.FindCoordinator, 2, { nodeId: 1, host: '127.0.0.1', port: 9092 }).toBuffer()
    expect(decodeResponseBody(ApiKey.FindCoordinator, 2, res)).toEqual({
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      nodeId: 1,
      host: '127.0.0.1',
      port: 9092,
    })
  })
})
