import type { BrokerConfigInput } from './broker-config.js'

/**
 * Kafka's names of the broker configs `tributary broker --override name=value` can set (as
 * `kafka-server-start.sh --override`), mapped to the keys of `BrokerConfigInput`. Listener
 * address, data directory and log level have their own flags.
 */
export const BROKER_CONFIG_NAMES: ReadonlyMap<string, keyof BrokerConfigInput> = new Map<string, keyof BrokerConfigInput>([
  ['auto.create.topics.enable', 'autoCreateTopics'],
  ['node.id', 'nodeId'],
  ['broker.id', 'nodeId'],
  ['num.partitions', 'numPartitions'],
  ['default.replication.factor', 'defaultReplicationFactor'],
  ['socket.request.max.bytes', 'maxRequestBytes'],
  ['max.connections', 'maxConnections'],
  ['message.max.bytes', 'messageMaxBytes'],
  ['group.initial.rebalance.delay.ms', 'groupInitialRebalanceDelayMs'],
  ['group.min.session.timeout.ms', 'groupMinSessionTimeoutMs'],
  ['group.max.session.timeout.ms', 'groupMaxSessionTimeoutMs'],
  ['log.segment.bytes', 'logSegmentBytes'],
  ['log.roll.ms', 'logSegmentMs'],
  ['log.retention.ms', 'logRetentionMs'],
  ['log.retention.bytes', 'logRetentionBytes'],
  ['log.retention.check.interval.ms', 'logRetentionCheckIntervalMs'],
  ['transaction.max.timeout.ms', 'transactionMaxTimeoutMs'],
  ['transaction.abort.timed.out.transaction.cleanup.interval.ms', 'transactionAbortCheckIntervalMs'],
  ['transactional.id.expiration.ms', 'transactionalIdExpirationMs'],
  ['producer.id.expiration.ms', 'producerIdExpirationMs'],
])

/** A config value as the schema expects it: integers and booleans from their text, anything else as given. */
export function brokerConfigValueOf(text: string): unknown {
  if (/^-?[0-9]+$/.test(text)) return Number(text)
  if (text === 'true') return true
  if (text === 'false') return false
  return text
}
