import type { LogConfig, StateStore, StoreBuilder } from '../../processor-api/state-store.js'

/**
 * The shared part of the store builders (Kafka's `AbstractStoreBuilder`): logging on and
 * caching off by default, as for Processor-API stores (the DSL turns caching on). Builders are
 * mutable: the `with*` methods change this builder and return it.
 */
export abstract class AbstractStoreBuilder<S extends StateStore> implements StoreBuilder<S> {
  protected cachingEnabled = false
  private logging = true
  private config: LogConfig = {}

  constructor(readonly name: string) {}

  get loggingEnabled(): boolean {
    return this.logging
  }

  get logConfig(): LogConfig {
    return this.config
  }

  /** Whether `build()` adds a caching layer. */
  get isCachingEnabled(): boolean {
    return this.cachingEnabled
  }

  withCachingEnabled(): this {
    this.cachingEnabled = true
    return this
  }

  withCachingDisabled(): this {
    this.cachingEnabled = false
    return this
  }

  /** Logs every change to the store's changelog topic, created with `config` as topic configs. */
  withLoggingEnabled(config: LogConfig = {}): this {
    this.logging = true
    this.config = { ...config }
    return this
  }

  withLoggingDisabled(): this {
    this.logging = false
    this.config = {}
    return this
  }

  /** A new store instance (one per task): Metered(Caching?(ChangeLogging?(engine))). */
  abstract build(): S
}
