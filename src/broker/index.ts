/**
 * The bundled single-node Kafka-protocol broker. Start with `Broker.start(config)`; the config
 * is validated by `parseBrokerConfig` (see `BrokerConfigInput` for every option and default).
 */
export { Broker } from './broker.js'
export { BrokerError, BrokerStateError, FrameSizeError } from './broker-error.js'
export type { BrokerConfig, BrokerConfigInput } from '../config/index.js'
export { ConfigError, parseBrokerConfig } from '../config/index.js'
