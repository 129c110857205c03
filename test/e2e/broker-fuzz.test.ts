import { connect, createServer, type Server, type Socket } from 'node:net'
import type { Kafka } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { FrameReader } from '../../src/broker/server/internal/frame-reader.js'
import type { Logger } from '../../src/logging/index.js'
import { kafkaFor, startTestBroker } from './broker-harness.js'

/** A logger that keeps error-level entries (the broker logs handler failures at error). */
function capturingLogger(errors: string[]): Logger {
  const noop = (): void => {}
  const logger: Logger = {
    trace: noop,
    debug: noop,
    info: noop,
    warn: noop,
    error: (a: unknown, b?: unknown) => void errors.push(typeof a === 'string' ? a : `${String(b)} ${String((a as { err?: unknown }).err)}`),
    fatal: (a: unknown, b?: unknown) => void errors.push(`FATAL ${String(b ?? a)}`),
    child: () => logger,
    isLevelEnabled: () => true,
  }
  return logger
}

/**
 * A TCP proxy in front of the broker that records every request frame clients send while
 * `recording` is on. It is bound before the broker starts, so the broker can advertise it.
 */
async function recordingProxy(frames: Buffer[]): Promise<{ server: Server; port: number; target: { port: number }; recording: { on: boolean } }> {
  const target = { port: 0 }
  const recording = { on: true }
  const server = createServer((client) => {
    const upstream = connect(target.port, '127.0.0.1')
    const reader = new FrameReader(1 << 30)
    client.on('data', (chunk: Buffer) => {
      reader.push(chunk)
      for (let f = reader.next(); f !== null; f = reader.next()) if (recording.on) frames.push(Buffer.from(f))
      upstream.write(chunk)
    })
    upstream.on('data', (chunk: Buffer) => client.write(chunk))
    const close = (): void => {
      client.destroy()
      upstream.destroy()
    }
    client.on('close', close)
    upstream.on('close', close)
    client.on('error', close)
    upstream.on('error', close)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('proxy has no port')
  return { server, port: address.port, target, recording }
}

/** A small deterministic PRNG (mulberry32) so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function sized(body: Buffer, declared = body.length): Buffer {
  const size = Buffer.alloc(4)
  size.writeInt32BE(declared)
  return Buffer.concat([size, body])
}

/** One fuzzed frame (size prefix included) derived from a captured request. */
function mutate(corpus: readonly Buffer[], random: () => number): Buffer {
  const pick = corpus[Math.floor(random() * corpus.length)]!
  const body = Buffer.from(pick)
  const kind = Math.floor(random() * 7)
  switch (kind) {
    case 0: {
      // Bit flips anywhere in the frame.
      const flips = 1 + Math.floor(random() * 8)
      for (let i = 0; i < flips; i++) {
        const at = Math.floor(random() * body.length)
        body[at] = body[at]! ^ (1 << Math.floor(random() * 8))
      }
      return sized(body)
    }
    case 1:
      // Truncated body with a consistent size prefix.
      return sized(body.subarray(0, Math.floor(random() * body.length)))
    case 2:
      // Wrong size prefix (too small, too large, negative, huge).
      return sized(body, [body.length - 3, body.length + 5, -1, 0x7fffffff, 0][Math.floor(random() * 5)]!)
    case 3:
      // Random API key and version over a valid body.
      body.writeInt16BE(Math.floor(random() * 80) - 5, 0)
      body.writeInt16BE(Math.floor(random() * 20) - 2, 2)
      return sized(body)
    case 4:
      // Random version of the same API.
      body.writeInt16BE(Math.floor(random() * 16), 2)
      return sized(body)
    case 5: {
      // Random bytes after a valid header.
      const keep = Math.min(body.length, 8 + Math.floor(random() * 16))
      const tail = Buffer.alloc(Math.floor(random() * 200))
      for (let i = 0; i < tail.length; i++) tail[i] = Math.floor(random() * 256)
      return sized(Buffer.concat([body.subarray(0, keep), tail]))
    }
    default: {
      // Overwrite a run of bytes with 0xff (lengths and counts become -1 or huge).
      const at = 8 + Math.floor(random() * Math.max(1, body.length - 8))
      body.fill(0xff, at, Math.min(body.length, at + 1 + Math.floor(random() * 4)))
      return sized(body)
    }
  }
}

/** How one connection fared: frames answered, connections the broker closed, frames left unanswered. */
interface FireStats {
  answered: number
  closed: number
  silent: number
}

/**
 * Sends `frames` one at a time over one connection and waits (at most `quietMs`) for the
 * broker to answer or close it. A connection that stays silent (an incomplete frame, a parked
 * request, acks=0) is dropped and a new one opened, so every frame meets a broker ready to read it.
 */
async function fire(port: number, frames: readonly Buffer[], quietMs = 60): Promise<FireStats> {
  const stats: FireStats = { answered: 0, closed: 0, silent: 0 }
  let socket: Socket | undefined
  let wake: ((what: 'data' | 'close') => void) | undefined
  const open = async (): Promise<Socket> => {
    const s = connect(port, '127.0.0.1')
    s.on('error', () => {})
    // Only the current socket may wake the waiting frame (a dropped socket's late 'close' must not).
    s.on('data', () => s === socket && wake?.('data'))
    s.on('close', () => s === socket && wake?.('close'))
    await new Promise<void>((resolve, reject) => {
      s.once('connect', resolve)
      s.once('error', reject)
    })
    return s
  }
  for (const frame of frames) {
    if (socket === undefined || socket.destroyed) socket = await open()
    const outcome = await new Promise<'data' | 'close' | 'quiet'>((resolve) => {
      const timer = setTimeout(() => resolve('quiet'), quietMs)
      wake = (what) => {
        clearTimeout(timer)
        resolve(what)
      }
      socket!.write(frame)
    })
    wake = undefined
    if (outcome === 'data') {
      stats.answered++
    } else if (outcome === 'close') {
      stats.closed++
      socket.destroy()
    } else {
      stats.silent++
      socket.destroy()
    }
  }
  socket?.destroy()
  return stats
}

describe('broker fuzzing', () => {
  let broker: Broker
  let kafka: Kafka
  let proxy: Awaited<ReturnType<typeof recordingProxy>>
  const errors: string[] = []
  const corpus: Buffer[] = []

  beforeAll(async () => {
    proxy = await recordingProxy(corpus)
    // Clients reach the broker through the proxy: it is the advertised address.
    broker = await startTestBroker({ logger: capturingLogger(errors), numPartitions: 2, advertisedPort: proxy.port })
    proxy.target.port = broker.address.port
    kafka = kafkaFor(broker)
  })

  afterAll(async () => {
    await broker?.stop()
    proxy?.server.close()
  })

  it('survives 10,000 random and mutated frames over 16 connections and still serves kafkajs', async () => {
    // 1. Capture real kafkajs requests of many kinds through a recording proxy.
    try {
      const viaProxy = kafka
      const admin = viaProxy.admin()
      await admin.connect()
      await admin.createTopics({ topics: [{ topic: 'fuzz-seed', numPartitions: 2 }] })
      await admin.describeConfigs({ includeSynonyms: true, resources: [{ type: 2, name: 'fuzz-seed' }] })
      const producer = viaProxy.producer()
      await producer.connect()
      await producer.send({ topic: 'fuzz-seed', messages: [{ key: 'k', value: 'v' }, { value: 'w' }] })
      await producer.disconnect()
      const consumer = viaProxy.consumer({ groupId: 'fuzz-seed-group', maxWaitTimeInMs: 50 })
      await consumer.connect()
      await consumer.subscribe({ topic: 'fuzz-seed', fromBeginning: true })
      let got!: () => void
      const received = new Promise<void>((resolve) => (got = resolve))
      await consumer.run({ eachMessage: async () => got() })
      await received
      await consumer.disconnect()
      await admin.fetchOffsets({ groupId: 'fuzz-seed-group', topics: ['fuzz-seed'] })
      await admin.listGroups()
      await admin.disconnect()
    } finally {
      proxy.recording.on = false
    }
    const apiKeys = new Set(corpus.map((f) => f.readInt16BE(0)))
    expect(apiKeys.size).toBeGreaterThanOrEqual(10)

    // 2. Fire 10,000 mutated frames over 16 concurrent connections.
    const random = prng(20_261_123)
    const total = 10_000
    const perConnection = total / 16
    const batches = Array.from({ length: 16 }, () => Array.from({ length: perConnection }, () => mutate(corpus, random)))
    const results = await Promise.all(batches.map((frames) => fire(broker.address.port, frames)))
    const sum = (k: keyof FireStats): number => results.reduce((n, r) => n + r[k], 0)
    expect(sum('answered') + sum('closed') + sum('silent')).toBe(total)
    // Both paths are exercised: requests answered (with error codes) and connections closed.
    expect(sum('answered')).toBeGreaterThan(total / 20)
    expect(sum('closed')).toBeGreaterThan(total / 10)

    // 3. The broker still works for a real client, and no handler ever failed unexpectedly.
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({ topic: 'after-fuzz', messages: [{ key: 'a', value: 'still alive' }] })
    await producer.disconnect()
    const consumer = kafka.consumer({ groupId: 'after-fuzz-group', maxWaitTimeInMs: 50 })
    await consumer.connect()
    await consumer.subscribe({ topic: 'after-fuzz', fromBeginning: true })
    const value = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(message.value!.toString()) })
    })
    await consumer.disconnect()
    expect(value).toBe('still alive')
    expect(errors).toEqual([])
  }, 60_000)
})
