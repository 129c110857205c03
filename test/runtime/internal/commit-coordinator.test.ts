import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../../src/logging/index.js'
import { ProducerFencedError, TaskMigratedError } from '../../../src/runtime/errors.js'
import { CommitCoordinator } from '../../../src/runtime/internal/commit-coordinator.js'
import type { StreamRecordCollector } from '../../../src/runtime/internal/stream-record-collector.js'
import type { TaskManager } from '../../../src/runtime/internal/task-manager.js'
import type { ConsumerPort, OffsetAndMetadata, ProducerPort } from '../../../src/runtime/ports.js'
import type { StreamTask } from '../../../src/runtime/task/stream-task.js'

/** Records every call of the commit sequence in one log. */
function harness(options: { eos: boolean; commitFails?: Error; offsetCommitFails?: Error }) {
  const log: string[] = []
  let coordinator!: CommitCoordinator
  const producer = {
    beginTransaction: async () => void log.push('begin'),
    sendOffsetsToTransaction: async (o: readonly OffsetAndMetadata[]) => void log.push(`sendOffsets ${o.map((x) => x.offset).join(',')}`),
    commitTransaction: async () => {
      log.push('commitTxn')
      if (options.commitFails) throw options.commitFails
    },
    abortTransaction: async () => void log.push('abortTxn'),
  } as unknown as ProducerPort
  const consumer = {
    commit: async (o: readonly OffsetAndMetadata[]) => {
      log.push(`commitOffsets ${o.map((x) => x.offset).join(',')}`)
      if (options.offsetCommitFails) throw options.offsetCommitFails
    },
  } as unknown as ConsumerPort
  let buffered = 1
  const collector = {
    get pendingRecords() {
      return buffered
    },
    flush: async () => {
      if (buffered > 0) await coordinator.ensureTransaction()
      log.push(`flush ${buffered}`)
      buffered = 0
    },
    abandon: async () => {
      log.push('abandon')
      buffered = 0
    },
  } as unknown as StreamRecordCollector
  const task = {
    prepareCommit: () => void log.push('prepare'),
    postCommit: async () => void log.push('persist'),
  } as unknown as StreamTask
  const tasks = {
    committableOffsets: () => [{ topic: 'in', partition: 0, offset: 42, metadata: '7' }],
    runningTasks: () => [task],
    active: new Map([['0_0', { partitions: [{ topic: 'in', partition: 0 }] }]]),
  } as unknown as TaskManager
  coordinator = new CommitCoordinator({ eos: options.eos, producer: () => producer, consumer, groupId: 'app', logger: silentLogger })
  return { log, coordinator, collector, task, tasks }
}

describe('CommitCoordinator', () => {
  it('commits at least once in order: flush stores, send, commit offsets, then persist', async () => {
    const { log, coordinator, collector, task, tasks } = harness({ eos: false })
    expect(await coordinator.commit([task], tasks, collector)).toBe(true)
    expect(log).toEqual(['prepare', 'flush 1', 'commitOffsets 42', 'persist'])
  })

  it('keeps going at least once when the offset commit fails because the group rebalances', async () => {
    const { log, coordinator, collector, task, tasks } = harness({ eos: false, offsetCommitFails: new TaskMigratedError('rebalancing') })
    expect(await coordinator.commit([task], tasks, collector)).toBe(true)
    expect(log.at(-1)).toBe('persist')
  })

  it('commits exactly once in order: the transaction commits before local state is persisted', async () => {
    const { log, coordinator, collector, task, tasks } = harness({ eos: true })
    expect(await coordinator.commit([task], tasks, collector)).toBe(true)
    expect(log).toEqual(['prepare', 'begin', 'flush 1', 'sendOffsets 42', 'commitTxn', 'persist'])
  })

  it('aborts instead of committing when a rebalance starts during the commit, and asks for the tasks to be recreated', async () => {
    const { log, coordinator, collector, task, tasks } = harness({ eos: true })
    const flush = collector.flush.bind(collector)
    ;(collector as { flush: () => Promise<void> }).flush = async () => {
      await flush()
      coordinator.onRebalanceStarted()
    }
    expect(await coordinator.commit([task], tasks, collector)).toBe(false)
    expect(log).toEqual(['prepare', 'begin', 'flush 1', 'sendOffsets 42', 'abandon', 'abortTxn'])
    expect(coordinator.tasksNeedReinit).toBe(true)
  })

  it('treats fencing as recoverable: no local state is persisted', async () => {
    const { log, coordinator, collector, task, tasks } = harness({ eos: true, commitFails: new ProducerFencedError('fenced') })
    expect(await coordinator.commit([task], tasks, collector)).toBe(false)
    expect(log).not.toContain('persist')
    expect(coordinator.tasksNeedReinit).toBe(true)
  })

  it('rethrows failures no retry can fix', async () => {
    const { coordinator, collector, task, tasks } = harness({ eos: true, commitFails: new Error('disk on fire') })
    await expect(coordinator.commit([task], tasks, collector)).rejects.toThrow('disk on fire')
  })

  it('before an assignment that moves a task away, aborts the transaction and closes everything dirty', async () => {
    const { log, coordinator, collector, tasks } = harness({ eos: true })
    await coordinator.ensureTransaction()
    expect(await coordinator.beforeAssignment(tasks, collector, new Map())).toBe(true)
    expect(log).toEqual(['begin', 'abandon', 'abortTxn'])
  })

  it('before an assignment that keeps every task, commits the open transaction', async () => {
    const { log, coordinator, collector, tasks } = harness({ eos: true })
    coordinator.onRebalanceStarted()
    const same = new Map([['0_0', [{ topic: 'in', partition: 0 }]]])
    expect(await coordinator.beforeAssignment(tasks, collector, same)).toBe(false)
    expect(log).toEqual(['prepare', 'begin', 'flush 1', 'sendOffsets 42', 'commitTxn', 'persist'])
  })
})
