import { TopologyError } from '../../../../processor-api/errors.js'
import type { StateStore } from '../../../../processor-api/state-store.js'
import type { TopologyModel } from '../../../../processor-api/internal/topology-model.js'

/**
 * Builds this task's instance of each named store (global stores excluded: they are shared),
 * in the given (initialisation) order.
 * @throws TopologyError when a store is not in the model or its builder builds another name.
 */
export function buildTaskStores(
  model: TopologyModel,
  storeNames: readonly string[],
  globalStores: ReadonlyMap<string, StateStore>,
): StateStore[] {
  const stores: StateStore[] = []
  for (const name of storeNames) {
    if (globalStores.has(name) || model.globalStores.some((g) => g.store.name === name)) continue
    const storeModel = model.stores.get(name)
    if (storeModel === undefined) throw new TopologyError(`Store ${name} is not defined in the topology`)
    const store = storeModel.builder.build()
    if (store.name !== name) throw new TopologyError(`Store builder ${name} built a store named ${store.name}`)
    stores.push(store)
  }
  return stores
}
