/**
 * Merges several sorted sources of byte keys into one sorted iterator. Sources are given in
 * priority order: when several hold the same key, the first one wins (a write-behind map over
 * the database, a cache over the store below it). A winning entry whose value is null is a
 * deletion: the key is hidden.
 */
import type { KeyValue } from '../../processor-api/key-value.js'
import { AbstractKeyValueIterator, pullFrom } from './key-value-iterators.js'
import type { KeyValueIterator } from '../key-value-store.js'
import type { KeyBound, SortedMap, SortedMapCursor } from './sorted-map.js'

/** One sorted input of a merge. `key` is null once the source is exhausted. */
export interface MergeSource {
  key: Buffer | null
  /** The value of the current entry; null marks a deletion. */
  value: Buffer | null
  /** Moves to the next entry; returns a promise only when it has to load. */
  advance(): void | Promise<void>
  close(): void | Promise<void>
}

function identity(v: Buffer | null): Buffer | null {
  return v
}

/** A source over a `SortedMap` whose values are (or hold, via `valueOf`) bytes or null (deleted). */
export class SortedMapSource<V = Buffer | null> implements MergeSource {
  key: Buffer | null = null
  value: Buffer | null = null
  private readonly cursor: SortedMapCursor<V>

  /**
   * @param toKey turns a map key into the key this source yields (e.g. strips a prefix);
   *   return undefined to skip the entry.
   */
  constructor(
    map: SortedMap<V>,
    lower: KeyBound | null,
    upper: KeyBound | null,
    reverse: boolean,
    private readonly toKey: (mapKey: string) => Buffer | undefined,
    private readonly valueOf: (v: V) => Buffer | null = identity as (v: V) => Buffer | null,
  ) {
    this.cursor = map.cursor(lower, upper, reverse)
  }

  advance(): void {
    for (;;) {
      const k = this.cursor.next()
      if (k === undefined) {
        this.key = null
        this.value = null
        return
      }
      const key = this.toKey(k)
      if (key === undefined) continue
      const v = this.cursor.value(k)
      this.key = key
      this.value = v === undefined ? null : this.valueOf(v)
      return
    }
  }

  close(): void {}
}

/** A source reading a `KeyValueIterator<Buffer, Buffer>` (never yields deletions). */
export class IteratorSource implements MergeSource {
  key: Buffer | null = null
  value: Buffer | null = null

  constructor(private readonly it: KeyValueIterator<Buffer, Buffer>) {}

  advance(): void | Promise<void> {
    const entry = pullFrom(this.it)
    if (entry instanceof Promise) return entry.then((e) => this.set(e))
    this.set(entry)
  }

  private set(entry: KeyValue<Buffer, Buffer> | undefined): void {
    if (entry === undefined) {
      this.key = null
      this.value = null
    } else {
      this.key = entry.key
      this.value = entry.value
    }
  }

  close(): Promise<void> {
    return this.it.close()
  }
}

/**
 * The merge of `sources` (priority order), ascending or descending by byte-wise key order. The
 * sources move past an entry only when the next one is asked for, so an entry is read when it
 * is returned: like Kafka's in-memory iterators, an iterator skips keys deleted (and sees values
 * written) after it was opened, up to the entry it returns.
 */
export class MergedKeyValueIterator extends AbstractKeyValueIterator<Buffer, Buffer> {
  private started = false
  /** The sources positioned on the entry returned last, to advance before the next pick. */
  private returned: MergeSource[] | null = null
  /**
   * Set by an engine whose iterators must fail once it is closed: returns the error to reject
   * with, or null while the store is open (checked before each entry, cheaper than a wrapper).
   */
  closedError: (() => Error | null) | null = null

  constructor(
    private readonly sources: MergeSource[],
    private readonly reverse: boolean,
  ) {
    super()
  }

  protected nextEntry(): Promise<KeyValue<Buffer, Buffer> | undefined> | KeyValue<Buffer, Buffer> | undefined {
    const closedError = this.closedError
    if (closedError !== null) {
      const err = closedError()
      if (err !== null) return Promise.reject(err)
    }
    let pending: Promise<unknown> | undefined
    if (!this.started) {
      this.started = true
      pending = this.advanceAll(this.sources)
    } else if (this.returned !== null) {
      pending = this.advanceAll(this.returned)
      this.returned = null
    }
    if (pending !== undefined) return pending.then(() => this.pick())
    return this.pick()
  }

  private pick(): Promise<KeyValue<Buffer, Buffer> | undefined> | KeyValue<Buffer, Buffer> | undefined {
    for (;;) {
      const sources = this.sources
      let best: MergeSource | null = null
      for (let i = 0; i < sources.length; i++) {
        const s = sources[i]!
        if (s.key === null) continue
        if (best === null) {
          best = s
          continue
        }
        const c = Buffer.compare(s.key, best.key!)
        if (this.reverse ? c > 0 : c < 0) best = s
      }
      if (best === null) return undefined
      const key = best.key!
      const value = best.value
      // Advance every source positioned on this key (lower-priority duplicates are shadowed).
      const toAdvance: MergeSource[] = []
      for (let i = 0; i < sources.length; i++) {
        const s = sources[i]!
        if (s.key !== null && (s === best || s.key.equals(key))) toAdvance.push(s)
      }
      if (value === null) {
        const pending = this.advanceAll(toAdvance)
        if (pending !== undefined) return pending.then(() => this.pick())
        continue
      }
      this.returned = toAdvance
      return { key, value }
    }
  }

  private advanceAll(sources: readonly MergeSource[]): Promise<unknown> | undefined {
    let promises: Array<void | Promise<void>> | undefined
    for (const s of sources) {
      const r = s.advance()
      if (r !== undefined) (promises ??= []).push(r)
    }
    return promises === undefined ? undefined : Promise.all(promises)
  }

  protected override async onClose(): Promise<void> {
    await Promise.all(this.sources.map((s) => s.close()))
  }
}
