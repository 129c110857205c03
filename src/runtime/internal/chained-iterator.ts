import type { KeyValue } from '../../../processor-api/key-value.js'
import type { KeyValueIterator } from '../../../state-stores/key-value-store.js'

/**
 * Iterates several store iterators one after the other (Kafka's `DelegatingPeekingKeyValueIterator`
 * over a composite store's stores), creating each lazily and closing each when exhausted.
 * `mapValue` converts values (e.g. unwraps `ValueAndTimestamp`).
 */
export class ChainedKeyValueIterator<K, VIn, VOut = VIn> implements KeyValueIterator<K, VOut> {
  private current: KeyValueIterator<K, VIn> | null = null
  private index = 0

  constructor(
    private readonly factories: readonly (() => KeyValueIterator<K, VIn>)[],
    private readonly mapValue: (value: VIn) => VOut,
  ) {}

  async next(): Promise<IteratorResult<KeyValue<K, VOut>, undefined>> {
    for (;;) {
      if (this.current === null) {
        if (this.index >= this.factories.length) return { done: true, value: undefined }
        this.current = this.factories[this.index++]!()
      }
      const r = await this.current.next()
      if (r.done === true) {
        await this.current.close()
        this.current = null
        continue
      }
      return { done: false, value: { key: r.value.key, value: this.mapValue(r.value.value) } }
    }
  }

  async return(): Promise<IteratorResult<KeyValue<K, VOut>, undefined>> {
    await this.close()
    return { done: true, value: undefined }
  }

  async close(): Promise<void> {
    this.index = this.factories.length
    const c = this.current
    this.current = null
    if (c !== null) await c.close()
  }

  [Symbol.asyncIterator](): this {
    return this
  }
}
