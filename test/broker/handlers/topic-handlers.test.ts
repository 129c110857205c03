import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Broker } from '../../../src/broker/index.js'
import { ErrorCode } from '../../../src/broker/protocol/index.js'
import { silentLogger } from '../../../src/logging/index.js'
import { WireClient } from './wire-client.js'

const TOPIC = 2
const BROKER = 4

describe('topic and config handlers over the wire', () => {
  let broker: Broker
  let client: WireClient

  const create = (name: string, numPartitions = 1, extra: object = {}) =>
    client.request(19, 3, { topics: [{ name, numPartitions, replicationFactor: -1, ...extra }], timeoutMs: 1000 })
  const describeTopic = (name: string, version = 1, configurationKeys: string[] | null = null, includeSynonyms = false) =>
    client.request(32, version, { resources: [{ resourceType: TOPIC, resourceName: name, configurationKeys }], includeSynonyms })
  const configValue = async (name: string, key: string) =>
    (await describeTopic(name, 1, [key])).results[0]!.configs.find((c) => c.name === key)?.value

  beforeAll(async () => {
    broker = await Broker.start({ port: 0, logger: silentLogger, numPartitions: 3, nodeId: 7, clusterId: 'test-cluster' })
    client = await WireClient.connect(broker.address.port)
  })

  afterAll(async () => {
    client?.close()
    await broker?.stop()
  })

  describe('Metadata', () => {
    it('names this node as the only broker and the controller, with the cluster id', async () => {
      const body = await client.request(3, 4, { topics: [], allowAutoTopicCreation: false })
      expect(body.brokers).toEqual([{ nodeId: 7, host: '127.0.0.1', port: broker.address.port, rack: null }])
      expect(body.controllerId).toBe(7)
      expect(body.clusterId).toBe('test-cluster')
      expect(body.topics).toEqual([])
    })

    it('auto-creates an unknown topic when allowed, with the broker default partition count', async () => {
      const body = await client.request(3, 4, { topics: [{ name: 'auto-made' }], allowAutoTopicCreation: true })
      expect(body.topics[0]).toMatchObject({ errorCode: 0, name: 'auto-made', isInternal: false })
      expect(body.topics[0]!.partitions.map((p) => [p.partitionIndex, p.leaderId, p.replicaNodes, p.isrNodes])).toEqual([
        [0, 7, [7], [7]],
        [1, 7, [7], [7]],
        [2, 7, [7], [7]],
      ])
    })

    it('answers UNKNOWN_TOPIC_OR_PARTITION when the request disallows auto-creation, INVALID_TOPIC_EXCEPTION for an illegal name', async () => {
      const body = await client.request(3, 4, { topics: [{ name: 'not-made' }, { name: 'bad/name' }], allowAutoTopicCreation: true })
      expect(body.topics.map((t) => [t.name, t.errorCode])).toEqual([
        ['not-made', 0],
        ['bad/name', ErrorCode.INVALID_TOPIC_EXCEPTION],
      ])
      const refused = await client.request(3, 4, { topics: [{ name: 'never-made' }], allowAutoTopicCreation: false })
      expect(refused.topics[0]!.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
    })

    it('lists every topic for null topics (v1+) and for an empty list in v0, none for an empty list in v1', async () => {
      const all = await client.request(3, 1, { topics: null })
      expect(all.topics.map((t) => t.name)).toContain('auto-made')
      const v0 = await client.request(3, 0, { topics: [] })
      expect(v0.topics.map((t) => t.name)).toEqual(all.topics.map((t) => t.name))
      const none = await client.request(3, 1, { topics: [] })
      expect(none.topics).toEqual([])
    })
  })

  describe('CreateTopics / CreatePartitions / DeleteTopics', () => {
    it('validates like Kafka: replication factor, partitions, duplicates, assignments, existing topics', async () => {
      const body = await client.request(19, 3, {
        topics: [
          { name: 'twice', numPartitions: 1, replicationFactor: 1 },
          { name: 'twice', numPartitions: 1, replicationFactor: 1 },
          { name: 'rf3', numPartitions: 1, replicationFactor: 3 },
          { name: 'zero', numPartitions: 0, replicationFactor: 1 },
          { name: 'huge', numPartitions: 1_000_000, replicationFactor: 1 },
          { name: 'both', numPartitions: 2, replicationFactor: 1, assignments: [{ partitionIndex: 0, brokerIds: [7] }] },
          { name: 'gap', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 1, brokerIds: [7] }] },
          { name: 'other-broker', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [1] }] },
          { name: 'auto-made', numPartitions: 1, replicationFactor: 1 },
          { name: 'cfg', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'segment.bytes', value: '1' }] },
        ],
        timeoutMs: 1000,
      })
      expect(body.topics.map((t) => [t.name, t.errorCode])).toEqual([
        ['twice', ErrorCode.INVALID_REQUEST],
        ['twice', ErrorCode.INVALID_REQUEST],
        ['rf3', ErrorCode.INVALID_REPLICATION_FACTOR],
        ['zero', ErrorCode.INVALID_PARTITIONS],
        ['huge', ErrorCode.INVALID_PARTITIONS],
        ['both', ErrorCode.INVALID_REQUEST],
        ['gap', ErrorCode.INVALID_REPLICA_ASSIGNMENT],
        ['other-broker', ErrorCode.INVALID_REPLICA_ASSIGNMENT],
        ['auto-made', ErrorCode.TOPIC_ALREADY_EXISTS],
        ['cfg', ErrorCode.INVALID_CONFIG],
      ])
      expect(body.topics[2]!.errorMessage).toContain('only 1 broker(s) are registered')
    })

    it('creates nothing with validate_only', async () => {
      const body = await client.request(19, 3, { topics: [{ name: 'dry', numPartitions: 2, replicationFactor: 1 }], timeoutMs: 1000, validateOnly: true })
      expect(body.topics[0]!.errorCode).toBe(0)
      const meta = await client.request(3, 4, { topics: [{ name: 'dry' }], allowAutoTopicCreation: false })
      expect(meta.topics[0]!.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
    })

    it('grows partitions and rejects shrinking, unknown topics and mismatched assignments', async () => {
      await create('grow', 1)
      const body = await client.request(37, 1, {
        topics: [
          { name: 'grow', count: 3, assignments: null },
          { name: 'missing', count: 3, assignments: null },
        ],
        timeoutMs: 1000,
        validateOnly: false,
      })
      expect(body.results.map((r) => r.errorCode)).toEqual([0, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION])
      const shrink = await client.request(37, 1, { topics: [{ name: 'grow', count: 2, assignments: null }], timeoutMs: 1000, validateOnly: false })
      expect(shrink.results[0]!.errorCode).toBe(ErrorCode.INVALID_PARTITIONS)
      const mismatch = await client.request(37, 1, {
        topics: [{ name: 'grow', count: 5, assignments: [{ brokerIds: [7] }] }],
        timeoutMs: 1000,
        validateOnly: false,
      })
      expect(mismatch.results[0]!.errorCode).toBe(ErrorCode.INVALID_REPLICA_ASSIGNMENT)
      const meta = await client.request(3, 4, { topics: [{ name: 'grow' }], allowAutoTopicCreation: false })
      expect(meta.topics[0]!.partitions).toHaveLength(3)
    })

    it('deletes topics, their committed offsets, and reports unknown or repeated names', async () => {
      await create('doomed', 1)
      const committed = await client.request(8, 5, {
        groupId: 'doomed-group',
        generationIdOrMemberEpoch: -1,
        memberId: '',
        topics: [{ name: 'doomed', partitions: [{ partitionIndex: 0, committedOffset: 5n, committedMetadata: null }] }],
      })
      expect(committed.topics[0]!.partitions[0]!.errorCode).toBe(0)
      const body = await client.request(20, 1, { topicNames: ['doomed', 'ghost', 'dup', 'dup'], timeoutMs: 1000 })
      expect(body.responses.map((r) => [r.name, r.errorCode])).toEqual([
        ['doomed', 0],
        ['ghost', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
        ['dup', ErrorCode.INVALID_REQUEST],
        ['dup', ErrorCode.INVALID_REQUEST],
      ])
      const offsets = await client.request(9, 4, { groupId: 'doomed-group', topics: null })
      expect(offsets.topics).toEqual([])
    })
  })

  describe('DescribeConfigs / AlterConfigs / IncrementalAlterConfigs', () => {
    it('reports is_default in v0 and sources with synonyms in v1', async () => {
      await create('described', 1, { configs: [{ name: 'retention.ms', value: '5000' }] })
      const v0 = await describeTopic('described', 0, ['retention.ms', 'segment.bytes'])
      expect(v0.results[0]!.configs.map((c) => [c.name, c.value, c.isDefault])).toEqual([
        ['retention.ms', '5000', false],
        ['segment.bytes', '1073741824', true],
      ])
      const v1 = await describeTopic('described', 1, ['retention.ms'], true)
      expect(v1.results[0]!.configs[0]).toMatchObject({
        name: 'retention.ms',
        value: '5000',
        configSource: 1,
        readOnly: false,
        synonyms: [
          { name: 'retention.ms', value: '5000', source: 1 },
          { name: 'log.retention.ms', value: '604800000', source: 5 },
        ],
      })
    })

    it('answers errors for unknown topics, illegal names, foreign broker ids and unsupported resource types', async () => {
      const body = await client.request(32, 1, {
        resources: [
          { resourceType: TOPIC, resourceName: 'ghost', configurationKeys: null },
          { resourceType: TOPIC, resourceName: 'bad name', configurationKeys: null },
          { resourceType: BROKER, resourceName: '1', configurationKeys: null },
          { resourceType: BROKER, resourceName: '', configurationKeys: null },
          { resourceType: 8, resourceName: '7', configurationKeys: null },
        ],
        includeSynonyms: false,
      })
      expect(body.results.map((r) => [r.errorCode, r.configs.length])).toEqual([
        [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 0],
        [ErrorCode.INVALID_TOPIC_EXCEPTION, 0],
        [ErrorCode.INVALID_REQUEST, 0],
        [0, 0],
        [ErrorCode.INVALID_REQUEST, 0],
      ])
    })

    it('lists broker configs under Kafka names with the node id as resource name', async () => {
      const body = await client.request(32, 1, { resources: [{ resourceType: BROKER, resourceName: '7', configurationKeys: ['node.id', 'num.partitions'] }], includeSynonyms: false })
      expect(body.results[0]!.configs.map((c) => [c.name, c.value, c.readOnly, c.configSource])).toEqual([
        ['node.id', '7', true, 4],
        ['num.partitions', '3', true, 4],
      ])
    })

    it('replaces all overrides with AlterConfigs, and changes nothing with validate_only', async () => {
      await create('altered', 1, { configs: [{ name: 'retention.ms', value: '5000' }] })
      const dry = await client.request(33, 1, {
        resources: [{ resourceType: TOPIC, resourceName: 'altered', configs: [{ name: 'segment.ms', value: '60000' }] }],
        validateOnly: true,
      })
      expect(dry.responses[0]!.errorCode).toBe(0)
      expect(await configValue('altered', 'retention.ms')).toBe('5000')
      const real = await client.request(33, 1, {
        resources: [{ resourceType: TOPIC, resourceName: 'altered', configs: [{ name: 'segment.ms', value: '60000' }] }],
        validateOnly: false,
      })
      expect(real.responses[0]!.errorCode).toBe(0)
      expect(await configValue('altered', 'segment.ms')).toBe('60000')
      expect(await configValue('altered', 'retention.ms')).toBe('604800000')
      const broker7 = await client.request(33, 1, { resources: [{ resourceType: BROKER, resourceName: '7', configs: [] }], validateOnly: false })
      expect(broker7.responses[0]!.errorCode).toBe(ErrorCode.INVALID_REQUEST)
    })

    it('applies SET, DELETE, APPEND and SUBTRACT incrementally', async () => {
      await create('incremental', 1, { configs: [{ name: 'retention.ms', value: '5000' }] })
      const alter = (configs: { name: string; configOperation: number; value: string | null }[]) =>
        client.request(44, 0, { resources: [{ resourceType: TOPIC, resourceName: 'incremental', configs }], validateOnly: false })
      expect((await alter([{ name: 'cleanup.policy', configOperation: 2, value: 'compact' }])).responses[0]!.errorCode).toBe(0)
      expect(await configValue('incremental', 'cleanup.policy')).toBe('delete,compact')
      expect(await configValue('incremental', 'retention.ms')).toBe('5000')
      expect((await alter([{ name: 'cleanup.policy', configOperation: 3, value: 'delete' }])).responses[0]!.errorCode).toBe(0)
      expect(await configValue('incremental', 'cleanup.policy')).toBe('compact')
      expect((await alter([{ name: 'retention.ms', configOperation: 1, value: null }])).responses[0]!.errorCode).toBe(0)
      expect(await configValue('incremental', 'retention.ms')).toBe('604800000')
      expect((await alter([{ name: 'retention.ms', configOperation: 2, value: '1' }])).responses[0]!.errorCode).toBe(ErrorCode.INVALID_CONFIG)
      expect((await alter([{ name: 'segment.ms', configOperation: 0, value: 'x' }])).responses[0]!.errorCode).toBe(ErrorCode.INVALID_CONFIG)
      const dup = await alter([
        { name: 'segment.ms', configOperation: 0, value: '1000' },
        { name: 'segment.ms', configOperation: 1, value: null },
      ])
      expect(dup.responses[0]!.errorCode).toBe(ErrorCode.INVALID_REQUEST)
    })
  })
})
