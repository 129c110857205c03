import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CONSUMER_OFFSETS_DIR, GroupCoordinator, ManualScheduler } from '../../../src/broker/coordinator/index.js'
import { tempDir } from '../../helpers/temp-dir.js'

/** When set, the next write puts only a few bytes in the file and then fails as a full disk does. */
const failure = vi.hoisted(() => ({ armed: false }))

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  const writeSync = (fd: number, buffer: Buffer, offset?: number, length?: number): number => {
    if (failure.armed) {
      failure.armed = false
      fs.writeSync(fd, buffer, offset ?? 0, 5)
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    }
    return fs.writeSync(fd, buffer, offset ?? 0, length ?? buffer.length - (offset ?? 0))
  }
  return { ...fs, writeSync, default: { ...fs, writeSync } }
})

const offset = (partition: number, value: bigint) => ({ topic: 't', partition, offset: value, leaderEpoch: -1, metadata: null })
const simple = { generationId: -1, memberId: '', groupInstanceId: null }

describe('GroupCoordinator when the offsets log cannot be written', () => {
  let dir: { path: string; cleanup: () => Promise<void> }
  beforeEach(async () => {
    dir = await tempDir('tributary-coordinator-enospc-')
  })
  afterEach(async () => {
    await dir.cleanup()
  })

  it('answers COORDINATOR_NOT_AVAILABLE per partition, cuts the partial frame and keeps working', () => {
    const start = (): GroupCoordinator => {
      const c = new GroupCoordinator({ dataDir: dir.path, scheduler: new ManualScheduler() })
      c.startup()
      return c
    }
    const coordinator = start()
    coordinator.commitOffsets({ groupId: 'g', ...simple, offsets: [offset(0, 1n)] })
    const size = statSync(join(dir.path, CONSUMER_OFFSETS_DIR, 'coordinator.log')).size

    failure.armed = true
    const failed = coordinator.commitOffsets({ groupId: 'g', ...simple, offsets: [offset(0, 2n), offset(1, 2n)] })
    expect(failed.map((r) => r.errorCode)).toEqual([15, 15])
    expect(statSync(join(dir.path, CONSUMER_OFFSETS_DIR, 'coordinator.log')).size).toBe(size)
    expect(coordinator.fetchOffsets('g', null).topics[0]!.partitions.map((p) => p.offset)).toEqual([1n])

    expect(coordinator.commitOffsets({ groupId: 'g', ...simple, offsets: [offset(1, 3n)] })[0]!.errorCode).toBe(0)
    coordinator.shutdown()
    const reopened = start()
    expect(reopened.fetchOffsets('g', null).topics[0]!.partitions.map((p) => [p.partition, p.offset])).toEqual([
      [0, 1n],
      [1, 3n],
    ])
    reopened.shutdown()
  })
})
