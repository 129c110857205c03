/**
 * The base of every store layer (metered, caching, change-logging): forwards the `StateStore`
 * lifecycle to the wrapped store. Layers override what they change.
 */
import type { StateStore, StateStoreContext } from '../../processor-api/state-store.js'
import type { StoreCapabilities } from '../bytes/store-capabilities.js'

/** What every wrapped store exposes besides `StateStore`. */
export interface CapableStore extends StateStore {
  readonly capabilities: StoreCapabilities
}

/** Base class of every layer: holds the wrapped store and forwards the lifecycle to it. */
export abstract class WrappedStore<S extends CapableStore> implements StateStore {
  /** The capabilities of the stack below, plus what this layer adds. */
  readonly capabilities: StoreCapabilities

  constructor(
    protected readonly wrapped: S,
    added: Partial<StoreCapabilities> = {},
  ) {
    this.capabilities = { ...wrapped.capabilities, ...added }
  }

  get name(): string {
    return this.wrapped.name
  }

  get persistent(): boolean {
    return this.wrapped.persistent
  }

  get isOpen(): boolean {
    return this.wrapped.isOpen
  }

  init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    return this.wrapped.init(context, root)
  }

  flush(): void {
    this.wrapped.flush()
  }

  persist(changelogOffset: number | null): Promise<void> {
    return this.wrapped.persist(changelogOffset)
  }

  committedOffset(): number | null {
    return this.wrapped.committedOffset()
  }

  close(): void | Promise<void> {
    return this.wrapped.close()
  }
}
