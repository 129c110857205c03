/**
 * Configuration: zod schemas whose inferred types are the config types, and parsers that throw
 * `ConfigError` naming each bad key. Start with `parseBrokerConfig` for the bundled broker.
 */
export { brokerConfigSchema, brokerConfigKeys, parseBrokerConfig } from './broker-config.js'
export type { BrokerConfig, BrokerConfigInput } from './broker-config.js'
export { ConfigError } from './config-error.js'
export type { ConfigIssue } from './config-error.js'
export {
  streamsConfigSchema,
  streamsConfigKeys,
  parseStreamsConfig,
  PROCESSING_GUARANTEES,
  DEFAULT_COMMIT_INTERVAL_MS,
  DEFAULT_EOS_COMMIT_INTERVAL_MS,
} from './streams-config.js'
export type { StreamsConfig, StreamsConfigInput, StreamsSerdeLike, KafkaLike } from './streams-config.js'
