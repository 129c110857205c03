import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/broker/protocol/api-key.js'
import { isValidClientSoftwareField } from '../../../src/broker/protocol/messages/api-versions.js'
import { decodeRecords } from '../../../src/broker/protocol/records/record-decoder.js'
import { validateRecordSet } from '../../../src/broker/protocol/records/record-batch.js'
import { decodeRequestBody, encodeRequestBody } from '../../../src/broker/protocol/registry.js'
import { decodeRequestHeader } from '../../../src/broker/protocol/request-header.js'
import { captureKafkajsProduce, captureKcat } from './fixtures/capture-clients.js'
import type { CapturedRequest } from './fixtures/capture-server.js'

function fixture(name: string): Buffer {
  return readFileSync(new URL(`./fixtures/${name}.bin`, import.meta.url))
}

/** Decodes header + body and checks that re-encoding the body reproduces the client's bytes exactly. */
function decodeExact<K extends 0 | 3 | 18>(frame: Buffer, apiKey: K, apiVersion: number) {
  const header = decodeRequestHeader(frame)
  expect(header.apiKey).toBe(apiKey)
  expect(header.apiVersion).toBe(apiVersion)
  const bodyBytes = frame.subarray(header.headerSize)
  const body = decodeRequestBody(apiKey, apiVersion, bodyBytes)
  expect(encodeRequestBody(apiKey, apiVersion, body as never).toBuffer().equals(bodyBytes)).toBe(true)
  return { header, body }
}

describe('real client request fixtures', () => {
  it('reads the kafkajs ApiVersions v2 request (header v1, empty body)', () => {
    const frame = fixture('kafkajs-api-versions-v2')
    const { header, body } = decodeExact(frame, ApiKey.ApiVersions, 2)
    expect(header).toEqual({ apiKey: 18, apiVersion: 2, correlationId: 0, clientId: 'fixture-client', headerSize: 24, headerVersion: 1 })
    expect(header.headerSize).toBe(frame.length)
    expect(body).toEqual({ clientSoftwareName: '', clientSoftwareVersion: '' })
  })

  it('reads the kcat ApiVersions v3 request (header v2, compact strings, tags)', () => {
    const frame = fixture('kcat-api-versions-v3')
    const { header, body } = decodeExact(frame, ApiKey.ApiVersions, 3)
    expect(header).toMatchObject({ correlationId: 1, clientId: 'rdkafka', headerVersion: 2, headerSize: 18 })
    expect(body).toEqual({ clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' })
    expect(isValidClientSoftwareField(body.clientSoftwareName) && isValidClientSoftwareField(body.clientSoftwareVersion)).toBe(true)
  })

  it('reads the kafkajs and kcat Metadata v4 requests', () => {
    expect(decodeExact(fixture('kafkajs-metadata-v4'), ApiKey.Metadata, 4).body).toEqual({
      topics: [{ name: 't' }],
      allowAutoTopicCreation: true,
    })
    const all = decodeExact(fixture('kcat-metadata-v4-all-topics'), ApiKey.Metadata, 4)
    expect(all.header.clientId).toBe('rdkafka')
    expect(all.body).toEqual({ topics: null, allowAutoTopicCreation: true })
    expect(decodeExact(fixture('kcat-metadata-v4'), ApiKey.Metadata, 4).body).toEqual({
      topics: [{ name: 't' }],
      allowAutoTopicCreation: true,
    })
  })

  it('reads the kafkajs Produce v7 request and its record batch', () => {
    const { body } = decodeExact(fixture('kafkajs-produce-v7'), ApiKey.Produce, 7)
    expect(body).toMatchObject({ transactionalId: null, acks: 1, timeoutMs: 30000 })
    const p = body.topicData[0]?.partitionData[0]
    expect(body.topicData[0]?.name).toBe('t')
    expect(p?.index).toBe(0)
    const records = p?.records ?? Buffer.alloc(0)
    const v = validateRecordSet(records)
    expect(v.errorCode).toBe(0)
    // kafkajs: producerId -1 with epoch 0 and sequence 0 when not idempotent (protocol.md §2.1)
    expect(v.batches[0]).toMatchObject({ producerId: -1n, producerEpoch: 0, baseSequence: 0, recordsCount: 1, baseTimestamp: 1700000000000n })
    const [r] = decodeRecords(records)
    expect(r?.key?.toString()).toBe('key-1')
    expect(r?.value?.toString()).toBe('value-1')
    expect(r?.timestamp).toBe(1700000000000n)
    expect(r?.headers.map((h) => [h.key, h.value?.toString()])).toEqual([['h', 'hv']])
  })

  it('reads the kcat Produce v7 request and its record batch', () => {
    const { body } = decodeExact(fixture('kcat-produce-v7'), ApiKey.Produce, 7)
    expect(body).toMatchObject({ transactionalId: null, acks: -1 })
    const records = body.topicData[0]?.partitionData[0]?.records ?? Buffer.alloc(0)
    const v = validateRecordSet(records)
    expect(v.errorCode).toBe(0)
    expect(v.batches[0]).toMatchObject({ producerId: -1n, producerEpoch: -1, baseSequence: -1, recordsCount: 1 })
    const [r] = decodeRecords(records)
    expect(r?.key?.toString()).toBe('key-1')
    expect(r?.value?.toString()).toBe('value-1')
  })

  it('decodes a corrupted fixture to a CORRUPT_MESSAGE validation result, not an exception', () => {
    const { body } = decodeExact(fixture('kcat-produce-v7'), ApiKey.Produce, 7)
    const records = Buffer.from(body.topicData[0]?.partitionData[0]?.records ?? Buffer.alloc(0))
    records[records.length - 2] = (records[records.length - 2] as number) ^ 0x40
    expect(validateRecordSet(records).errorCode).toBe(2)
  })
})

function byApi(requests: CapturedRequest[], apiKey: number): CapturedRequest[] {
  return requests.filter((r) => r.header.apiKey === apiKey)
}

describe('live capture from the installed clients', () => {
  it('kafkajs sends ApiVersions v2, Metadata v4 and Produce v7 identical to the fixtures', async () => {
    const requests = await captureKafkajsProduce()
    expect(requests.map((r) => [r.header.apiKey, r.header.apiVersion])).toEqual([
      [18, 2],
      [3, 4],
      [0, 7],
    ])
    expect(byApi(requests, 18)[0]?.frame.equals(fixture('kafkajs-api-versions-v2'))).toBe(true)
    expect(byApi(requests, 3)[0]?.frame.equals(fixture('kafkajs-metadata-v4'))).toBe(true)
    expect(byApi(requests, 0)[0]?.frame.equals(fixture('kafkajs-produce-v7'))).toBe(true)
  })

  it('kcat -L sends ApiVersions v3 then Metadata v4 (brokers-only and all topics) and accepts our responses', async () => {
    const { exitCode, requests } = await captureKcat('list')
    expect(exitCode).toBe(0)
    expect(requests[0]?.frame.equals(fixture('kcat-api-versions-v3'))).toBe(true)
    const metadata = byApi(requests, 3)
    expect(metadata.length).toBeGreaterThan(0)
    // librdkafka sends a brokers-only refresh (empty topic list) and the all-topics request (null).
    const bodies = metadata.map((m) => {
      expect(m.header.apiVersion).toBe(4)
      return decodeRequestBody(ApiKey.Metadata, 4, m.frame.subarray(m.header.headerSize))
    })
    for (const b of bodies) expect(b.topics === null || b.topics.length === 0).toBe(true)
    expect(bodies.some((b) => b.topics === null)).toBe(true)
  })

  it('kcat -P produces a valid v2 batch through Produce v7 and exits cleanly on our response', async () => {
    const { exitCode, requests } = await captureKcat('produce')
    expect(exitCode).toBe(0)
    const [produce] = byApi(requests, 0)
    expect(produce?.header.apiVersion).toBe(7)
    const body = decodeRequestBody(ApiKey.Produce, 7, (produce as CapturedRequest).frame.subarray(produce?.header.headerSize))
    const records = body.topicData[0]?.partitionData[0]?.records ?? Buffer.alloc(0)
    expect(validateRecordSet(records).errorCode).toBe(0)
    expect(decodeRecords(records)[0]?.value?.toString()).toBe('value-1')
  })
})
