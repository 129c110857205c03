import type { StateStore } from '../../../processor-api/state-store.js'
import { InvalidStateStoreError } from '../../../state-stores/errors.js'
import { StateStoreMigratedError, StateStoreNotAvailableError, StreamsNotStartedError, UnknownStateStoreError } from '../errors.js'
import type { KafkaStreamsState } from '../events.js'
import type { QueryableStoreType } from '../queryable-store-types.js'

/** Where the provider finds store instances and the application's state. */
export interface QueryableStoreSources {
  readonly state: () => KafkaStreamsState
  /** Names of the topology's (non-global) stores. */
  readonly storeNames: ReadonlySet<string>
  /** A global store by name, or undefined. */
  readonly globalStore: (name: string) => StateStore | undefined
  /** The instances of a store in this instance's running active tasks. */
  readonly localStores: (name: string) => readonly StateStore[]
}

/**
 * Kafka's `QueryableStoreProvider`: builds the read-only views `KafkaStreams.store` returns. A
 * view looks its instances up on every call, so it follows rebalances, and it checks the
 * application's state each time.
 */
export class QueryableStoreProvider {
  constructor(private readonly sources: QueryableStoreSources) {}

  /**
   * @throws StreamsNotStartedError, StateStoreNotAvailableError, UnknownStateStoreError, or
   * InvalidStateStoreError (wrong type); the view's calls throw StateStoreMigratedError while no
   * local instance exists.
   */
  store<T>(storeName: string, type: QueryableStoreType<T>): T {
    this.requireQueryable(storeName)
    const global = this.sources.globalStore(storeName)
    if (global !== undefined) return this.view(storeName, type, () => [global])
    if (!this.sources.storeNames.has(storeName)) throw new UnknownStateStoreError(storeName)
    return this.view(storeName, type, () => this.sources.localStores(storeName))
  }

  private view<T>(storeName: string, type: QueryableStoreType<T>, instances: () => readonly StateStore[]): T {
    const wrongType = (): InvalidStateStoreError =>
      new InvalidStateStoreError('KS_ERR_STORE_INVALID', storeName, `Cannot get state store ${storeName}: the queryable store type ${type.name} does not accept it.`)
    const provider = (): readonly StateStore[] => {
      this.requireQueryable(storeName)
      const list = instances()
      if (list.length === 0) throw new StateStoreMigratedError(storeName, this.sources.state())
      if (list.some((s) => !type.accepts(s))) throw wrongType()
      return list
    }
    if (instances().some((s) => !type.accepts(s))) throw wrongType()
    return type.create(provider)
  }

  private requireQueryable(storeName: string): void {
    const state = this.sources.state()
    if (state === 'CREATED') throw new StreamsNotStartedError('query state stores')
    if (state !== 'RUNNING' && state !== 'REBALANCING') throw new StateStoreNotAvailableError(storeName, state)
  }
}
