/**
 * Small building blocks for store iterators: an empty iterator, a filtering/mapping iterator
 * and an adapter from an async generator. All implement the public `KeyValueIterator`
 * contract (async iteration plus an idempotent `close()`).
 */
import type { KeyValue } from '../../processor-api/key-value.js'
import type { KeyValueIterator } from '../key-value-store.js'

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined })

/** The next entry of any iterator: synchronously from ours when possible (see `pull`). */
export function pullFrom<K, V>(it: KeyValueIterator<K, V>): Promise<KeyValue<K, V> | undefined> | KeyValue<K, V> | undefined {
  if (it instanceof AbstractKeyValueIterator) return (it as AbstractKeyValueIterator<K, V>).pull()
  return it.next().then((r) => (r.done === true ? undefined : r.value))
}

/** Base class: subclasses implement `nextEntry()` (undefined = end) and optionally `onClose()`. */
export abstract class AbstractKeyValueIterator<K, V> implements KeyValueIterator<K, V> {
  private closed = false

  /** The next entry, or undefined at the end. */
  protected abstract nextEntry(): Promise<KeyValue<K, V> | undefined> | KeyValue<K, V> | undefined

  /** Releases resources; called once. */
  protected onClose(): Promise<void> | void {}

  /**
   * @internal The next entry, synchronously when no layer below has to wait (undefined at the
   * end). Stacked iterators call this instead of `next()` so that only the outermost one pays
   * for a promise per entry; closing the outermost closes the stack.
   */
  pull(): Promise<KeyValue<K, V> | undefined> | KeyValue<K, V> | undefined {
    if (this.closed) return undefined
    return this.nextEntry()
  }

  next(): Promise<IteratorResult<KeyValue<K, V>, undefined>> {
    const entry = this.pull()
    if (entry instanceof Promise) return entry.then((e) => this.result(e))
    return this.result(entry)
  }

  /** Closes at the end (releasing engine iterators) before reporting `done`. */
  private result(entry: KeyValue<K, V> | undefined): Promise<IteratorResult<KeyValue<K, V>, undefined>> {
    if (entry === undefined) return this.close().then(() => DONE)
    return Promise.resolve({ done: false, value: entry })
  }

  async return(): Promise<IteratorResult<KeyValue<K, V>, undefined>> {
    await this.close()
    return DONE
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.onClose()
  }

  [Symbol.asyncIterator](): this {
    return this
  }
}

class EmptyIterator<K, V> extends AbstractKeyValueIterator<K, V> {
  protected nextEntry(): undefined {
    return undefined
  }
}

/** An iterator with no entries. */
export function emptyIterator<K, V>(): KeyValueIterator<K, V> {
  return new EmptyIterator<K, V>()
}

/**
 * Maps each entry of `source`; entries for which `fn` returns undefined are skipped.
 * Closing this iterator closes the source.
 */
export class MappedKeyValueIterator<K1, V1, K2, V2> extends AbstractKeyValueIterator<K2, V2> {
  constructor(
    private readonly source: KeyValueIterator<K1, V1>,
    private readonly fn: (entry: KeyValue<K1, V1>) => KeyValue<K2, V2> | undefined,
  ) {
    super()
  }

  protected nextEntry(): Promise<KeyValue<K2, V2> | undefined> | KeyValue<K2, V2> | undefined {
    for (;;) {
      const entry = pullFrom(this.source)
      if (entry instanceof Promise) return entry.then((e) => this.mapAsync(e))
      if (entry === undefined) return undefined
      const mapped = this.fn(entry)
      if (mapped !== undefined) return mapped
    }
  }

  private mapAsync(entry: KeyValue<K1, V1> | undefined): Promise<KeyValue<K2, V2> | undefined> | KeyValue<K2, V2> | undefined {
    if (entry === undefined) return undefined
    const mapped = this.fn(entry)
    return mapped !== undefined ? mapped : this.nextEntry()
  }

  protected override onClose(): Promise<void> {
    return this.source.close()
  }
}

/** Adapts an async generator of entries; closing the iterator ends the generator (its `finally` runs). */
export class GeneratorKeyValueIterator<K, V> extends AbstractKeyValueIterator<K, V> {
  constructor(private readonly gen: AsyncGenerator<KeyValue<K, V>, void, undefined>) {
    super()
  }

  protected async nextEntry(): Promise<KeyValue<K, V> | undefined> {
    const r = await this.gen.next()
    return r.done === true ? undefined : r.value
  }

  protected override async onClose(): Promise<void> {
    await this.gen.return(undefined)
  }
}

/** Reads every entry of an iterator into an array (then the iterator is closed). */
export async function toArray<K, V>(it: KeyValueIterator<K, V>): Promise<Array<KeyValue<K, V>>> {
  const out: Array<KeyValue<K, V>> = []
  try {
    for await (const kv of it) out.push(kv)
  } finally {
    await it.close()
  }
  return out
}
