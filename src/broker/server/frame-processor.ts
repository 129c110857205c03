/**
 * What the TCP server needs from the layer above it: turn one request frame into a response
 * frame, no response, or a reason to close the connection. The server keeps responses in request
 * order per connection, whatever order the outcomes settle in.
 */
export interface FrameProcessor {
  /**
   * Handles one request frame (size prefix removed). May return a Promise for requests that wait
   * (Fetch long-poll, JoinGroup). Must not throw for bad client bytes; if it throws anyway the
   * server logs the error and closes that connection only.
   */
  process(frame: Buffer, connection: ConnectionInfo): FrameOutcome | Promise<FrameOutcome>
}

/** The result of processing one request frame. */
export type FrameOutcome = RespondOutcome | NoResponseOutcome | CloseOutcome

/** Send these buffers (a complete size-prefixed response frame, possibly in pieces for writev). */
export interface RespondOutcome {
  readonly kind: 'respond'
  readonly buffers: readonly Buffer[]
}

/** Send nothing (Produce with acks=0). */
export interface NoResponseOutcome {
  readonly kind: 'none'
}

/** Close the connection after the responses queued before this one are written. */
export interface CloseOutcome {
  readonly kind: 'close'
  readonly reason: string
}

/** Facts about the connection a request arrived on. */
export interface ConnectionInfo {
  /** Server-unique connection number, for logs. */
  readonly id: number
  /** The client's address as seen by the server (used as `client_host` in DescribeGroups). */
  readonly remoteAddress: string
  readonly remotePort: number
  /** Settles when the connection closes (client gone or server stopping). */
  readonly closed: Promise<void>
  /**
   * Calls `listener` once when the connection closes (at once if it already has); returns a
   * function that unsubscribes. Handlers that park a request use it to stop waiting early, and
   * must unsubscribe when the request completes so long-lived connections don't accumulate them.
   */
  onClose(listener: () => void): () => void
  /** True once the connection has closed. */
  readonly isClosed: boolean
}

/** The shared "send nothing" outcome. */
export const NO_RESPONSE: NoResponseOutcome = Object.freeze({ kind: 'none' })
