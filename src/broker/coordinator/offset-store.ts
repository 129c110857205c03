import { join } from 'node:path'
import type { Logger } from '../../logging/index.js'
import { openOffsetLog, type OffsetLog, type OffsetLogOptions } from './internal/offset-log.js'
import { decodeOffsetLogRecord, encodeOffsetLogRecord, type OffsetLogRecord, type OffsetTuple } from './internal/offset-records.js'
import type { OffsetCommitPartition, TopicPartitionRef } from './offset-requests.js'

/** The directory under the broker's data dir that holds the coordinator's log (Kafka's topic name). */
export const CONSUMER_OFFSETS_DIR = '__consumer_offsets'

/** A committed offset as stored. */
export interface CommittedOffset {
  readonly offset: bigint
  readonly leaderEpoch: number
  readonly metadata: string
  readonly commitTimestampMs: number
  /** Position of the write in the log's history: the newer write wins when a transaction commits. */
  readonly seq: number
}

/** What is persisted of a group's membership: enough to reload it as Empty with its generation. */
export interface PersistedGroup {
  readonly generationId: number
  readonly protocolType: string | null
  readonly protocolName: string | null
}

type PartitionOffsets = Map<string, Map<number, CommittedOffset>>

interface PendingTxn {
  epoch: number
  readonly offsets: PartitionOffsets
}

interface GroupEntry {
  meta: PersistedGroup | null
  readonly offsets: PartitionOffsets
  readonly pending: Map<bigint, PendingTxn>
}

/** Options of `OffsetStore.open`. */
export interface OffsetStoreOptions {
  /** The broker's data dir; absent: in-memory only. */
  readonly dataDir?: string | undefined
  readonly logger: Logger
  readonly log?: OffsetLogOptions
}

/**
 * Committed and pending (transactional) offsets plus persisted group metadata, durable in an
 * append-only log under `<dataDir>/__consumer_offsets/`. Every mutation is one log record,
 * appended before it is applied, so memory never holds what the file does not.
 */
export class OffsetStore {
  private readonly groups = new Map<string, GroupEntry>()
  private readonly log: OffsetLog | null
  private readonly logger: Logger
  private nextSeq = 0

  private constructor(log: OffsetLog | null, logger: Logger) {
    this.log = log
    this.logger = logger
  }

  /** Opens the store, replaying the log (a torn tail is truncated). */
  static open(options: OffsetStoreOptions): OffsetStore {
    if (options.dataDir === undefined) return new OffsetStore(null, options.logger)
    const { log, load } = openOffsetLog(join(options.dataDir, CONSUMER_OFFSETS_DIR), options.logger, options.log)
    const store = new OffsetStore(log, options.logger)
    let skipped = 0
    for (const payload of load.payloads) {
      const record = decodeOffsetLogRecord(payload)
      if (record === undefined) skipped++
      else store.apply(record)
    }
    if (skipped > 0) options.logger.error({ path: log.path, skipped }, 'Skipped unreadable records in the offsets log')
    return store
  }

  /** Ids of every group with offsets, pending offsets or persisted metadata. */
  groupIds(): string[] {
    return [...this.groups.keys()]
  }

  groupMeta(groupId: string): PersistedGroup | null {
    return this.groups.get(groupId)?.meta ?? null
  }

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.groups.get(groupId)?.offsets.get(topic)?.get(partition)
  }

  /** The group's committed offsets by topic (empty map for unknown groups). */
  offsetsOf(groupId: string): ReadonlyMap<string, ReadonlyMap<number, CommittedOffset>> {
    return this.groups.get(groupId)?.offsets ?? new Map()
  }

  /** Whether a transaction holds a not-yet-completed offset for this partition. */
  hasPendingFor(groupId: string, topic: string, partition: number): boolean {
    const entry = this.groups.get(groupId)
    if (entry === undefined) return false
    for (const txn of entry.pending.values()) if (txn.offsets.get(topic)?.has(partition) === true) return true
    return false
  }

  /** Whether `producerId` has pending offsets (in `groupId`, or in any group). */
  hasPendingTxn(producerId: bigint, groupId?: string): boolean {
    if (groupId !== undefined) return this.groups.get(groupId)?.pending.has(producerId) === true
    for (const entry of this.groups.values()) if (entry.pending.has(producerId)) return true
    return false
  }

  /** The epoch of `producerId`'s pending offsets in `groupId`, if any. */
  pendingEpoch(groupId: string, producerId: bigint): number | undefined {
    return this.groups.get(groupId)?.pending.get(producerId)?.epoch
  }

  commit(groupId: string, offsets: readonly OffsetCommitPartition[], nowMs: number): void {
    this.write({ k: 'commit', g: groupId, o: this.tuples(offsets, nowMs) })
  }

  prepareTxn(groupId: string, producerId: bigint, producerEpoch: number, offsets: readonly OffsetCommitPartition[], nowMs: number): void {
    this.write({ k: 'txn', g: groupId, p: producerId.toString(), e: producerEpoch, o: this.tuples(offsets, nowMs) })
  }

  /** Applies (commit) or drops (abort) `producerId`'s pending offsets; false if it had none. */
  completeTxn(producerId: bigint, commit: boolean): boolean {
    if (!this.hasPendingTxn(producerId)) return false
    this.write({ k: 'txnEnd', p: producerId.toString(), c: commit })
    return true
  }

  storeGroup(groupId: string, meta: PersistedGroup): void {
    this.write({ k: 'group', g: groupId, gen: meta.generationId, pt: meta.protocolType, pn: meta.protocolName })
  }

  /** Forgets everything about a group; returns the number of offsets removed. */
  deleteGroup(groupId: string): number {
    const entry = this.groups.get(groupId)
    if (entry === undefined) return 0
    const removed = count(entry.offsets)
    this.write({ k: 'delGroup', g: groupId })
    return removed
  }

  /** Removes a deleted topic's offsets from every group; returns how many were removed. */
  deleteTopic(topic: string): number {
    let removed = 0
    let pending = false
    for (const entry of this.groups.values()) {
      removed += entry.offsets.get(topic)?.size ?? 0
      for (const txn of entry.pending.values()) pending ||= txn.offsets.has(topic)
    }
    if (removed > 0 || pending) this.write({ k: 'delTopic', t: topic })
    return removed
  }

  deleteOffsets(groupId: string, partitions: readonly TopicPartitionRef[]): void {
    if (partitions.length === 0 || !this.groups.has(groupId)) return
    this.write({ k: 'delOffsets', g: groupId, o: partitions.map((p) => [p.topic, p.partition] as const) })
  }

  close(): void {
    this.log?.close()
  }

  private tuples(offsets: readonly OffsetCommitPartition[], nowMs: number): OffsetTuple[] {
    const seq = this.nextSeq
    return offsets.map((o) => [o.topic, o.partition, o.offset.toString(), o.leaderEpoch, o.metadata ?? '', nowMs, seq])
  }

  private write(record: OffsetLogRecord): void {
    if (this.log !== null) this.log.append(encodeOffsetLogRecord(record))
    this.apply(record)
    if (this.log?.needsCompaction === true) this.compact()
  }

  private compact(): void {
    const log = this.log!
    const before = log.size
    log.rewrite(this.snapshot().map(encodeOffsetLogRecord))
    this.logger.info({ path: log.path, beforeBytes: before, afterBytes: log.size }, 'Compacted the offsets log')
  }

  /** The current state as the fewest records that rebuild it. */
  private snapshot(): OffsetLogRecord[] {
    const records: OffsetLogRecord[] = []
    for (const [g, entry] of this.groups) {
      if (entry.meta !== null) records.push({ k: 'group', g, gen: entry.meta.generationId, pt: entry.meta.protocolType, pn: entry.meta.protocolName })
      if (entry.offsets.size > 0) records.push({ k: 'commit', g, o: toTuples(entry.offsets) })
      for (const [p, txn] of entry.pending) records.push({ k: 'txn', g, p: p.toString(), e: txn.epoch, o: toTuples(txn.offsets) })
    }
    return records
  }

  private entry(groupId: string): GroupEntry {
    let entry = this.groups.get(groupId)
    if (entry === undefined) {
      entry = { meta: null, offsets: new Map(), pending: new Map() }
      this.groups.set(groupId, entry)
    }
    return entry
  }

  /** The single state transition used both live and on replay. */
  private apply(record: OffsetLogRecord): void {
    switch (record.k) {
      case 'commit':
        putTuples(this.entry(record.g).offsets, record.o)
        this.bumpSeq(record.o)
        break
      case 'txn': {
        const entry = this.entry(record.g)
        const pid = BigInt(record.p)
        const txn = entry.pending.get(pid) ?? { epoch: record.e, offsets: new Map() }
        txn.epoch = record.e
        putTuples(txn.offsets, record.o)
        entry.pending.set(pid, txn)
        this.bumpSeq(record.o)
        break
      }
      case 'txnEnd': {
        const pid = BigInt(record.p)
        for (const entry of this.groups.values()) {
          const txn = entry.pending.get(pid)
          if (txn === undefined) continue
          entry.pending.delete(pid)
          if (record.c) applyIfNewer(entry.offsets, txn.offsets)
        }
        break
      }
      case 'group':
        this.entry(record.g).meta = { generationId: record.gen, protocolType: record.pt, protocolName: record.pn }
        break
      case 'delGroup':
        this.groups.delete(record.g)
        break
      case 'delTopic':
        for (const entry of this.groups.values()) {
          entry.offsets.delete(record.t)
          for (const txn of entry.pending.values()) txn.offsets.delete(record.t)
        }
        break
      case 'delOffsets': {
        const entry = this.groups.get(record.g)
        if (entry === undefined) break
        for (const [topic, partition] of record.o) {
          const byPartition = entry.offsets.get(topic)
          byPartition?.delete(partition)
          if (byPartition?.size === 0) entry.offsets.delete(topic)
        }
        break
      }
    }
  }

  private bumpSeq(tuples: readonly OffsetTuple[]): void {
    for (const t of tuples) if (t[6] >= this.nextSeq) this.nextSeq = t[6] + 1
  }
}

function putTuples(target: PartitionOffsets, tuples: readonly OffsetTuple[]): void {
  for (const [topic, partition, offset, leaderEpoch, metadata, commitTimestampMs, seq] of tuples) {
    let byPartition = target.get(topic)
    if (byPartition === undefined) target.set(topic, (byPartition = new Map()))
    byPartition.set(partition, { offset: BigInt(offset), leaderEpoch, metadata, commitTimestampMs, seq })
  }
}

function applyIfNewer(target: PartitionOffsets, source: PartitionOffsets): void {
  for (const [topic, partitions] of source) {
    for (const [partition, committed] of partitions) {
      let byPartition = target.get(topic)
      if (byPartition === undefined) target.set(topic, (byPartition = new Map()))
      const current = byPartition.get(partition)
      if (current === undefined || current.seq < committed.seq) byPartition.set(partition, committed)
    }
  }
}

function toTuples(offsets: PartitionOffsets): OffsetTuple[] {
  const out: OffsetTuple[] = []
  for (const [topic, partitions] of offsets) {
    for (const [partition, c] of partitions) out.push([topic, partition, c.offset.toString(), c.leaderEpoch, c.metadata, c.commitTimestampMs, c.seq])
  }
  return out
}

function count(offsets: PartitionOffsets): number {
  let n = 0
  for (const partitions of offsets.values()) n += partitions.size
  return n
}
