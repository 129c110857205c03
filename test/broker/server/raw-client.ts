import { connect, type Socket } from 'node:net'
import { FrameReader } from '../../../src/broker/server/internal/frame-reader.js'

/** A bare TCP client for server tests: sends raw frames, collects size-delimited responses. */
export class RawClient {
  readonly frames: Buffer[] = []
  closed = false
  private readonly reader = new FrameReader(1 << 30)
  private waiters: Array<() => void> = []

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.reader.push(chunk)
      for (let f = this.reader.next(); f !== null; f = this.reader.next()) this.frames.push(Buffer.from(f))
      this.wake()
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      this.closed = true
      this.wake()
    })
  }

  static async connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    const socket = connect({ port, host })
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('error', reject)
    })
    return new RawClient(socket)
  }

  /** Writes a frame body with its int32 size prefix. */
  send(body: Buffer): void {
    const size = Buffer.alloc(4)
    size.writeInt32BE(body.length)
    this.socket.write(Buffer.concat([size, body]))
  }

  /** Writes raw bytes as they are. */
  sendRaw(bytes: Buffer): void {
    this.socket.write(bytes)
  }

  /** Waits (bounded) until `count` response frames arrived or the socket closed. */
  async waitForFrames(count: number, timeoutMs = 5000): Promise<Buffer[]> {
    const deadline = Date.now() + timeoutMs
    while (this.frames.length < count && !this.closed) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out waiting for ${count} frames (got ${this.frames.length})`)
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(t)
          resolve()
        })
      })
    }
    return this.frames.slice(0, count)
  }

  /** Waits (bounded) until the server closes the connection. */
  async waitForClose(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!this.closed) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error('timed out waiting for the server to close the connection')
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(t)
          resolve()
        })
      })
    }
  }

  close(): void {
    this.socket.destroy()
  }

  private wake(): void {
    const w = this.waiters
    this.waiters = []
    for (const f of w) f()
  }
}
