import { ConfigResourceTypes, ConfigSource, type Admin, type Kafka } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { kafkaFor, startTestBroker } from './broker-harness.js'

describe('broker with kafkajs: admin', () => {
  let broker: Broker
  let kafka: Kafka
  let admin: Admin

  beforeAll(async () => {
    broker = await startTestBroker({ numPartitions: 2, logRetentionMs: 3_600_000 })
    kafka = kafkaFor(broker)
    admin = kafka.admin()
    await admin.connect()
  })

  afterAll(async () => {
    await admin?.disconnect()
    await broker?.stop()
  })

  it('creates, lists, describes and deletes topics', async () => {
    expect(
      await admin.createTopics({
        topics: [
          { topic: 'admin-a', numPartitions: 3 },
          { topic: 'admin-b', configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
        ],
      }),
    ).toBe(true)
    // Creating an existing topic is "false", not an error, for kafkajs.
    expect(await admin.createTopics({ topics: [{ topic: 'admin-a' }] })).toBe(false)
    expect((await admin.listTopics()).filter((t) => t.startsWith('admin-')).sort()).toEqual(['admin-a', 'admin-b'])
    const { topics } = await admin.fetchTopicMetadata({ topics: ['admin-a', 'admin-b'] })
    const byName = new Map(topics.map((t) => [t.name, t]))
    expect(byName.get('admin-a')?.partitions.map((p) => [p.partitionId, p.leader, p.replicas, p.isr]).sort()).toEqual([
      [0, 0, [0], [0]],
      [1, 0, [0], [0]],
      [2, 0, [0], [0]],
    ])
    // -1 partitions take the broker's numPartitions.
    expect(byName.get('admin-b')?.partitions).toHaveLength(2)
    await admin.deleteTopics({ topics: ['admin-b'] })
    expect(await admin.listTopics()).not.toContain('admin-b')
  })

  it('rejects invalid topics with Kafka error codes', async () => {
    await expect(admin.createTopics({ topics: [{ topic: 'bad name!' }] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'INVALID_TOPIC_EXCEPTION' })],
    })
    await expect(admin.createTopics({ topics: [{ topic: 'rf3', replicationFactor: 3 }] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'INVALID_REPLICATION_FACTOR' })],
    })
    await expect(
      admin.createTopics({ topics: [{ topic: 'bad-config', configEntries: [{ name: 'retention.ms', value: 'soon' }] }] }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'INVALID_CONFIG' })] })
    await expect(
      admin.createTopics({ topics: [{ topic: 'elsewhere', replicaAssignment: [{ partition: 0, replicas: [7] }] }] }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'INVALID_REPLICA_ASSIGNMENT' })] })
    expect(await admin.listTopics()).not.toContain('elsewhere')
  })

  it('only validates with validateOnly', async () => {
    expect(await admin.createTopics({ validateOnly: true, waitForLeaders: false, topics: [{ topic: 'dry-run', numPartitions: 4 }] })).toBe(true)
    expect(await admin.listTopics()).not.toContain('dry-run')
  })

  it('creates topics from a manual assignment to this broker', async () => {
    await admin.createTopics({
      topics: [
        {
          topic: 'assigned',
          replicaAssignment: [
            { partition: 0, replicas: [0] },
            { partition: 1, replicas: [0] },
          ],
        },
      ],
    })
    const { topics } = await admin.fetchTopicMetadata({ topics: ['assigned'] })
    expect(topics[0]?.partitions).toHaveLength(2)
  })

  it('adds partitions and refuses to shrink', async () => {
    await admin.createTopics({ topics: [{ topic: 'growing', numPartitions: 1 }] })
    await admin.createPartitions({ topicPartitions: [{ topic: 'growing', count: 4 }] })
    const { topics } = await admin.fetchTopicMetadata({ topics: ['growing'] })
    expect(topics[0]?.partitions).toHaveLength(4)
    await expect(admin.createPartitions({ topicPartitions: [{ topic: 'growing', count: 2 }] })).rejects.toMatchObject({
      type: 'INVALID_PARTITIONS',
    })
  })

  it('describes topic configs with their sources and alters them', async () => {
    await admin.createTopics({ topics: [{ topic: 'configured', configEntries: [{ name: 'retention.ms', value: '1000' }] }] })
    const described = await admin.describeConfigs({
      includeSynonyms: true,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'configured' }],
    })
    const entries = new Map(described.resources[0]!.configEntries.map((e) => [e.configName, e]))
    expect(entries.get('retention.ms')).toMatchObject({ configValue: '1000', configSource: ConfigSource.TOPIC_CONFIG, readOnly: false })
    expect(entries.get('retention.ms')?.configSynonyms.map((s) => s.configSource)).toEqual([
      ConfigSource.TOPIC_CONFIG,
      ConfigSource.STATIC_BROKER_CONFIG,
      ConfigSource.DEFAULT_CONFIG,
    ])
    expect(entries.get('cleanup.policy')).toMatchObject({ configValue: 'delete', configSource: ConfigSource.DEFAULT_CONFIG })
    expect(entries.get('max.message.bytes')).toMatchObject({ configValue: '1048588', isDefault: true })

    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'configured', configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
    })
    const after = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'configured', configNames: ['cleanup.policy', 'retention.ms'] }],
    })
    const values = Object.fromEntries(after.resources[0]!.configEntries.map((e) => [e.configName, [e.configValue, e.configSource]]))
    // AlterConfigs replaces the whole override set: retention.ms is back to the broker's value.
    expect(values).toEqual({
      'cleanup.policy': ['compact', ConfigSource.TOPIC_CONFIG],
      'retention.ms': ['3600000', ConfigSource.STATIC_BROKER_CONFIG],
    })

    await expect(
      admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: 'configured', configEntries: [{ name: 'no.such.config', value: '1' }] }],
      }),
    ).rejects.toMatchObject({ type: 'INVALID_CONFIG' })
  })

  it('describes broker configs as read-only unless Kafka can change them dynamically', async () => {
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.BROKER, name: '0' }],
    })
    const entries = new Map(described.resources[0]!.configEntries.map((e) => [e.configName, e]))
    expect(entries.get('num.partitions')).toMatchObject({ configValue: '2', readOnly: true, configSource: ConfigSource.STATIC_BROKER_CONFIG })
    expect(entries.get('auto.create.topics.enable')).toMatchObject({ configValue: 'true', configSource: ConfigSource.DEFAULT_CONFIG })
    expect(entries.get('log.retention.ms')).toMatchObject({ configValue: '3600000', readOnly: false })
  })

  it('deletes records up to an offset', async () => {
    await admin.createTopics({ topics: [{ topic: 'trimmed', numPartitions: 1 }] })
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({ topic: 'trimmed', messages: Array.from({ length: 10 }, (_, i) => ({ value: `m${i}` })) })
    await producer.disconnect()
    // kafkajs's admin looks the leader up in its cached metadata only.
    await admin.fetchTopicMetadata({ topics: ['trimmed'] })
    await admin.deleteTopicRecords({ topic: 'trimmed', partitions: [{ partition: 0, offset: '4' }] })
    expect(await admin.fetchTopicOffsets('trimmed')).toEqual([{ partition: 0, offset: '10', high: '10', low: '4' }])
  })

  it('lists, describes and deletes consumer groups', async () => {
    await admin.createTopics({ topics: [{ topic: 'grouped', numPartitions: 1 }] })
    const consumer = kafka.consumer({ groupId: 'admin-group', sessionTimeout: 6000, heartbeatInterval: 500 })
    await consumer.connect()
    await consumer.subscribe({ topic: 'grouped', fromBeginning: true })
    let joined!: () => void
    const join = new Promise<void>((resolve) => (joined = resolve))
    consumer.on(consumer.events.GROUP_JOIN, () => joined())
    await consumer.run({ eachMessage: async () => {} })
    await join
    expect((await admin.listGroups()).groups).toContainEqual({ groupId: 'admin-group', protocolType: 'consumer' })
    const { groups } = await admin.describeGroups(['admin-group'])
    expect(groups[0]).toMatchObject({ groupId: 'admin-group', state: 'Stable', protocol: 'RoundRobinAssigner', protocolType: 'consumer' })
    expect(groups[0]?.members).toHaveLength(1)
    expect(groups[0]?.members[0]?.clientHost).toBe('/127.0.0.1')
    await expect(admin.deleteGroups(['admin-group'])).rejects.toMatchObject({ name: 'KafkaJSDeleteGroupsError' })
    await consumer.disconnect()
    expect(await admin.deleteGroups(['admin-group'])).toEqual([{ groupId: 'admin-group', errorCode: 0 }])
  })
})
