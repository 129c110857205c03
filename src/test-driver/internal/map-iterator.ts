import type { KeyValue } from '../../../processor-api/key-value.js'
import type { KeyValueIterator } from '../../../state-stores/key-value-store.js'

/** A KeyValueIterator whose values are `map`ped from another one (closing it closes the inner). */
export function mapIteratorValues<K, A, B>(inner: KeyValueIterator<K, A>, map: (value: A) => B): KeyValueIterator<K, B> {
  const it: KeyValueIterator<K, B> = {
    async next(): Promise<IteratorResult<KeyValue<K, B>>> {
      const r = await inner.next()
      if (r.done === true) return { done: true, value: undefined }
      return { done: false, value: { key: r.value.key, value: map(r.value.value) } }
    },
    async return(): Promise<IteratorResult<KeyValue<K, B>>> {
      await inner.close()
      return { done: true, value: undefined }
    },
    close: () => inner.close(),
    [Symbol.asyncIterator]() {
      return it
    },
  }
  return it
}
