import type {
  ChangelogRecord,
  LogConfig,
  RestoreCallback,
  StateStore,
  StateStoreContext,
  StoreBuilder,
} from '../../../../processor-api/state-store.js'

/**
 * A minimal string key-value store implementing the engine's StateStore contract, for engine
 * tests that must not depend on the state-stores package: logs every put when logging is on,
 * records restore batches and persist calls.
 */
export class TestKeyValueStore implements StateStore {
  readonly data = new Map<string, string>()
  readonly restoreBatches: ChangelogRecord[][] = []
  readonly persisted: (number | null)[] = []
  flushes = 0
  isOpen = false
  context: StateStoreContext | null = null
  constructor(
    readonly name: string,
    readonly logged: boolean,
    readonly persistent: boolean,
    private readonly checkpoint: number | null = null,
    private readonly asyncInit = false,
  ) {}

  init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    const open = (): void => {
      this.context = context
      this.isOpen = true
      const restore: RestoreCallback = (records) => {
        this.restoreBatches.push([...records])
        for (const r of records) {
          const k = r.key.toString('utf8')
          if (r.value === null) this.data.delete(k)
          else this.data.set(k, r.value.toString('utf8'))
        }
      }
      context.register(root, restore)
    }
    if (this.asyncInit) return new Promise<void>((resolve) => setImmediate(resolve)).then(open)
    open()
  }

  get(key: string): string | null {
    return this.data.get(key) ?? null
  }

  put(key: string, value: string | null): void {
    if (value === null) this.data.delete(key)
    else this.data.set(key, value)
    if (this.logged) {
      const rc = this.context!.currentRecordContext()
      this.context!.logChange(this.name, Buffer.from(key), value === null ? null : Buffer.from(value), rc?.timestamp ?? 0)
    }
  }

  flush(): void {
    this.flushes++
  }

  /** When set, the next persist waits for it (and fails when it rejects), as a slow or failing disk would. */
  persistGate: (() => Promise<void>) | null = null

  async persist(changelogOffset: number | null): Promise<void> {
    this.persisted.push(changelogOffset)
    const gate = this.persistGate
    this.persistGate = null
    if (gate !== null) await gate()
  }

  committedOffset(): number | null {
    return this.checkpoint
  }

  close(): void {
    this.isOpen = false
  }
}

/** Builds `TestKeyValueStore`s; remembers every store it built. */
export class TestStoreBuilder implements StoreBuilder<TestKeyValueStore> {
  loggingEnabled = true
  logConfig: LogConfig = {}
  readonly built: TestKeyValueStore[] = []
  constructor(
    readonly name: string,
    private readonly options: { persistent?: boolean; checkpoint?: number | null; asyncInit?: boolean } = {},
  ) {}
  withCachingEnabled(): this {
    return this
  }
  withCachingDisabled(): this {
    return this
  }
  withLoggingEnabled(config?: LogConfig): this {
    this.loggingEnabled = true
    this.logConfig = config ?? {}
    return this
  }
  withLoggingDisabled(): this {
    this.loggingEnabled = false
    return this
  }
  build(): TestKeyValueStore {
    const s = new TestKeyValueStore(
      this.name,
      this.loggingEnabled,
      this.options.persistent ?? false,
      this.options.checkpoint ?? null,
      this.options.asyncInit ?? false,
    )
    this.built.push(s)
    return s
  }
}
