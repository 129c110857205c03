/**
 * The base of every engine (key-value, window, session over an in-memory or LevelDB backend):
 * lifecycle, state checks and restore registration. Subclasses add the public operations of
 * their store kind; the backend (`SegmentStorage`) only stores bytes.
 */
import type { ChangelogRecord, StateStore, StateStoreContext } from '../../processor-api/state-store.js'
import type { StoreCapabilities } from '../bytes/store-capabilities.js'
import { InvalidStateStoreError } from '../errors.js'
import type { SegmentStorage, StorageState } from './segment-storage.js'

/** Lifecycle and state checks shared by every engine. */
export abstract class StorageEngine implements StateStore {
  private opened = false
  /** The largest segment timestamp seen (window start or session end); -1 before any. */
  protected observedStreamTime = -1

  constructor(
    readonly name: string,
    protected readonly storage: SegmentStorage,
    readonly capabilities: StoreCapabilities,
  ) {}

  get persistent(): boolean {
    return this.storage.persistent
  }

  get isOpen(): boolean {
    return this.opened
  }

  init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    if (this.opened) throw new InvalidStateStoreError('KS_ERR_STORE_INVALID', this.name, `Store ${this.name} is already open.`)
    const finish = (state: StorageState | null): void => {
      if (state !== null) this.observedStreamTime = state.observedStreamTime
      this.opened = true
      context.register(root, (records) => this.restoreBatch(records))
    }
    const opened = this.storage.open(context, this.name)
    if (opened !== null && typeof (opened as Promise<unknown>).then === 'function') {
      return (opened as Promise<StorageState | null>).then(finish)
    }
    finish(opened as StorageState | null)
  }

  /** Nothing to push down: engines stage writes until `persist`. */
  flush(): void {
    this.checkOpen()
  }

  persist(changelogOffset: number | null): Promise<void> {
    this.checkOpen()
    return this.storage.persist(changelogOffset, { observedStreamTime: this.observedStreamTime })
  }

  committedOffset(): number | null {
    return this.storage.committedOffset()
  }

  close(): void | Promise<void> {
    if (!this.opened) return
    this.opened = false
    return this.storage.close()
  }

  /** Applies changelog records in one write (see the bytes contracts). */
  abstract restoreBatch(records: ReadonlyArray<ChangelogRecord>): void | Promise<void>

  /** @throws InvalidStateStoreError (`KS_ERR_STORE_CLOSED`) when the store is not open. */
  protected checkOpen(): void {
    if (!this.opened) throw InvalidStateStoreError.closed(this.name)
  }

  protected state(): StorageState {
    return { observedStreamTime: this.observedStreamTime }
  }
}
