import type { BrokerConfig } from '../../../config/index.js'
import type { BrokerNode } from '../broker-node.js'

/** One broker config as DescribeConfigs reports it. */
export interface BrokerConfigEntry {
  /** Kafka's broker config name. */
  readonly name: string
  readonly value: string | null
  /** Kafka's default; a value equal to it is reported as DEFAULT_CONFIG, else STATIC_BROKER_CONFIG. */
  readonly kafkaDefault: string | null
  /** Kafka allows changing it dynamically (`DynamicBrokerConfig.AllDynamicConfigs`), so read_only is false. */
  readonly dynamic: boolean
}

/**
 * The broker configs this broker reports, named as Kafka names them, from our config. Topic
 * configs whose broker-level synonym appears here take their default from it.
 */
export function brokerConfigEntries(config: BrokerConfig, node: BrokerNode): BrokerConfigEntry[] {
  const e = (name: string, value: string | null, kafkaDefault: string | null, dynamic = false): BrokerConfigEntry => ({
    name,
    value,
    kafkaDefault,
    dynamic,
  })
  return [
    e('advertised.listeners', `PLAINTEXT://${node.host}:${node.port}`, null, true),
    e('auto.create.topics.enable', String(config.autoCreateTopics), 'true'),
    e('broker.id', String(config.nodeId), '-1'),
    e('default.replication.factor', String(config.defaultReplicationFactor), '1'),
    e('group.initial.rebalance.delay.ms', String(config.groupInitialRebalanceDelayMs), '3000'),
    e('group.max.session.timeout.ms', String(config.groupMaxSessionTimeoutMs), '1800000'),
    e('group.min.session.timeout.ms', String(config.groupMinSessionTimeoutMs), '6000'),
    e('listeners', `PLAINTEXT://${config.host}:${config.port}`, 'PLAINTEXT://:9092', true),
    e('log.dirs', config.dataDir ?? null, null),
    e('log.retention.bytes', String(config.logRetentionBytes), '-1', true),
    e('log.retention.check.interval.ms', String(config.logRetentionCheckIntervalMs), '300000'),
    e('log.retention.ms', String(config.logRetentionMs), '604800000', true),
    e('log.roll.ms', String(config.logSegmentMs), '604800000', true),
    e('log.segment.bytes', String(config.logSegmentBytes), '1073741824', true),
    e('max.connections', String(config.maxConnections), '2147483647', true),
    e('message.max.bytes', String(config.messageMaxBytes), '1048588', true),
    e('node.id', String(config.nodeId), null),
    e('num.partitions', String(config.numPartitions), '1'),
    e('producer.id.expiration.ms', String(config.producerIdExpirationMs), '86400000', true),
    e('socket.request.max.bytes', String(config.maxRequestBytes), '104857600'),
    e('transaction.abort.timed.out.transaction.cleanup.interval.ms', String(config.transactionAbortCheckIntervalMs), '10000'),
    e('transaction.max.timeout.ms', String(config.transactionMaxTimeoutMs), '900000'),
    e('transactional.id.expiration.ms', String(config.transactionalIdExpirationMs), '604800000'),
  ]
}

/**
 * Topic config name → the broker config that provides its default (Kafka's
 * `ServerTopicConfigSynonyms.TOPIC_CONFIG_SYNONYMS`, first synonym of each).
 */
export const TOPIC_CONFIG_BROKER_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['cleanup.policy', 'log.cleanup.policy'],
  ['compression.gzip.level', 'compression.gzip.level'],
  ['compression.lz4.level', 'compression.lz4.level'],
  ['compression.type', 'compression.type'],
  ['compression.zstd.level', 'compression.zstd.level'],
  ['delete.retention.ms', 'log.cleaner.delete.retention.ms'],
  ['file.delete.delay.ms', 'log.segment.delete.delay.ms'],
  ['flush.messages', 'log.flush.interval.messages'],
  ['flush.ms', 'log.flush.interval.ms'],
  ['index.interval.bytes', 'log.index.interval.bytes'],
  ['local.retention.bytes', 'log.local.retention.bytes'],
  ['local.retention.ms', 'log.local.retention.ms'],
  ['max.compaction.lag.ms', 'log.cleaner.max.compaction.lag.ms'],
  ['max.message.bytes', 'message.max.bytes'],
  ['message.downconversion.enable', 'log.message.downconversion.enable'],
  ['message.format.version', 'log.message.format.version'],
  ['message.timestamp.after.max.ms', 'log.message.timestamp.after.max.ms'],
  ['message.timestamp.before.max.ms', 'log.message.timestamp.before.max.ms'],
  ['message.timestamp.difference.max.ms', 'log.message.timestamp.difference.max.ms'],
  ['message.timestamp.type', 'log.message.timestamp.type'],
  ['min.cleanable.dirty.ratio', 'log.cleaner.min.cleanable.ratio'],
  ['min.compaction.lag.ms', 'log.cleaner.min.compaction.lag.ms'],
  ['min.insync.replicas', 'min.insync.replicas'],
  ['preallocate', 'log.preallocate'],
  ['retention.bytes', 'log.retention.bytes'],
  ['retention.ms', 'log.retention.ms'],
  ['segment.bytes', 'log.segment.bytes'],
  ['segment.index.bytes', 'log.index.size.max.bytes'],
  ['segment.jitter.ms', 'log.roll.jitter.ms'],
  ['segment.ms', 'log.roll.ms'],
  ['unclean.leader.election.enable', 'unclean.leader.election.enable'],
])

/** The topic-config defaults our broker config imposes (for the log's `validateTopicConfig`). */
export function topicDefaultsFromBroker(config: BrokerConfig): Record<string, string> {
  return {
    'max.message.bytes': String(config.messageMaxBytes),
    'retention.bytes': String(config.logRetentionBytes),
    'retention.ms': String(config.logRetentionMs),
    'segment.bytes': String(config.logSegmentBytes),
    'segment.ms': String(config.logSegmentMs),
  }
}
