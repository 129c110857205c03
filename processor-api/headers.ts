/** One record header. Keys may repeat; a value may be null. */
export interface Header {
  readonly key: string
  readonly value: Buffer | null
}

/** The list every empty `Headers` starts with; never mutated (a first `add` replaces it). */
const NO_HEADERS: Header[] = []

/**
 * Record headers, as Kafka's `Headers`: an ordered list in which keys may repeat.
 * Mutable (like Kafka's). `copy()` is copy-on-write: the copy and the original share one list
 * until either is mutated, and the one mutated first takes a private copy, so each sees only its
 * own changes. `Record` copies on every `with*`, so records stay independent at almost no cost.
 */
export class Headers implements Iterable<Header> {
  private list: Header[]
  /** True while `list` may be shared with another `Headers` (or is `NO_HEADERS`): copy before mutating. */
  private shared: boolean

  constructor(headers?: Iterable<Header>) {
    if (headers === undefined) {
      this.list = NO_HEADERS
      this.shared = true
    } else if (Array.isArray(headers)) {
      const arr = headers as readonly Header[]
      this.list = arr.length === 0 ? NO_HEADERS : arr.slice()
      this.shared = arr.length === 0
    } else {
      this.list = [...headers]
      this.shared = false
    }
  }

  /** Appends a header; a string value is UTF-8 encoded. Returns `this`. */
  add(key: string, value: Buffer | string | null): this {
    this.own().push({ key, value: typeof value === 'string' ? Buffer.from(value, 'utf8') : value })
    return this
  }

  /** Removes every header with this key. Returns `this`. */
  remove(key: string): this {
    if (this.lastHeader(key) === null) return this
    const list = this.own()
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.key === key) list.splice(i, 1)
    return this
  }

  /** The last header added with this key, or null. */
  lastHeader(key: string): Header | null {
    const list = this.list
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.key === key) return list[i]!
    return null
  }

  /** Every header with this key, in order. */
  headers(key: string): Header[] {
    return this.list.filter((h) => h.key === key)
  }

  /** The headers in order, as a new array. */
  toArray(): Header[] {
    return this.list.slice()
  }

  /** Number of headers. */
  get size(): number {
    return this.list.length
  }

  /**
   * Kafka's `RecordHeaders.toString()`: `RecordHeaders(headers = [RecordHeader(key = k, value = [118, 97]), ...], isReadOnly = false)`,
   * values as signed bytes, as Java prints a `byte[]`.
   */
  toString(): string {
    const headers = this.list.map((h) => {
      const value = h.value === null ? 'null' : `[${Array.from(h.value, (b) => (b > 127 ? b - 256 : b)).join(', ')}]`
      return `RecordHeader(key = ${h.key}, value = ${value})`
    })
    return `RecordHeaders(headers = [${headers.join(', ')}], isReadOnly = false)`
  }

  /** An independent copy (copy-on-write: no list is copied until one of the two is mutated). */
  copy(): Headers {
    return Headers.fromSharedList(this.shareList())
  }

  /**
   * @internal The current list, frozen for this instance by copy-on-write (a later mutation
   * here replaces the list instead of changing it): what `Record` keeps instead of a copy.
   */
  shareList(): readonly Header[] | null {
    const list = this.list
    if (list === NO_HEADERS) return null
    if (!this.shared) this.shared = true
    return list
  }

  /** @internal A `Headers` over a list obtained from `shareList()` (null: empty). */
  static fromSharedList(list: readonly Header[] | null): Headers {
    const h = new Headers()
    if (list !== null) h.list = list as Header[]
    return h
  }

  [Symbol.iterator](): Iterator<Header> {
    return this.list[Symbol.iterator]()
  }

  /** The list, made private to this instance first. */
  private own(): Header[] {
    if (this.shared) {
      this.list = this.list.slice()
      this.shared = false
    }
    return this.list
  }
}
