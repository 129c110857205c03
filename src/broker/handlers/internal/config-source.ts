/** Kafka's `DescribeConfigsResponse.ConfigSource` ids (defined with the topic configs they describe). */
export { ConfigSource } from '../../log/index.js'

/** Kafka's `ConfigResource.Type` ids used by the config APIs. */
export const ResourceType = {
  TOPIC: 2,
  BROKER: 4,
  BROKER_LOGGER: 8,
} as const
