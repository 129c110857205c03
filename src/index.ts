/**
 * tributary: Kafka Streams for TypeScript, with a bundled Kafka-protocol broker. This is the
 * package's single public entry point; every public name is re-exported here by name.
 */
export { Broker, BrokerError, BrokerStateError } from './broker/index.js'
export type { BrokerConfig, BrokerConfigInput } from './config/index.js'
export { ConfigError, parseBrokerConfig } from './config/index.js'
