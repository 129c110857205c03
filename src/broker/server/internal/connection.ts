import type { Socket } from 'node:net'
import type { Logger } from '../../../logging/index.js'
import { FrameSizeError } from '../../broker-error.js'
import type { ConnectionInfo, FrameOutcome, FrameProcessor } from '../frame-processor.js'
import { FrameReader } from './frame-reader.js'

/** Limits applied to one connection. */
export interface ConnectionLimits {
  /** Largest request frame accepted; larger (or negative) sizes close the connection. */
  readonly maxRequestBytes: number
  /** Requests in flight (processed or waiting to be answered) before reading pauses. */
  readonly maxInFlightRequests: number
  /** Bytes queued in the socket's write buffer before reading pauses. */
  readonly writeHighWaterBytes: number
}

/** A request slot in the ordered response queue; `outcome` is set when its processing settles. */
interface Slot {
  outcome: FrameOutcome | undefined
}

const CLOSE_AFTER_ERROR: FrameOutcome = Object.freeze({ kind: 'close', reason: 'request processing failed' })

/**
 * One client connection: reassembles request frames, hands them to the processor, and writes
 * the outcomes strictly in request order (a parked Fetch or JoinGroup holds back the responses
 * of later requests, which may still be processed meanwhile). Reading pauses while too many
 * requests are in flight or the socket's write buffer is large (backpressure).
 */
export class Connection implements ConnectionInfo {
  readonly id: number
  readonly remoteAddress: string
  readonly remotePort: number
  readonly closed: Promise<void>

  private readonly socket: Socket
  private readonly processor: FrameProcessor
  private readonly limits: ConnectionLimits
  private readonly logger: Logger
  private readonly reader: FrameReader
  private readonly queue: Slot[] = []
  private closing = false
  private closedFlag = false
  private readPaused = false
  private waitingForDrain = false
  private resolveClosed!: () => void
  private readonly closeListeners = new Set<() => void>()

  constructor(socket: Socket, id: number, processor: FrameProcessor, limits: ConnectionLimits, logger: Logger) {
    this.socket = socket
    this.id = id
    this.processor = processor
    this.limits = limits
    this.remoteAddress = socket.remoteAddress ?? 'unknown'
    this.remotePort = socket.remotePort ?? 0
    this.logger = logger.child({ connection: id, client: `${this.remoteAddress}:${this.remotePort}` })
    this.reader = new FrameReader(limits.maxRequestBytes)
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve
    })
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => this.onData(chunk))
    socket.on('drain', () => this.onDrain())
    socket.on('error', (err) => this.logger.debug({ err }, 'connection error'))
    socket.on('end', () => {
      // The client half-closed: answer what is in flight, then close our side.
      this.closing = true
      this.endWhenIdle()
    })
    socket.on('close', () => this.handleSocketClose())
  }

  /** True once the socket has closed. */
  get isClosed(): boolean {
    return this.closedFlag
  }

  onClose(listener: () => void): () => void {
    if (this.closedFlag) {
      listener()
      return () => {}
    }
    this.closeListeners.add(listener)
    return () => this.closeListeners.delete(listener)
  }

  /** Requests processed or parked whose responses are not written yet. */
  get inFlight(): number {
    return this.queue.length
  }

  /** Stops reading new requests; the socket closes once every queued response is written. */
  shutdown(): void {
    if (this.closedFlag) return
    this.closing = true
    this.reader.clear()
    this.socket.pause()
    this.endWhenIdle()
  }

  /** Closes the socket immediately, dropping unwritten responses. */
  destroy(): void {
    if (!this.closedFlag) this.socket.destroy()
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return
    this.reader.push(chunk)
    this.processBuffered()
  }

  /** Processes complete frames until none is left, the connection closes, or backpressure applies. */
  private processBuffered(): void {
    while (!this.closing && !this.mustPause()) {
      let frame: Buffer | null
      try {
        frame = this.reader.next()
      } catch (err) {
        if (!(err instanceof FrameSizeError)) throw err
        this.logger.warn({ size: err.size, maxRequestBytes: err.maxBytes }, `closing connection: ${err.message}`)
        this.enqueueClose('invalid frame size')
        return
      }
      if (frame === null) break
      this.dispatch(frame)
    }
    this.updateReadPause()
  }

  private dispatch(frame: Buffer): void {
    let result: FrameOutcome | Promise<FrameOutcome>
    try {
      result = this.processor.process(frame, this)
    } catch (err) {
      this.logger.error({ err }, 'request processing threw; closing connection')
      result = CLOSE_AFTER_ERROR
    }
    if (result instanceof Promise) {
      const slot: Slot = { outcome: undefined }
      this.queue.push(slot)
      result.then(
        (outcome) => this.settle(slot, outcome),
        (err: unknown) => {
          this.logger.error({ err }, 'request processing failed; closing connection')
          this.settle(slot, CLOSE_AFTER_ERROR)
        },
      )
      return
    }
    if (result.kind === 'close') this.closing = true
    if (this.queue.length === 0) this.apply(result)
    else this.queue.push({ outcome: result })
  }

  private enqueueClose(reason: string): void {
    this.closing = true
    this.reader.clear()
    const outcome: FrameOutcome = { kind: 'close', reason }
    if (this.queue.length === 0) this.apply(outcome)
    else this.queue.push({ outcome })
  }

  private settle(slot: Slot, outcome: FrameOutcome): void {
    slot.outcome = outcome
    if (this.closedFlag) return
    if (this.queue[0] !== slot) return
    this.flushQueue()
  }

  /** Writes every settled outcome at the head of the queue. */
  private flushQueue(): void {
    while (this.queue.length > 0) {
      const head = this.queue[0]!
      if (head.outcome === undefined) break
      this.queue.shift()
      this.apply(head.outcome)
      if (this.closedFlag) return
    }
    if (this.closing) this.endWhenIdle()
    else this.processBuffered()
  }

  private apply(outcome: FrameOutcome): void {
    if (this.closedFlag || this.socket.destroyed) return
    switch (outcome.kind) {
      case 'respond': {
        const buffers = outcome.buffers
        if (buffers.length === 1) {
          this.socket.write(buffers[0]!)
        } else {
          this.socket.cork()
          for (const b of buffers) this.socket.write(b)
          this.socket.uncork()
        }
        // Pause only when a 'drain' will come (the socket's own buffer is full too), else we would wait forever.
        if (this.socket.writableLength > this.limits.writeHighWaterBytes && this.socket.writableNeedDrain) this.waitingForDrain = true
        break
      }
      case 'none':
        break
      case 'close':
        this.logger.debug({ reason: outcome.reason }, 'closing connection')
        this.closing = true
        this.queue.length = 0
        this.reader.clear()
        this.socket.end()
        break
    }
  }

  private mustPause(): boolean {
    return this.waitingForDrain || this.queue.length >= this.limits.maxInFlightRequests
  }

  private updateReadPause(): void {
    const pause = this.mustPause() && !this.closing
    if (pause && !this.readPaused) {
      this.readPaused = true
      this.socket.pause()
    } else if (!pause && this.readPaused) {
      this.readPaused = false
      this.socket.resume()
    }
  }

  private onDrain(): void {
    this.waitingForDrain = false
    if (this.closing) this.endWhenIdle()
    else this.processBuffered()
  }

  private endWhenIdle(): void {
    if (this.queue.length === 0 && !this.socket.destroyed && this.socket.writable) this.socket.end()
  }

  private handleSocketClose(): void {
    if (this.closedFlag) return
    this.closedFlag = true
    this.closing = true
    this.queue.length = 0
    this.reader.clear()
    this.resolveClosed()
    const listeners = [...this.closeListeners]
    this.closeListeners.clear()
    for (const listener of listeners) listener()
  }
}
