import { createServer, type Server, type Socket } from 'node:net'
import type { Logger } from '../../logging/index.js'
import { BrokerStateError } from '../broker-error.js'
import type { FrameProcessor } from './frame-processor.js'
import { Connection } from './internal/connection.js'

/** Options of a `BrokerServer`. */
export interface BrokerServerOptions {
  /** Interface to bind (e.g. `127.0.0.1`). */
  readonly host: string
  /** Port to bind; 0 picks an ephemeral one. */
  readonly port: number
  /** Largest request frame accepted; larger or negative sizes close the connection. */
  readonly maxRequestBytes: number
  /** Connections accepted at once; further ones are closed right after accept. */
  readonly maxConnections: number
  /** Requests in flight per connection before reading pauses (default 1000). */
  readonly maxInFlightRequests?: number
  /** Write-buffer bytes per connection before reading pauses (default 16 MiB). */
  readonly writeHighWaterBytes?: number
  /** Turns request frames into responses. */
  readonly processor: FrameProcessor
  readonly logger: Logger
}

/** The address a server is bound to. */
export interface ServerAddress {
  readonly host: string
  readonly port: number
}

/**
 * The broker's TCP listener: accepts connections (up to `maxConnections`), runs each through a
 * `Connection` (framing, ordered responses, backpressure) and stops cleanly. It knows nothing of
 * the Kafka protocol beyond the size prefix; the `FrameProcessor` does the rest.
 */
export class BrokerServer {
  private readonly options: BrokerServerOptions
  private readonly logger: Logger
  private readonly connections = new Set<Connection>()
  private server: Server | undefined
  private boundAddress: ServerAddress | undefined
  private nextConnectionId = 1
  private stopping = false

  constructor(options: BrokerServerOptions) {
    this.options = options
    this.logger = options.logger
  }

  /** The bound address; throws before `listen()` resolved. */
  get address(): ServerAddress {
    if (!this.boundAddress) throw new BrokerStateError('the server is not listening')
    return this.boundAddress
  }

  /** Open connections right now. */
  get connectionCount(): number {
    return this.connections.size
  }

  /**
   * Binds and starts accepting connections.
   * @throws Error from the OS when the address cannot be bound (e.g. EADDRINUSE).
   */
  async listen(): Promise<ServerAddress> {
    if (this.server) throw new BrokerStateError('the server is already listening')
    const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => this.accept(socket))
    server.on('error', (err) => this.logger.error({ err }, 'server socket error'))
    this.server = server
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => reject(err)
      server.once('error', onError)
      server.listen({ host: this.options.host, port: this.options.port }, () => {
        server.off('error', onError)
        resolve()
      })
    })
    const addr = server.address()
    if (addr === null || typeof addr === 'string') throw new BrokerStateError('server bound to a non-TCP address')
    this.boundAddress = { host: addr.address, port: addr.port }
    return this.boundAddress
  }

  /** Stops accepting new connections (already open ones keep working). */
  stopAccepting(): void {
    this.stopping = true
    this.server?.close()
  }

  /**
   * Stops the server: no new connections; each open connection stops reading, writes the
   * responses it still owes (parked requests must be answered by their owners meanwhile) and
   * closes. Connections still open after `graceMs` are destroyed.
   */
  async stop(options: { graceMs?: number } = {}): Promise<void> {
    this.stopAccepting()
    const server = this.server
    const closedAll = Promise.all([...this.connections].map((c) => c.closed))
    for (const c of this.connections) c.shutdown()
    const graceMs = options.graceMs ?? 2000
    let timer: NodeJS.Timeout | undefined
    await Promise.race([closedAll, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))])
    clearTimeout(timer)
    for (const c of this.connections) c.destroy()
    await Promise.all([...this.connections].map((c) => c.closed))
    if (server) await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()))
  }

  private accept(socket: Socket): void {
    if (this.stopping) {
      socket.destroy()
      return
    }
    if (this.connections.size >= this.options.maxConnections) {
      this.logger.warn(
        { remote: `${socket.remoteAddress}:${socket.remotePort}`, maxConnections: this.options.maxConnections },
        'connection refused: maxConnections reached',
      )
      socket.destroy()
      return
    }
    const id = this.nextConnectionId++
    const connection = new Connection(
      socket,
      id,
      this.options.processor,
      {
        maxRequestBytes: this.options.maxRequestBytes,
        maxInFlightRequests: this.options.maxInFlightRequests ?? 1000,
        writeHighWaterBytes: this.options.writeHighWaterBytes ?? 16 * 1024 * 1024,
      },
      this.logger,
    )
    this.connections.add(connection)
    this.logger.debug({ connection: id, remote: `${connection.remoteAddress}:${connection.remotePort}` }, 'connection opened')
    void connection.closed.then(() => {
      this.connections.delete(connection)
      this.logger.debug({ connection: id }, 'connection closed')
    })
  }
}
