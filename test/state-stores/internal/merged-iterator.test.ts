import { describe, expect, it } from 'vitest'
import { fromKeyString, toKeyString } from '../../../state-stores/internal/bytes.js'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import { MergedKeyValueIterator, SortedMapSource, type MergeSource } from '../../../state-stores/internal/merged-iterator.js'
import { SortedMap } from '../../../state-stores/internal/sorted-map.js'

function mapOf(entries: Array<[string, string | null]>): SortedMap<Buffer | null> {
  const m = new SortedMap<Buffer | null>()
  for (const [k, v] of entries) m.set(toKeyString(Buffer.from(k)), v === null ? null : Buffer.from(v))
  return m
}

/** An async source (like LevelDB) yielding the given sorted entries. */
class AsyncSource implements MergeSource {
  key: Buffer | null = null
  value: Buffer | null = null
  private i = 0
  closed = false
  constructor(private readonly entries: Array<[string, string]>) {}
  async advance(): Promise<void> {
    await Promise.resolve()
    const e = this.entries[this.i++]
    this.key = e === undefined ? null : Buffer.from(e[0])
    this.value = e === undefined ? null : Buffer.from(e[1])
  }
  close(): void {
    this.closed = true
  }
}

const text = async (it: MergedKeyValueIterator) => (await toArray(it)).map((e) => `${e.key.toString()}=${e.value.toString()}`)

describe('MergedKeyValueIterator', () => {
  it('lets the first source win on equal keys and hides keys whose winning value is null', async () => {
    const top = new SortedMapSource(mapOf([['b', 'B-top'], ['c', null], ['e', 'E']]), null, null, false, fromKeyString)
    const bottom = new AsyncSource([
      ['a', 'A'],
      ['b', 'B-bottom'],
      ['c', 'C'],
      ['d', 'D'],
    ])
    expect(await text(new MergedKeyValueIterator([top, bottom], false))).toEqual(['a=A', 'b=B-top', 'd=D', 'e=E'])
    expect(bottom.closed).toBe(true)
  })

  it('merges in descending order when reversed', async () => {
    const top = new SortedMapSource(mapOf([['b', 'B'], ['d', null]]), null, null, true, fromKeyString)
    const bottom = new AsyncSource([
      ['d', 'D'],
      ['c', 'C'],
      ['a', 'A'],
    ])
    expect(await text(new MergedKeyValueIterator([top, bottom], true))).toEqual(['c=C', 'b=B', 'a=A'])
  })
})
