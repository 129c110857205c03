/** One record header. Keys may repeat; a value may be null. */
export interface Header {
  readonly key: string
  readonly value: Buffer | null
}

/**
 * Record headers, as Kafka's `Headers`: an ordered list in which keys may repeat.
 * Mutable (like Kafka's); `Record` copies it on every `with*` so records stay independent.
 */
export class Headers implements Iterable<Header> {
  private readonly list: Header[]

  constructor(headers: Iterable<Header> = []) {
    this.list = [...headers]
  }

  /** Appends a header; a string value is UTF-8 encoded. Returns `this`. */
  add(key: string, value: Buffer | string | null): this {
    this.list.push({ key, value: typeof value === 'string' ? Buffer.from(value, 'utf8') : value })
    return this
  }

  /** Removes every header with this key. Returns `this`. */
  remove(key: string): this {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.key === key) this.list.splice(i, 1)
    return this
  }

  /** The last header added with this key, or null. */
  lastHeader(key: string): Header | null {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.key === key) return this.list[i]!
    return null
  }

  /** Every header with this key, in order. */
  headers(key: string): Header[] {
    return this.list.filter((h) => h.key === key)
  }

  toArray(): Header[] {
    return [...this.list]
  }

  get size(): number {
    return this.list.length
  }

  copy(): Headers {
    return new Headers(this.list)
  }

  [Symbol.iterator](): Iterator<Header> {
    return this.list[Symbol.iterator]()
  }
}
