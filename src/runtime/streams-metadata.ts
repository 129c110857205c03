import type { TopicPartition } from './task/raw-record.js'

/** Where an instance serves interactive queries: its `application.server` (Kafka's `HostInfo`). */
export interface HostInfo {
  readonly host: string
  readonly port: number
}

/**
 * What one application instance hosts (Kafka's `StreamsMetadata`): the stores and partitions of
 * its active tasks and of its standby tasks, keyed by its `application.server`.
 */
export interface StreamsMetadata {
  readonly hostInfo: HostInfo
  readonly stateStoreNames: ReadonlySet<string>
  readonly topicPartitions: readonly TopicPartition[]
  readonly standbyStateStoreNames: ReadonlySet<string>
  readonly standbyTopicPartitions: readonly TopicPartition[]
}

/** Where a key of a store lives (Kafka's `KeyQueryMetadata`): the active host, the standby hosts, the partition. */
export interface KeyQueryMetadata {
  readonly activeHost: HostInfo
  readonly standbyHosts: readonly HostInfo[]
  readonly partition: number
}

/** Kafka's `HostInfo.unavailable()`: no instance is known to host the data. */
export const UNAVAILABLE_HOST: HostInfo = Object.freeze({ host: 'unavailable', port: -1 })

/** Kafka's `KeyQueryMetadata.NOT_AVAILABLE`: returned while metadata is unknown (e.g. during a rebalance). */
export const KEY_QUERY_METADATA_NOT_AVAILABLE: KeyQueryMetadata = Object.freeze({ activeHost: UNAVAILABLE_HOST, standbyHosts: [], partition: -1 })

/** Parses `host:port`; null when malformed. */
export function parseHostInfo(endpoint: string): HostInfo | null {
  const i = endpoint.lastIndexOf(':')
  if (i <= 0) return null
  const port = Number(endpoint.slice(i + 1))
  if (!Number.isInteger(port) || port < 0 || port > 65535) return null
  return { host: endpoint.slice(0, i), port }
}
