import { Headers } from '../../../processor-api/headers.js'
import type { ChangelogRecord, LogConfig, StateStore, StateStoreContext, StoreBuilder } from '../../../processor-api/state-store.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import { StreamsError } from '../../../processor-api/errors.js'

/** The metadata kept with a buffered update, restored on emit. */
export interface BufferedRecordContext {
  readonly timestamp: number
  readonly headers: Headers
  /** The topic of the record that made the update (counted in the buffer size, as Kafka does). */
  readonly topic?: string
}

/** A buffered table update: its prior value (before it was first buffered), old and new values. */
interface BufferValue {
  readonly prior: Buffer | null
  readonly old: Buffer | null
  readonly new: Buffer | null
  readonly context: BufferedRecordContext
}

interface BufferEntry {
  readonly time: number
  readonly keyHex: string
  readonly key: Buffer
  value: BufferValue
}

/** An update leaving the buffer. */
export interface Eviction<K, V> {
  readonly key: K
  readonly newValue: V | null
  readonly oldValue: V | null
  readonly context: BufferedRecordContext
}

/**
 * The suppression buffer (Kafka's `InMemoryTimeOrderedKeyValueChangeBuffer`): the latest update
 * per key, ordered by the buffer time of its first update; evicted oldest first. In memory,
 * logged to a changelog (written at flush for the keys changed since) and restored from it.
 */
export class TimeOrderedKeyValueBuffer<K, V> implements StateStore {
  readonly persistent = false
  private open = false
  private context: StateStoreContext | null = null
  private keySerde: Serde<K> | null
  private valueSerde: Serde<V> | null
  private topic = ''
  /** Entries sorted by (time, key bytes). */
  private readonly sorted: BufferEntry[] = []
  private readonly index = new Map<string, BufferEntry>()
  private readonly dirty = new Set<string>()
  private bytes = 0
  private offset: number | null = null

  constructor(
    readonly name: string,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    private readonly loggingEnabled: boolean,
  ) {
    this.keySerde = keySerde ?? null
    this.valueSerde = valueSerde ?? null
  }

  get isOpen(): boolean {
    return this.open
  }

  init(context: StateStoreContext, root: StateStore): void {
    this.context = context
    this.topic = `${context.applicationId}-${this.name}-changelog`
    this.keySerde ??= context.keySerde as Serde<K> | null
    this.valueSerde ??= context.valueSerde as Serde<V> | null
    if (this.keySerde === null || this.valueSerde === null) {
      throw new StreamsError('KS_ERR_SERDE_MISSING', `Suppression buffer ${this.name} has no serdes and no default serdes are configured`)
    }
    context.register(root, (records) => this.restore(records))
    this.open = true
  }

  /** Smallest buffer time, or +Infinity when empty. */
  minTimestamp(): number {
    return this.sorted.length === 0 ? Infinity : this.sorted[0]!.time
  }

  numRecords(): number {
    return this.sorted.length
  }

  bufferSize(): number {
    return this.bytes
  }

  /** Buffers `change` for `key` at `time` (a key already buffered keeps its first time and prior value). */
  put(time: number, key: K, change: { newValue: V | null; oldValue: V | null }, context: BufferedRecordContext): void {
    const keyBytes = this.keySerde!.serializer.serialize(this.topic, key) ?? Buffer.alloc(0)
    const keyHex = keyBytes.toString('hex')
    const newBytes = change.newValue === null ? null : this.valueSerde!.serializer.serialize(this.topic, change.newValue)
    const oldBytes = change.oldValue === null ? null : this.valueSerde!.serializer.serialize(this.topic, change.oldValue)
    const existing = this.index.get(keyHex)
    const value: BufferValue = { prior: existing === undefined ? oldBytes : existing.value.prior, old: oldBytes, new: newBytes, context }
    if (existing === undefined) {
      const entry: BufferEntry = { time, keyHex, key: keyBytes, value }
      this.sorted.splice(this.insertionPoint(time, keyBytes), 0, entry)
      this.index.set(keyHex, entry)
      this.bytes += entrySize(entry)
    } else {
      this.bytes -= entrySize(existing)
      existing.value = value
      this.bytes += entrySize(existing)
    }
    if (this.loggingEnabled) this.dirty.add(keyHex)
  }

  /** Evicts oldest first while `predicate()` holds. */
  evictWhile(predicate: () => boolean, callback: (eviction: Eviction<K, V>) => void): void {
    while (this.sorted.length > 0 && predicate()) {
      const entry = this.sorted.shift()!
      this.index.delete(entry.keyHex)
      this.bytes -= entrySize(entry)
      if (this.loggingEnabled) this.dirty.add(entry.keyHex)
      callback({
        key: this.keySerde!.deserializer.deserialize(this.topic, entry.key) as K,
        newValue: entry.value.new === null ? null : this.valueSerde!.deserializer.deserialize(this.topic, entry.value.new),
        oldValue: entry.value.old === null ? null : this.valueSerde!.deserializer.deserialize(this.topic, entry.value.old),
        context: entry.value.context,
      })
    }
  }

  /** The value a key had before it was buffered, when it is buffered (for the table's value getter). */
  priorValueForBuffered(key: K): { value: V | null } | null {
    const keyBytes = this.keySerde!.serializer.serialize(this.topic, key) ?? Buffer.alloc(0)
    const entry = this.index.get(keyBytes.toString('hex'))
    if (entry === undefined) return null
    return { value: entry.value.prior === null ? null : this.valueSerde!.deserializer.deserialize(this.topic, entry.value.prior) }
  }

  flush(): void {
    if (!this.loggingEnabled || this.context === null) return
    for (const keyHex of this.dirty) {
      const entry = this.index.get(keyHex)
      const key = Buffer.from(keyHex, 'hex')
      if (entry === undefined) this.context.logChange(this.name, key, null, this.context.currentRecordContext()?.timestamp ?? 0)
      else this.context.logChange(this.name, key, encode(entry), entry.value.context.timestamp, entry.value.context.headers)
    }
    this.dirty.clear()
  }

  async persist(changelogOffset: number | null): Promise<void> {
    this.offset = changelogOffset
  }

  committedOffset(): number | null {
    return this.offset
  }

  close(): void {
    this.open = false
  }

  private restore(records: ReadonlyArray<ChangelogRecord>): void {
    for (const r of records) {
      const keyHex = r.key.toString('hex')
      const existing = this.index.get(keyHex)
      if (existing !== undefined) {
        this.sorted.splice(this.sorted.indexOf(existing), 1)
        this.index.delete(keyHex)
        this.bytes -= entrySize(existing)
      }
      if (r.value === null) continue
      const entry = decode(r.key, keyHex, r.value)
      this.sorted.splice(this.insertionPoint(entry.time, entry.key), 0, entry)
      this.index.set(keyHex, entry)
      this.bytes += entrySize(entry)
    }
  }

  private insertionPoint(time: number, key: Buffer): number {
    let lo = 0
    let hi = this.sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const e = this.sorted[mid]!
      if (e.time < time || (e.time === time && Buffer.compare(e.key, key) < 0)) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/** Kafka's `computeRecordSize` estimate: time + key + values + record context. */
function entrySize(entry: BufferEntry): number {
  const v = entry.value
  let size = 8 + entry.key.length + (v.prior?.length ?? 0) + (v.old === null || v.old === v.prior ? 0 : v.old.length) + (v.new?.length ?? 0)
  size += 8 + 8 + 4 + (v.context.topic?.length ?? 0)
  for (const h of v.context.headers) size += h.key.length + (h.value?.length ?? 0)
  return size
}

function putBytes(parts: Buffer[], b: Buffer | null): void {
  const len = Buffer.allocUnsafe(4)
  len.writeInt32BE(b === null ? -1 : b.length, 0)
  parts.push(len)
  if (b !== null) parts.push(b)
}

/**
 * Changelog value: `<int64 time><int64 timestamp><prior><old><new><int32 headers>{<key><value>}[<topic>]`
 * (length-prefixed; the trailing topic is absent in entries written before it was kept).
 */
function encode(entry: BufferEntry): Buffer {
  const head = Buffer.allocUnsafe(16)
  head.writeBigInt64BE(BigInt(entry.time), 0)
  head.writeBigInt64BE(BigInt(entry.value.context.timestamp), 8)
  const parts: Buffer[] = [head]
  putBytes(parts, entry.value.prior)
  putBytes(parts, entry.value.old)
  putBytes(parts, entry.value.new)
  const headers = entry.value.context.headers.toArray()
  const n = Buffer.allocUnsafe(4)
  n.writeInt32BE(headers.length, 0)
  parts.push(n)
  for (const h of headers) {
    putBytes(parts, Buffer.from(h.key, 'utf8'))
    putBytes(parts, h.value)
  }
  if (entry.value.context.topic !== undefined) putBytes(parts, Buffer.from(entry.value.context.topic, 'utf8'))
  return Buffer.concat(parts)
}

function decode(key: Buffer, keyHex: string, data: Buffer): BufferEntry {
  let pos = 16
  const take = (): Buffer | null => {
    const len = data.readInt32BE(pos)
    pos += 4
    if (len < 0) return null
    const b = Buffer.from(data.subarray(pos, pos + len))
    pos += len
    return b
  }
  const time = Number(data.readBigInt64BE(0))
  const timestamp = Number(data.readBigInt64BE(8))
  const prior = take()
  const old = take()
  const nw = take()
  const headers = new Headers()
  const count = data.readInt32BE(pos)
  pos += 4
  for (let i = 0; i < count; i++) {
    const k = take()
    headers.add(k === null ? '' : k.toString('utf8'), take())
  }
  const topic = pos < data.length ? take()?.toString('utf8') : undefined
  const context: BufferedRecordContext = topic === undefined ? { timestamp, headers } : { timestamp, headers, topic }
  return { time, keyHex, key: Buffer.from(key), value: { prior, old, new: nw, context } }
}

/** Builds suppression buffers (one per task). */
export class TimeOrderedKeyValueBufferBuilder<K, V> implements StoreBuilder<TimeOrderedKeyValueBuffer<K, V>> {
  loggingEnabled = true
  logConfig: LogConfig = {}

  constructor(
    readonly name: string,
    private readonly keySerde: Serde<K> | undefined,
    private readonly valueSerde: Serde<V> | undefined,
  ) {}

  withCachingEnabled(): this {
    return this
  }

  withCachingDisabled(): this {
    return this
  }

  withLoggingEnabled(config: LogConfig = {}): this {
    this.loggingEnabled = true
    this.logConfig = config
    return this
  }

  withLoggingDisabled(): this {
    this.loggingEnabled = false
    this.logConfig = {}
    return this
  }

  build(): TimeOrderedKeyValueBuffer<K, V> {
    return new TimeOrderedKeyValueBuffer<K, V>(this.name, this.keySerde, this.valueSerde, this.loggingEnabled)
  }
}
