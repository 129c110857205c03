import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { HandlerTable } from '../../../src/broker/handlers/api-handler.js'
import { Broker } from '../../../src/broker/index.js'
import {
  ApiVersionsResponseSchema,
  decodeMessage,
  encodeRequest,
  ErrorCode,
  Writer,
} from '../../../src/broker/protocol/index.js'
import { RequestDispatcher } from '../../../src/broker/server/request-dispatcher.js'
import type { ConnectionInfo } from '../../../src/broker/server/frame-processor.js'
import type { Logger } from '../../../src/logging/index.js'
import { silentLogger } from '../../../src/logging/index.js'
import { WireClient } from '../handlers/wire-client.js'
import { RawClient } from './raw-client.js'

/** A raw request frame (size prefix included) with an arbitrary header and body. */
function rawRequest(apiKey: number, version: number, correlationId: number, body = Buffer.alloc(0), flexibleHeader = false): Buffer {
  const w = new Writer(64)
  w.int32(0).int16(apiKey).int16(version).int32(correlationId).nullableString('raw')
  if (flexibleHeader) w.emptyTaggedFields()
  const head = w.toBuffer()
  const frame = Buffer.concat([head, body])
  frame.writeInt32BE(frame.length - 4, 0)
  return frame
}

describe('RequestDispatcher over a running broker', () => {
  let broker: Broker
  const clients: RawClient[] = []

  beforeAll(async () => {
    broker = await Broker.start({ port: 0, logger: silentLogger, groupInitialRebalanceDelayMs: 0 })
  })

  afterEach(() => {
    for (const c of clients.splice(0)) c.close()
  })

  afterAll(async () => {
    await broker?.stop()
  })

  async function raw(): Promise<RawClient> {
    const c = await RawClient.connect(broker.address.port)
    clients.push(c)
    return c
  }

  it('advertises every served API from version 0, the transactional APIs at protocol.md versions included', async () => {
    const client = await WireClient.connect(broker.address.port)
    try {
      for (const version of [0, 1, 2, 3]) {
        const body =
          version === 3
            ? await client.request(18, 3, { clientSoftwareName: 'wire-test', clientSoftwareVersion: '1.0' })
            : await client.request(18, version, {})
        expect(body.errorCode).toBe(0)
        const keys = new Map(body.apiKeys.map((k) => [k.apiKey, [k.minVersion, k.maxVersion]]))
        expect(keys.get(0)).toEqual([0, 7])
        expect(keys.get(1)).toEqual([0, 11])
        expect(keys.get(3)).toEqual([0, 4])
        expect(keys.get(18)).toEqual([0, 3])
        expect(keys.get(22)).toEqual([0, 1])
        for (const txn of [24, 25, 26, 28]) expect(keys.get(txn)).toEqual([0, 1])
        expect([...keys.values()].every(([min]) => min === 0)).toBe(true)
      }
    } finally {
      client.close()
    }
  })

  it('answers ApiVersions v3 with an invalid client software name with INVALID_REQUEST', async () => {
    const client = await WireClient.connect(broker.address.port)
    try {
      const body = await client.request(18, 3, { clientSoftwareName: '-bad name-', clientSoftwareVersion: '1' })
      expect(body.errorCode).toBe(ErrorCode.INVALID_REQUEST)
    } finally {
      client.close()
    }
  })

  it('answers an unsupported ApiVersions version with the v0 fallback and keeps the connection', async () => {
    const c = await raw()
    c.sendRaw(rawRequest(18, 7, 77, Buffer.from([0x01, 0x02, 0x03]), true))
    const [frame] = await c.waitForFrames(1)
    expect(frame!.readInt32BE(0)).toBe(77)
    const body = decodeMessage(ApiVersionsResponseSchema, 0, frame!.subarray(4))
    expect(body).toMatchObject({ errorCode: ErrorCode.UNSUPPORTED_VERSION, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 3 }] })
    c.sendRaw(rawRequest(18, 0, 78))
    const frames = await c.waitForFrames(2)
    expect(frames[1]!.readInt32BE(0)).toBe(78)
  })

  it('closes the connection on an unknown API key', async () => {
    const c = await raw()
    c.sendRaw(rawRequest(99, 0, 1))
    await c.waitForClose()
    expect(c.frames).toHaveLength(0)
  })

  it('closes the connection on an unsupported version of another API', async () => {
    const c = await raw()
    c.sendRaw(rawRequest(3, 9, 1))
    await c.waitForClose()
  })

  it('closes the connection on a body that cannot be decoded', async () => {
    const c = await raw()
    // Metadata v4 whose topic array claims 5 entries and ends.
    c.sendRaw(rawRequest(3, 4, 1, Buffer.from([0, 0, 0, 5])))
    await c.waitForClose()
  })

  it('closes the connection on a frame too short for a header', async () => {
    const c = await raw()
    c.sendRaw(Buffer.from([0, 0, 0, 3, 0, 18, 0]))
    await c.waitForClose()
  })

  it('answers later requests behind a parked JoinGroup, in request order', async () => {
    const client = await WireClient.connect(broker.address.port)
    try {
      const join = (memberId: string) => ({
        groupId: 'ordered',
        sessionTimeoutMs: 10_000,
        rebalanceTimeoutMs: 10_000,
        memberId,
        groupInstanceId: null,
        protocolType: 'consumer',
        protocols: [{ name: 'range', metadata: Buffer.from([0, 1]) }],
      })
      const first = await client.request(11, 5, join(''))
      expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED)
      const joined = await client.request(11, 5, join(first.memberId))
      expect(joined).toMatchObject({ errorCode: 0, generationId: 1, leader: first.memberId, protocolName: 'range' })
      // A second member's JoinGroup parks until the first rejoins; a Metadata request behind it waits too.
      const other = await WireClient.connect(broker.address.port)
      try {
        const pending = await other.request(11, 5, join(''))
        const parkedId = other.send(11, 5, join(pending.memberId))
        const metaId = other.send(3, 4, { topics: [], allowAutoTopicCreation: false })
        await new Promise((r) => setTimeout(r, 100))
        expect(other.raw.frames).toHaveLength(1)
        // The first member rejoins (its heartbeat would say REBALANCE_IN_PROGRESS): the rebalance completes.
        const rejoined = await client.request(11, 5, join(first.memberId))
        expect(rejoined.generationId).toBe(2)
        const a = await other.next(11, 5)
        const b = await other.next(3, 4)
        expect([a.correlationId, b.correlationId]).toEqual([parkedId, metaId])
        expect(a.body.generationId).toBe(2)
      } finally {
        other.close()
      }
    } finally {
      client.close()
    }
  })
})

describe('RequestDispatcher with a failing handler', () => {
  const connection: ConnectionInfo = {
    id: 1,
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    closed: new Promise(() => {}),
    isClosed: false,
    onClose: () => () => {},
  }
  const errors: string[] = []
  const logger: Logger = { ...silentLogger, error: (...args: unknown[]) => void errors.push(String(args[1] ?? args[0])), child: () => logger }

  it('answers with the handler error response and UNKNOWN_SERVER_ERROR when the handler throws', async () => {
    const handlers: HandlerTable = {
      10: {
        apiKey: 10,
        handle: () => {
          throw new Error('boom')
        },
        errorResponse: (_r, errorCode) => ({ errorCode, errorMessage: null, nodeId: -1, host: '', port: -1 }),
      },
    }
    const dispatcher = new RequestDispatcher(handlers, logger)
    const outcome = await dispatcher.process(encodeRequest(10, 2, 5, 'x', { key: 'g', keyType: 0 }).subarray(4), connection)
    expect(outcome.kind).toBe('respond')
    const frame = Buffer.concat(outcome.kind === 'respond' ? [...outcome.buffers] : [])
    expect(frame.readInt32BE(4)).toBe(5)
    // throttle_time_ms (4 bytes) then error_code.
    expect(frame.readInt16BE(12)).toBe(ErrorCode.UNKNOWN_SERVER_ERROR)
    expect(errors.some((e) => e.includes('answering UNKNOWN_SERVER_ERROR'))).toBe(true)
  })

  it('closes when a handler without an error response rejects', async () => {
    const handlers: HandlerTable = { 10: { apiKey: 10, handle: () => Promise.reject(new Error('async boom')) } }
    const dispatcher = new RequestDispatcher(handlers, logger)
    const outcome = await dispatcher.process(encodeRequest(10, 2, 5, 'x', { key: 'g', keyType: 0 }).subarray(4), connection)
    expect(outcome).toEqual({ kind: 'close', reason: 'handler failed' })
  })

  it('closes on an API key that has a schema but no handler', async () => {
    const dispatcher = new RequestDispatcher({}, silentLogger)
    const outcome = await dispatcher.process(encodeRequest(10, 2, 5, 'x', { key: 'g', keyType: 0 }).subarray(4), connection)
    expect(outcome.kind).toBe('close')
  })
})
