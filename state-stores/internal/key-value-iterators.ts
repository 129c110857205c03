/**
 * Small building blocks for store iterators: an empty iterator, a filtering/mapping iterator
 * and an adapter from an async generator. All implement the public `KeyValueIterator`
 * contract (async iteration plus an idempotent `close()`).
 */
import type { KeyValue } from '../../processor-api/key-value.js'
import type { KeyValueIterator } from '../key-value-store.js'

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined })

/** Base class: subclasses implement `nextEntry()` (undefined = end) and optionally `onClose()`. */
export abstract class AbstractKeyValueIterator<K, V> implements KeyValueIterator<K, V> {
  private closed = false

  /** The next entry, or undefined at the end. */
  protected abstract nextEntry(): Promise<KeyValue<K, V> | undefined> | KeyValue<K, V> | undefined

  /** Releases resources; called once. */
  protected onClose(): Promise<void> | void {}

  async next(): Promise<IteratorResult<KeyValue<K, V>, undefined>> {
    if (this.closed) return DONE
    const entry = await this.nextEntry()
    if (entry === undefined) {
      await this.close()
      return DONE
    }
    return { done: false, value: entry }
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

  protected async nextEntry(): Promise<KeyValue<K2, V2> | undefined> {
    for (;;) {
      const r = await this.source.next()
      if (r.done === true) return undefined
      const mapped = this.fn(r.value)
      if (mapped !== undefined) return mapped
    }
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
