import type { TopologyModel } from '../../../processor-api/internal/topology-model.js'
import { decodeAssignmentInfo } from '../assignment/assignment-info.js'
import { decodeSubscriptionInfo } from '../assignment/subscription-info.js'
import type { TopicPlanInput } from '../assignment/topic-plan.js'
import type { GroupMemberView, TopicPartition } from '../ports.js'
import {
  KEY_QUERY_METADATA_NOT_AVAILABLE,
  parseHostInfo,
  type HostInfo,
  type KeyQueryMetadata,
  type StreamsMetadata,
} from '../streams-metadata.js'
import { defaultPartition } from './murmur2.js'

interface HostState {
  readonly hostInfo: HostInfo
  readonly partitions: TopicPartition[]
  readonly activeTasks: Set<string>
  readonly standbyTasks: Set<string>
}

/**
 * Kafka's `StreamsMetadataState`: who hosts which tasks, stores and partitions, rebuilt after
 * every rebalance from the group's members (their subscription's `application.server` and their
 * assignment, read back from the coordinator). Only instances with an `application.server`
 * appear, as in Kafka.
 */
export class StreamsMetadataState {
  private hosts: HostState[] = []
  private readonly storesOfSubtopology = new Map<number, string[]>()
  private readonly subtopologyOfStore = new Map<string, number>()
  private readonly sourceTopicsOf = new Map<number, readonly string[]>()
  private readonly subtopologyOfTopic = new Map<string, number>()
  private readonly globalStores: string[]

  constructor(
    model: TopologyModel,
    planInput: TopicPlanInput,
    private readonly partitionCounts: ReadonlyMap<string, number>,
  ) {
    for (const s of model.subtopologies) {
      this.storesOfSubtopology.set(s.id, [...s.stores])
      for (const name of s.stores) this.subtopologyOfStore.set(name, s.id)
    }
    for (const s of planInput.subtopologies) {
      this.sourceTopicsOf.set(s.id, s.sourceTopics)
      for (const t of s.sourceTopics) this.subtopologyOfTopic.set(t, s.id)
    }
    this.globalStores = model.globalStores.map((g) => g.store.name)
  }

  /** Rebuilds from the members of the latest generation (null: unknown, e.g. during a rebalance). */
  update(members: readonly GroupMemberView[] | null): void {
    if (members === null) {
      this.hosts = []
      return
    }
    const byEndpoint = new Map<string, HostState>()
    for (const m of members) {
      if (m.subscriptionUserData === null || m.subscriptionUserData.length === 0) continue
      let endpoint: string | null
      let standby: readonly string[] = []
      try {
        endpoint = decodeSubscriptionInfo(m.subscriptionUserData).endpoint
        if (m.assignmentUserData !== null && m.assignmentUserData.length > 0) standby = decodeAssignmentInfo(m.assignmentUserData).standbyTasks
      } catch {
        continue
      }
      const hostInfo = endpoint === null ? null : parseHostInfo(endpoint)
      if (hostInfo === null) continue
      const key = `${hostInfo.host}:${hostInfo.port}`
      let h = byEndpoint.get(key)
      if (h === undefined) {
        h = { hostInfo, partitions: [], activeTasks: new Set(), standbyTasks: new Set() }
        byEndpoint.set(key, h)
      }
      for (const p of m.partitions) {
        h.partitions.push(p)
        const sub = this.subtopologyOfTopic.get(p.topic)
        if (sub !== undefined) h.activeTasks.add(`${sub}_${p.partition}`)
      }
      for (const t of standby) h.standbyTasks.add(t)
    }
    this.hosts = [...byEndpoint.values()]
  }

  /** Every known instance (Kafka's `metadataForAllStreamsClients`). */
  all(): StreamsMetadata[] {
    return this.hosts.map((h) => this.toMetadata(h))
  }

  /** Instances hosting `storeName` as active or standby (Kafka's `streamsMetadataForStore`). */
  forStore(storeName: string): StreamsMetadata[] {
    return this.all().filter((m) => m.stateStoreNames.has(storeName) || m.standbyStateStoreNames.has(storeName))
  }

  /**
   * Where `key` of `storeName` lives: the partition Kafka's default partitioner gives the
   * serialized key over the store's sub-topology's widest source topic, and its hosts.
   */
  keyQueryMetadata(storeName: string, serializedKey: Buffer | null): KeyQueryMetadata {
    const sub = this.subtopologyOfStore.get(storeName)
    if (sub === undefined || serializedKey === null) return KEY_QUERY_METADATA_NOT_AVAILABLE
    const topics = this.sourceTopicsOf.get(sub) ?? []
    let max = 0
    for (const t of topics) max = Math.max(max, this.partitionCounts.get(t) ?? 0)
    if (max === 0) return KEY_QUERY_METADATA_NOT_AVAILABLE
    const partition = defaultPartition(serializedKey, max)
    const task = `${sub}_${partition}`
    const active = this.hosts.find((h) => h.activeTasks.has(task))
    if (active === undefined) return KEY_QUERY_METADATA_NOT_AVAILABLE
    const standbyHosts = this.hosts.filter((h) => h.standbyTasks.has(task)).map((h) => h.hostInfo)
    return { activeHost: active.hostInfo, standbyHosts, partition }
  }

  /** The source topic used to serialize keys of `storeName` (the first source of its sub-topology). */
  sourceTopicOfStore(storeName: string): string | null {
    const sub = this.subtopologyOfStore.get(storeName)
    return sub === undefined ? null : (this.sourceTopicsOf.get(sub)?.[0] ?? null)
  }

  private toMetadata(h: HostState): StreamsMetadata {
    const stateStoreNames = new Set<string>(this.globalStores)
    for (const t of h.activeTasks) for (const s of this.storesOfSubtopology.get(Number(t.split('_')[0])) ?? []) stateStoreNames.add(s)
    const standbyStateStoreNames = new Set<string>()
    const standbyTopicPartitions: TopicPartition[] = []
    for (const t of h.standbyTasks) {
      const [subText, partText] = t.split('_')
      const sub = Number(subText)
      const partition = Number(partText)
      for (const s of this.storesOfSubtopology.get(sub) ?? []) standbyStateStoreNames.add(s)
      for (const topic of this.sourceTopicsOf.get(sub) ?? []) {
        if (partition < (this.partitionCounts.get(topic) ?? 0)) standbyTopicPartitions.push({ topic, partition })
      }
    }
    return { hostInfo: h.hostInfo, stateStoreNames, topicPartitions: [...h.partitions], standbyStateStoreNames, standbyTopicPartitions }
  }
}
