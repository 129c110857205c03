import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LogManager, type LogManagerOptions } from '../../../src/broker/log/log-manager.js'
import { ConfigSource } from '../../../src/broker/log/topic-config-ops.js'
import { tempDir } from '../../helpers/temp-dir.js'
import { parseBatches, simpleBatch } from './helpers/batch-builder.js'

const ALL = { minOneBatch: true, maxOffset: 1n << 62n }

describe.each(['memory', 'file'] as const)('LogManager (%s)', (mode) => {
  let dir: { path: string; cleanup: () => Promise<void> } | undefined
  const managers: LogManager[] = []

  beforeEach(async () => {
    dir = mode === 'file' ? await tempDir('tributary-logmgr-') : undefined
  })
  afterEach(async () => {
    for (const m of managers.splice(0)) m.close()
    await dir?.cleanup()
  })

  function open(options: LogManagerOptions = {}): LogManager {
    const m = LogManager.open({ ...(dir ? { dataDir: join(dir.path, 'logs') } : {}), ...options })
    managers.push(m)
    return m
  }

  it('creates topics with partition logs that accept appends', () => {
    const m = open()
    expect(m.createTopic({ name: 'orders', numPartitions: 3, replicationFactor: 1 })).toEqual({ errorCode: 0, errorMessage: null })
    expect(m.getTopic('orders')).toMatchObject({ name: 'orders', partitions: 3, isInternal: false, configs: {} })
    expect(m.getTopic('orders')?.topicId).toMatch(/^[0-9a-f-]{36}$/)
    const log = m.getLog('orders', 2)
    expect(log?.append(simpleBatch(2)).baseOffset).toBe(0n)
    expect(m.getLog('orders', 3)).toBeUndefined()
    expect(m.getLog('nope', 0)).toBeUndefined()
  })

  it('uses the default partition count for -1 and when omitted', () => {
    const m = open({ numPartitions: 4 })
    m.createTopic({ name: 'a', numPartitions: -1, replicationFactor: -1 })
    m.createTopic({ name: 'b' })
    expect(m.getTopic('a')?.partitions).toBe(4)
    expect(m.getTopic('b')?.partitions).toBe(4)
  })

  it.each([
    ['', 'Topic name is invalid: the empty string is not allowed'],
    ['.', "Topic name is invalid: '.' is not allowed"],
    ['..', "Topic name is invalid: '..' is not allowed"],
    ['a'.repeat(250), `Topic name is invalid: the length of '${'a'.repeat(250)}' is longer than the max allowed length 249`],
    ['a/b', "Topic name is invalid: 'a/b' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'"],
    ['with space', "Topic name is invalid: 'with space' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'"],
    ['é', "Topic name is invalid: 'é' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'"],
  ])('rejects the topic name %j with INVALID_TOPIC_EXCEPTION', (name, message) => {
    expect(open().createTopic({ name })).toEqual({ errorCode: 17, errorMessage: message })
  })

  it('accepts a 249-character name made of every legal character class', () => {
    const name = `Az09._-${'x'.repeat(242)}`
    expect(open().createTopic({ name }).errorCode).toBe(0)
  })

  it('reports existing and colliding names', () => {
    const m = open()
    m.createTopic({ name: 'a.b' })
    expect(m.createTopic({ name: 'a.b' })).toEqual({ errorCode: 36, errorMessage: "Topic 'a.b' already exists." })
    expect(m.createTopic({ name: 'a_b' })).toEqual({ errorCode: 17, errorMessage: "Topic 'a_b' collides with existing topic: a.b" })
  })

  it('validates partitions and replication factor as Kafka does', () => {
    const m = open()
    const badPartitions = { errorCode: 37, errorMessage: 'Number of partitions was set to an invalid non-positive value.' }
    expect(m.createTopic({ name: 'p0', numPartitions: 0 })).toEqual(badPartitions)
    expect(m.createTopic({ name: 'p2', numPartitions: -2 })).toEqual(badPartitions)
    expect(m.createTopic({ name: 'r0', replicationFactor: 0 })).toEqual({
      errorCode: 38,
      errorMessage: 'Replication factor must be larger than 0, or -1 to use the default value.',
    })
    expect(m.createTopic({ name: 'r3', replicationFactor: 3 })).toEqual({
      errorCode: 38,
      errorMessage: 'Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered.',
    })
    expect(m.listTopics()).toEqual([])
  })

  it.each([
    [{ foo: '1' }, 'Unknown topic config name: foo'],
    [{ 'retention.ms': 'abc' }, 'Invalid value abc for configuration retention.ms: Not a number of type LONG'],
    [{ 'retention.ms': '-5' }, 'Invalid value -5 for configuration retention.ms: Value must be at least -1'],
    [{ 'segment.bytes': '99999999999' }, 'Invalid value 99999999999 for configuration segment.bytes: Not a number of type INT'],
    [{ 'cleanup.policy': 'compact,foo' }, 'Invalid value foo for configuration cleanup.policy: String must be one of: compact, delete'],
    [{ 'compression.type': 'brotli' }, 'Invalid value brotli for configuration compression.type: String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer'],
    [{ 'message.timestamp.type': 'Now' }, 'Invalid value Now for configuration message.timestamp.type: String must be one of: CreateTime, LogAppendTime'],
    [{ 'min.cleanable.dirty.ratio': '1.5' }, 'Invalid value 1.5 for configuration min.cleanable.dirty.ratio: Value must be no more than 1'],
    [{ 'min.insync.replicas': '0' }, 'Invalid value 0 for configuration min.insync.replicas: Value must be at least 1'],
    [{ preallocate: 'yes' }, 'Invalid value yes for configuration preallocate: Expected value to be either true or false'],
    [{ 'min.compaction.lag.ms': '10', 'max.compaction.lag.ms': '5' }, 'conflict topic config setting min.compaction.lag.ms (10) > max.compaction.lag.ms (5)'],
    [{ 'retention.ms': null }, 'Null value not supported for topic configs: retention.ms'],
  ])('rejects configs %j with INVALID_CONFIG', (configs, message) => {
    expect(open().createTopic({ name: 't', configs })).toEqual({ errorCode: 40, errorMessage: message })
  })

  it('creates nothing with validateOnly', () => {
    const m = open()
    expect(m.createTopic({ name: 'v', numPartitions: 2, configs: { 'cleanup.policy': 'compact' } }, { validateOnly: true }).errorCode).toBe(0)
    expect(m.getTopic('v')).toBeUndefined()
  })

  it('deletes a topic and its data, and a re-created topic starts empty', () => {
    const m = open()
    m.createTopic({ name: 'gone', numPartitions: 2 })
    m.getLog('gone', 0)?.append(simpleBatch(5))
    expect(m.deleteTopic('gone')).toEqual({ errorCode: 0, errorMessage: null })
    expect(m.getTopic('gone')).toBeUndefined()
    expect(m.deleteTopic('gone').errorCode).toBe(3)
    if (dir) expect(readdirSync(join(dir.path, 'logs'))).toEqual([])
    m.createTopic({ name: 'gone' })
    expect(m.getLog('gone', 0)?.logEndOffset).toBe(0n)
  })

  it('adds partitions and reports Kafka messages for non-increases', () => {
    const m = open()
    m.createTopic({ name: 'grow', numPartitions: 2 })
    expect(m.createPartitions('grow', 2)).toEqual({ errorCode: 37, errorMessage: 'Topic already has 2 partition(s).' })
    expect(m.createPartitions('grow', 1)).toEqual({ errorCode: 37, errorMessage: 'The topic grow currently has 2 partition(s); 1 would not be an increase.' })
    expect(m.createPartitions('none', 3).errorCode).toBe(3)
    expect(m.createPartitions('grow', 5, { validateOnly: true }).errorCode).toBe(0)
    expect(m.getTopic('grow')?.partitions).toBe(2)
    expect(m.createPartitions('grow', 5).errorCode).toBe(0)
    expect(m.getTopic('grow')?.partitions).toBe(5)
    expect(m.getLog('grow', 4)?.append(simpleBatch(1)).baseOffset).toBe(0n)
  })

  it('describes configs with their source and alters them', () => {
    const m = open({ topicDefaults: { 'segment.bytes': '1048576' } })
    m.createTopic({ name: 'c', configs: { 'retention.ms': '1000' } })
    const entries = m.describeConfigs('c').configs
    const byName = new Map(entries.map((e) => [e.name, e]))
    expect(byName.get('retention.ms')).toMatchObject({ value: '1000', source: ConfigSource.TOPIC_CONFIG, isDefault: false })
    expect(byName.get('segment.bytes')).toMatchObject({ value: '1048576', source: ConfigSource.STATIC_BROKER_CONFIG })
    expect(byName.get('cleanup.policy')).toMatchObject({ value: 'delete', source: ConfigSource.DEFAULT_CONFIG, isDefault: true })
    expect(entries.map((e) => e.name)).toEqual([...entries.map((e) => e.name)].sort())
    expect(m.describeConfigs('c', ['retention.ms', 'nope']).configs.map((e) => e.name)).toEqual(['retention.ms'])
    expect(m.describeConfigs('missing').errorCode).toBe(3)

    expect(m.alterConfigs('c', { 'cleanup.policy': 'compact' }).errorCode).toBe(0)
    expect(m.getTopic('c')?.configs).toEqual({ 'cleanup.policy': 'compact' })
    expect(m.getLog('c', 0)?.config.compactEnabled).toBe(true)
    expect(m.alterConfigs('c', { 'retention.ms': 'x' })).toEqual({
      errorCode: 40,
      errorMessage: 'Invalid value x for configuration retention.ms: Not a number of type LONG',
    })
    expect(m.incrementalAlterConfigs('c', [{ name: 'cleanup.policy', op: 'APPEND', value: 'delete' }]).errorCode).toBe(0)
    expect(m.getTopic('c')?.configs['cleanup.policy']).toBe('compact,delete')
    expect(m.incrementalAlterConfigs('c', [{ name: 'retention.ms', op: 'APPEND', value: '1' }])).toEqual({
      errorCode: 40,
      errorMessage: "Can't APPEND to key retention.ms because its type is not LIST.",
    })
    expect(m.incrementalAlterConfigs('c', [{ name: 'cleanup.policy', op: 'DELETE', value: null }]).errorCode).toBe(0)
    expect(m.getTopic('c')?.configs).toEqual({})
  })

  it('auto-creates unknown topics with the defaults when enabled', () => {
    const m = open({ numPartitions: 2 })
    expect(m.ensureTopic('auto')).toMatchObject({ errorCode: 0, topic: { name: 'auto', partitions: 2 } })
    expect(m.ensureTopic('bad name').errorCode).toBe(17)
    expect(m.ensureTopic('__consumer_offsets').errorCode).toBe(3)
    const off = open({ autoCreateTopics: false })
    expect(off.ensureTopic('other').errorCode).toBe(3)
  })

  it('marks topics created by coordinators as internal', () => {
    const m = open()
    m.createTopic({ name: '__consumer_offsets', numPartitions: 3, configs: { 'cleanup.policy': 'compact' } }, { isInternal: true })
    expect(m.getTopic('__consumer_offsets')?.isInternal).toBe(true)
    expect(m.listTopics().map((t) => t.name)).toEqual(['__consumer_offsets'])
  })

  it('applies retention to every log in runMaintenance', () => {
    const m = open()
    const size = simpleBatch(1).length
    m.createTopic({ name: 'r', configs: { 'segment.bytes': String(size + 10), 'retention.bytes': String(size), 'retention.ms': '-1' } })
    const log = m.getLog('r', 0)
    for (let i = 0; i < 4; i++) log?.append(simpleBatch(1))
    expect(m.runMaintenance(Date.now()).deletedSegments).toBe(3)
    expect(log?.logStartOffset).toBe(3n)
  })
})

describe('LogManager restart (file)', () => {
  let dir: { path: string; cleanup: () => Promise<void> }
  const managers: LogManager[] = []
  beforeEach(async () => {
    dir = await tempDir('tributary-logmgr-')
  })
  afterEach(async () => {
    for (const m of managers.splice(0)) m.close()
    await dir.cleanup()
  })
  function open(): LogManager {
    const m = LogManager.open({ dataDir: join(dir.path, 'logs') })
    managers.push(m)
    return m
  }

  it('keeps topics, configs, ids and data across a restart', () => {
    const m = open()
    m.createTopic({ name: 'keep', numPartitions: 2, configs: { 'retention.ms': '5000' } })
    m.createTopic({ name: '__transaction_state', numPartitions: 1 }, { isInternal: true })
    const id = m.getTopic('keep')?.topicId
    m.getLog('keep', 1)?.append(simpleBatch(3))
    m.getLog('keep', 1)?.append(simpleBatch(2))
    m.close()
    const again = open()
    expect(again.getTopic('keep')).toEqual({ name: 'keep', topicId: id, partitions: 2, isInternal: false, configs: { 'retention.ms': '5000' } })
    expect(again.getTopic('__transaction_state')?.isInternal).toBe(true)
    expect(again.getLog('keep', 1)?.logEndOffset).toBe(5n)
    expect(parseBatches(again.getLog('keep', 1)?.read(0n, 1 << 20, ALL).records ?? []).map((h) => h.baseOffset)).toEqual([0n, 3n])
    expect(again.getLog('keep', 1)?.config.retentionMs).toBe(5000)
    expect(existsSync(join(dir.path, 'logs', 'keep', 'topic.json'))).toBe(true)
  })

  it('ignores directories of interrupted creates, removes leftovers of deletions, and re-creates cleanly', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs')
    const logs = join(dir.path, 'logs')
    mkdirSync(join(logs, 'half', '0'), { recursive: true })
    writeFileSync(join(logs, 'half', '0', '00000000000000000000.log'), Buffer.alloc(100, 1))
    mkdirSync(join(logs, '~deleted-123', '0'), { recursive: true })
    const m = open()
    expect(m.listTopics()).toEqual([])
    expect(existsSync(join(logs, '~deleted-123'))).toBe(false)
    expect(m.createTopic({ name: 'half' }).errorCode).toBe(0)
    expect(m.getLog('half', 0)?.logEndOffset).toBe(0n)
  })
})
