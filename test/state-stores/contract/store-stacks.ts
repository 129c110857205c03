import type { StateStore, StoreBuilder } from '../../../processor-api/state-store.js'
import { tempDir } from '../../helpers/temp-dir.js'
import { TestStoreContext } from '../helpers/test-store-context.js'

/** One engine + layer combination a contract suite runs against. */
export interface StackSpec {
  /** e.g. `leveldb+caching+logging`. */
  readonly label: string
  readonly engine: 'in-memory' | 'leveldb'
  readonly caching: boolean
  readonly logging: boolean
}

/** Every engine × caching × logging combination. */
export function allStacks(): StackSpec[] {
  const out: StackSpec[] = []
  for (const engine of ['in-memory', 'leveldb'] as const) {
    for (const caching of [false, true]) {
      for (const logging of [false, true]) {
        const label = [engine, caching ? 'caching' : null, logging ? 'logging' : null].filter((x) => x !== null).join('+')
        out.push({ label, engine, caching, logging })
      }
    }
  }
  return out
}

/** A store under test with its context and state directory. */
export interface Harness<S extends StateStore> {
  store: S
  ctx: TestStoreContext
  readonly spec: StackSpec
  /** Closes the store and opens a fresh instance on the same state directory (a restart). */
  reopen(): Promise<S>
  /** Closes the store (if open) and removes the state directory. */
  dispose(): Promise<void>
}

/**
 * Builds and initialises a store from `makeBuilder` (called once per instance) with the spec's
 * layers, in a fresh state directory.
 */
export async function openHarness<S extends StateStore>(
  spec: StackSpec,
  makeBuilder: () => StoreBuilder<S>,
  configure?: (ctx: TestStoreContext) => void,
): Promise<Harness<S>> {
  const dir = await tempDir('tributary-store-')
  const build = (): S => {
    const b = makeBuilder()
    if (spec.caching) b.withCachingEnabled()
    else b.withCachingDisabled()
    if (spec.logging) b.withLoggingEnabled()
    else b.withLoggingDisabled()
    return b.build()
  }
  const open = async (): Promise<{ store: S; ctx: TestStoreContext }> => {
    const ctx = new TestStoreContext({ stateDir: dir.path })
    configure?.(ctx)
    const store = build()
    await store.init(ctx, store)
    return { store, ctx }
  }
  const first = await open()
  const harness: Harness<S> = {
    store: first.store,
    ctx: first.ctx,
    spec,
    async reopen() {
      if (harness.store.isOpen) await harness.store.close()
      const next = await open()
      harness.store = next.store
      harness.ctx = next.ctx
      return next.store
    },
    async dispose() {
      if (harness.store.isOpen) await harness.store.close()
      await dir.cleanup()
    },
  }
  return harness
}
