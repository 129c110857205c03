import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../../src/logging/index.js'
import { BrokerServer } from '../../../src/broker/server/broker-server.js'
import type { ConnectionInfo, FrameOutcome, FrameProcessor } from '../../../src/broker/server/frame-processor.js'
import { RawClient } from './raw-client.js'

function respond(text: string): FrameOutcome {
  const body = Buffer.from(text)
  const size = Buffer.alloc(4)
  size.writeInt32BE(body.length)
  return { kind: 'respond', buffers: [size, body] }
}

/** Echoes frames; `hold:<name>` parks until `release(name)`; `close`, `none`, `throw`, `reject` as named. */
class FakeProcessor implements FrameProcessor {
  readonly held = new Map<string, (o: FrameOutcome) => void>()
  readonly seen: string[] = []
  connections: ConnectionInfo[] = []

  process(frame: Buffer, connection: ConnectionInfo): FrameOutcome | Promise<FrameOutcome> {
    const text = frame.toString()
    this.seen.push(text)
    if (!this.connections.includes(connection)) this.connections.push(connection)
    if (text.startsWith('hold:')) {
      return new Promise((resolve) => this.held.set(text.slice(5), resolve))
    }
    if (text === 'close') return { kind: 'close', reason: 'test' }
    if (text === 'none') return { kind: 'none' }
    if (text === 'throw') throw new Error('boom')
    if (text === 'reject') return Promise.reject(new Error('async boom'))
    if (text === 'big') {
      const size = Buffer.alloc(4)
      size.writeInt32BE(256 * 1024)
      return { kind: 'respond', buffers: [size, Buffer.alloc(256 * 1024, 1)] }
    }
    return respond(`echo:${text}`)
  }

  release(name: string, text = `released:${name}`): void {
    const resolve = this.held.get(name)
    if (!resolve) throw new Error(`nothing held as ${name}`)
    this.held.delete(name)
    resolve(respond(text))
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setImmediate(r))
  }
}

describe('BrokerServer', () => {
  let server: BrokerServer | undefined
  const clients: RawClient[] = []

  async function start(processor: FrameProcessor, overrides: { maxConnections?: number; maxRequestBytes?: number } = {}) {
    server = new BrokerServer({
      host: '127.0.0.1',
      port: 0,
      maxRequestBytes: overrides.maxRequestBytes ?? 1024 * 1024,
      maxConnections: overrides.maxConnections ?? 10,
      processor,
      logger: silentLogger,
    })
    return server.listen()
  }

  async function client(port: number): Promise<RawClient> {
    const c = await RawClient.connect(port)
    clients.push(c)
    return c
  }

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close()
    await server?.stop({ graceMs: 100 })
    server = undefined
  })

  it('binds 127.0.0.1 on an ephemeral port when asked for port 0', async () => {
    const address = await start(new FakeProcessor())
    expect(address.host).toBe('127.0.0.1')
    expect(address.port).toBeGreaterThan(0)
  })

  it('answers in request order when an earlier request is parked', async () => {
    const processor = new FakeProcessor()
    const { port } = await start(processor)
    const c = await client(port)
    c.send(Buffer.from('hold:a'))
    c.send(Buffer.from('second'))
    c.send(Buffer.from('third'))
    await until(() => processor.seen.length === 3, 'all three processed')
    expect(c.frames).toHaveLength(0)
    processor.release('a')
    const frames = await c.waitForFrames(3)
    expect(frames.map(String)).toEqual(['released:a', 'echo:second', 'echo:third'])
  })

  it('keeps order when parked requests settle in reverse order', async () => {
    const processor = new FakeProcessor()
    const { port } = await start(processor)
    const c = await client(port)
    c.send(Buffer.from('hold:1'))
    c.send(Buffer.from('hold:2'))
    c.send(Buffer.from('none'))
    c.send(Buffer.from('tail'))
    await until(() => processor.held.size === 2 && processor.seen.length === 4, 'requests processed')
    processor.release('2')
    processor.release('1')
    const frames = await c.waitForFrames(3)
    expect(frames.map(String)).toEqual(['released:1', 'released:2', 'echo:tail'])
  })

  it('sends nothing for a no-response outcome', async () => {
    const processor = new FakeProcessor()
    const { port } = await start(processor)
    const c = await client(port)
    c.send(Buffer.from('none'))
    c.send(Buffer.from('after'))
    expect((await c.waitForFrames(1)).map(String)).toEqual(['echo:after'])
  })

  it('closes the connection after earlier responses when told to close', async () => {
    const processor = new FakeProcessor()
    const { port } = await start(processor)
    const c = await client(port)
    c.sendRaw(Buffer.concat([Buffer.from([0, 0, 0, 5]), Buffer.from('first'), Buffer.from([0, 0, 0, 5]), Buffer.from('close'), Buffer.from([0, 0, 0, 4]), Buffer.from('late')]))
    await c.waitForClose()
    expect(c.frames.map(String)).toEqual(['echo:first'])
    expect(processor.seen).not.toContain('late')
  })

  it('closes the connection when a frame is larger than maxRequestBytes, and keeps serving others', async () => {
    const processor = new FakeProcessor()
    const { port } = await start(processor, { maxRequestBytes: 64 })
    const bad = await client(port)
    const good = await client(port)
    bad.send(Buffer.alloc(65))
    await bad.waitForClose()
    good.send(Buffer.from('still here'))
    expect((await good.waitForFrames(1)).map(String)).toEqual(['echo:still here'])
  })

  it('closes the connection on a negative frame size', async () => {
    const { port } = await start(new FakeProcessor())
    const c = await client(port)
    c.sendRaw(Buffer.from([0x80, 0, 0, 0]))
    await c.waitForClose()
  })

  it('closes only the offending connection when processing throws or rejects', async () => {
    const processor = new FakeProcessor()
    const { port } = await start(processor)
    const a = await client(port)
    const b = await client(port)
    const other = await client(port)
    a.send(Buffer.from('throw'))
    b.send(Buffer.from('reject'))
    await a.waitForClose()
    await b.waitForClose()
    other.send(Buffer.from('ok'))
    expect((await other.waitForFrames(1)).map(String)).toEqual(['echo:ok'])
  })

  it('refuses connections beyond maxConnections', async () => {
    const { port } = await start(new FakeProcessor(), { maxConnections: 2 })
    const a = await client(port)
    const b = await client(port)
    await until(() => server!.connectionCount === 2, 'two connections')
    const c = await client(port)
    await c.waitForClose()
    a.send(Buffer.from('a'))
    b.send(Buffer.from('b'))
    expect((await a.waitForFrames(1)).map(String)).toEqual(['echo:a'])
    expect((await b.waitForFrames(1)).map(String)).toEqual(['echo:b'])
  })

  it('answers requests sent before a client half-closes', async () => {
    const processor = new FakeProcessor()
    const { port } = await start(processor)
    const c = await client(port)
    c.send(Buffer.from('hold:x'))
    c.socket.end()
    await until(() => processor.held.size === 1, 'request parked')
    processor.release('x')
    const frames = await c.waitForFrames(1)
    expect(frames.map(String)).toEqual(['released:x'])
    await c.waitForClose()
  })

  it('stop() writes responses parked requests still owe, then closes every socket', async () => {
    const processor = new FakeProcessor()
    const { port } = await start(processor)
    const c = await client(port)
    c.send(Buffer.from('hold:p'))
    await until(() => processor.held.size === 1, 'request parked')
    const stopped = server!.stop({ graceMs: 2000 })
    processor.release('p')
    await stopped
    await c.waitForClose()
    expect(c.frames.map(String)).toEqual(['released:p'])
    expect(processor.connections[0]?.isClosed).toBe(true)
    server = undefined
  })

  it('stop() destroys connections whose parked requests never settle after the grace period', async () => {
    const processor = new FakeProcessor()
    const { port } = await start(processor)
    const c = await client(port)
    c.send(Buffer.from('hold:forever'))
    await until(() => processor.held.size === 1, 'request parked')
    await server!.stop({ graceMs: 50 })
    await c.waitForClose()
    server = undefined
  })

  it('pauses reading while too many requests are in flight and resumes when they settle', async () => {
    const processor = new FakeProcessor()
    server = new BrokerServer({
      host: '127.0.0.1',
      port: 0,
      maxRequestBytes: 1024,
      maxConnections: 10,
      maxInFlightRequests: 2,
      processor,
      logger: silentLogger,
    })
    const { port } = await server.listen()
    const c = await client(port)
    c.send(Buffer.from('hold:1'))
    c.send(Buffer.from('hold:2'))
    c.send(Buffer.from('third'))
    await until(() => processor.held.size === 2, 'two parked')
    // Give the socket a chance to deliver the third frame: it must not be processed yet.
    await new Promise((r) => setImmediate(r))
    expect(processor.seen).toEqual(['hold:1', 'hold:2'])
    processor.release('1')
    processor.release('2')
    const frames = await c.waitForFrames(3)
    expect(frames.map(String)).toEqual(['released:1', 'released:2', 'echo:third'])
  })

  it('stops reading requests while a client does not read its responses, and resumes when it does', async () => {
    const processor = new FakeProcessor()
    server = new BrokerServer({
      host: '127.0.0.1',
      port: 0,
      maxRequestBytes: 1024,
      maxConnections: 10,
      writeHighWaterBytes: 256 * 1024,
      processor,
      logger: silentLogger,
    })
    const { port } = await server.listen()
    const c = await client(port)
    c.socket.pause()
    const total = 150
    for (let i = 0; i < total; i++) c.send(Buffer.from('big'))
    // Wait until processing stalls: the kernel buffers fill, the server's write buffer passes the mark.
    let last = -1
    while (processor.seen.length !== last) {
      last = processor.seen.length
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(processor.seen.length).toBeLessThan(total)
    c.socket.resume()
    const frames = await c.waitForFrames(total, 20_000)
    expect(frames).toHaveLength(total)
    expect(processor.seen.length).toBe(total)
  })
})
