/**
 * The broker's TCP front: `BrokerServer` (listener, connection limit, clean stop), per-connection
 * framing with ordered responses and backpressure, and `RequestDispatcher`, which turns request
 * frames into handler calls. Start with `BrokerServer` and `FrameProcessor`.
 */
export { BrokerServer } from './broker-server.js'
export type { BrokerServerOptions, ServerAddress } from './broker-server.js'
export { NO_RESPONSE } from './frame-processor.js'
export type { CloseOutcome, ConnectionInfo, FrameOutcome, FrameProcessor, NoResponseOutcome, RespondOutcome } from './frame-processor.js'
export { RequestDispatcher } from './request-dispatcher.js'
