import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONSUMER_OFFSETS_DIR, GroupCoordinator, ManualScheduler, type OffsetCommitPartition } from '../../../src/broker/coordinator/index.js'
import { tempDir } from '../../helpers/temp-dir.js'
import { joinWithId } from './coordinator-fixture.js'

const offset = (topic: string, partition: number, value: bigint, metadata: string | null = null): OffsetCommitPartition => ({ topic, partition, offset: value, leaderEpoch: 2, metadata })
const simple = { generationId: -1, memberId: '', groupInstanceId: null }

describe('GroupCoordinator persistence', () => {
  let dir: { path: string; cleanup: () => Promise<void> }
  const open: GroupCoordinator[] = []

  const start = (options: { compactionMinBytes?: number } = {}): GroupCoordinator => {
    const coordinator = new GroupCoordinator({
      dataDir: dir.path,
      scheduler: new ManualScheduler(),
      groupInitialRebalanceDelayMs: 0,
      ...(options.compactionMinBytes === undefined ? {} : { offsetsLog: { compactionMinBytes: options.compactionMinBytes } }),
    })
    coordinator.startup()
    open.push(coordinator)
    return coordinator
  }
  const logFile = (): string => join(dir.path, CONSUMER_OFFSETS_DIR, 'coordinator.log')
  const fetch = (c: GroupCoordinator, groupId: string): [string, number, bigint, number, string | null][] =>
    c.fetchOffsets(groupId, null).topics.flatMap((t) => t.partitions.map((p) => [t.topic, p.partition, p.offset, p.leaderEpoch, p.metadata] as [string, number, bigint, number, string | null]))

  beforeEach(async () => {
    dir = await tempDir('tributary-coordinator-')
  })
  afterEach(async () => {
    for (const c of open.splice(0)) c.shutdown()
    await dir.cleanup()
  })

  it('recovers committed offsets and group generations after a restart', async () => {
    const first = start()
    first.commitOffsets({ groupId: 'simple', ...simple, offsets: [offset('t', 0, 10n, 'meta'), offset('t', 1, -2n)] })
    const a = await joinWithId(first, { groupId: 'app' })
    await first.syncGroup({ groupId: 'app', generationId: 1, memberId: a.memberId, groupInstanceId: null, assignments: [] })
    first.commitOffsets({ groupId: 'app', generationId: 1, memberId: a.memberId, groupInstanceId: null, offsets: [offset('orders', 3, 99n)] })
    first.shutdown()

    const second = start()
    expect(fetch(second, 'simple')).toEqual([
      ['t', 0, 10n, 2, 'meta'],
      ['t', 1, -2n, 2, ''],
    ])
    expect(fetch(second, 'app')).toEqual([['orders', 3, 99n, 2, '']])
    expect(second.describeGroups(['app'])[0]).toMatchObject({ state: 'Empty', protocolType: 'consumer', members: [] })
    expect(second.heartbeat({ groupId: 'app', generationId: 1, memberId: a.memberId, groupInstanceId: null }).errorCode).toBe(25)
    const rejoined = await joinWithId(second, { groupId: 'app' })
    expect(rejoined.join.value).toMatchObject({ errorCode: 0, generationId: 2 })
  })

  it('keeps what was written even when the coordinator was never shut down (process crash)', () => {
    const crashed = start()
    crashed.commitOffsets({ groupId: 'g', ...simple, offsets: [offset('t', 0, 7n)] })
    const second = start()
    expect(fetch(second, 'g')).toEqual([['t', 0, 7n, 2, '']])
  })

  it('truncates a torn tail on load and keeps appending after it', () => {
    const first = start()
    first.commitOffsets({ groupId: 'g', ...simple, offsets: [offset('t', 0, 1n)] })
    first.commitOffsets({ groupId: 'g', ...simple, offsets: [offset('t', 0, 2n)] })
    first.shutdown()
    const intact = statSync(logFile()).size
    // A torn write: a frame header announcing 100 bytes, followed by only a few of them.
    appendFileSync(logFile(), Buffer.from([0, 0, 0, 100, 1, 2, 3, 4, 0x7b, 0x22]))

    const second = start()
    expect(fetch(second, 'g')).toEqual([['t', 0, 2n, 2, '']])
    expect(statSync(logFile()).size).toBe(intact)
    second.commitOffsets({ groupId: 'g', ...simple, offsets: [offset('t', 0, 3n)] })
    second.shutdown()

    const third = start()
    expect(fetch(third, 'g')).toEqual([['t', 0, 3n, 2, '']])
  })

  it('drops a last frame whose checksum does not match', () => {
    const first = start()
    first.commitOffsets({ groupId: 'g', ...simple, offsets: [offset('t', 0, 1n)] })
    const oneRecord = statSync(logFile()).size
    first.commitOffsets({ groupId: 'g', ...simple, offsets: [offset('t', 0, 2n)] })
    first.shutdown()
    const bytes = readFileSync(logFile())
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff // flip bits inside the last payload
    writeFileSync(logFile(), bytes)

    const second = start()
    expect(fetch(second, 'g')).toEqual([['t', 0, 1n, 2, '']])
    expect(statSync(logFile()).size).toBe(oneRecord)
  })

  it('persists pending transactional offsets and their completion', () => {
    const first = start()
    first.prepareTransactionalOffsets('g', 11n, 0, [offset('t', 0, 50n)])
    first.prepareTransactionalOffsets('g', 12n, 0, [offset('t', 1, 60n)])
    first.completeTransactionalOffsets(12n, false)
    first.shutdown()

    const second = start()
    expect(second.hasPendingTransactionalOffsets(11n, 'g')).toBe(true)
    expect(second.hasPendingTransactionalOffsets(12n)).toBe(false)
    expect(fetch(second, 'g')).toEqual([])
    second.completeTransactionalOffsets(11n, true)
    second.shutdown()

    const third = start()
    expect(fetch(third, 'g')).toEqual([['t', 0, 50n, 2, '']])
  })

  it('persists group and topic deletions', () => {
    const first = start()
    first.commitOffsets({ groupId: 'gone', ...simple, offsets: [offset('t', 0, 1n)] })
    first.commitOffsets({ groupId: 'kept', ...simple, offsets: [offset('t', 0, 1n), offset('dropped', 0, 1n)] })
    first.deleteGroups(['gone'])
    first.onTopicDeleted('dropped')
    first.shutdown()

    const second = start()
    expect(second.listGroups().groups.map((g) => g.groupId)).toEqual(['kept'])
    expect(fetch(second, 'kept')).toEqual([['t', 0, 1n, 2, '']])
  })

  it('compacts the log so it stays bounded, keeping the latest values and the commit order', () => {
    const first = start({ compactionMinBytes: 4096 })
    first.prepareTransactionalOffsets('g', 5n, 0, [offset('t', 0, 1_000n)])
    for (let i = 0; i < 2_000; i++) {
      first.commitOffsets({ groupId: 'g', ...simple, offsets: [offset('t', i % 4, BigInt(i))] })
    }
    expect(statSync(logFile()).size).toBeLessThan(4 * 4096)
    first.shutdown()

    const second = start({ compactionMinBytes: 4096 })
    expect(fetch(second, 'g').map((r) => [r[1], r[2]])).toEqual([
      [0, 1996n],
      [1, 1997n],
      [2, 1998n],
      [3, 1999n],
    ])
    // The transaction was prepared before the later plain commits, so they still win after compaction.
    second.completeTransactionalOffsets(5n, true)
    expect(fetch(second, 'g')[0]![2]).toBe(1996n)
  })

  it('fails startup with COORDINATOR_STORAGE_FAILED when the data dir cannot be used', () => {
    const file = join(dir.path, 'plain-file')
    writeFileSync(file, 'not a directory')
    const broken = new GroupCoordinator({ dataDir: file, scheduler: new ManualScheduler() })
    expect(() => broken.startup()).toThrow(expect.objectContaining({ code: 'COORDINATOR_STORAGE_FAILED' }))
  })
})
