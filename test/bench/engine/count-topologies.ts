/** Processor-API versions of `groupByKey().count()` and a tumbling-window count, for the engine benchmarks. */
import { Topology } from '../../../processor-api/topology.js'
import type { Record } from '../../../processor-api/record.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { StoreBuilder, StateStore } from '../../../processor-api/state-store.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { KeyValueStore } from '../../../state-stores/key-value-store.js'
import type { WindowStore } from '../../../state-stores/window-store.js'
import { isCachedStateStore, type Change } from '../../../state-stores/cached-state-store.js'

const out = { keySerde: Serdes.String(), valueSerde: Serdes.Long() }

/** Counts per key in `store`; a caching store emits through its flush listener, otherwise every update is forwarded. */
export function countTopology(store: StoreBuilder<StateStore>): Topology {
  return new Topology()
    .addSource('source', 'input', { keySerde: Serdes.String(), valueSerde: Serdes.String() })
    .addProcessor(
      'count',
      () => {
        let ctx: ProcessorContext<string, number>
        let counts: KeyValueStore<string, number>
        let cached = false
        return {
          init: (c: ProcessorContext<string, number>) => {
            ctx = c
            counts = c.getStateStore<KeyValueStore<string, number>>(store.name)
            cached =
              isCachedStateStore<string, number>(counts) &&
              counts.setFlushListener((r: Record<string, Change<number>>) => ctx.forward(r.withValue(r.value.newValue!)), false)
          },
          process: (r: Record<string, string>) => {
            const n = (counts.get(r.key) ?? 0) + 1
            counts.put(r.key, n)
            if (!cached) ctx.forward(r.withValue(n))
          },
        }
      },
      'source',
    )
    .addStateStore(store, 'count')
    .addSink('sink', 'output', out, 'count')
}

/** Counts per key and tumbling window of `windowMs` in a window store. */
export function windowedCountTopology(store: StoreBuilder<StateStore>, windowMs: number): Topology {
  return new Topology()
    .addSource('source', 'input', { keySerde: Serdes.String(), valueSerde: Serdes.String() })
    .addProcessor(
      'window-count',
      () => {
        let ctx: ProcessorContext<string, number>
        let windows: WindowStore<string, number>
        let cached = false
        return {
          init: (c: ProcessorContext<string, number>) => {
            ctx = c
            windows = c.getStateStore<WindowStore<string, number>>(store.name)
            cached =
              isCachedStateStore<Windowed<string>, number>(windows) &&
              windows.setFlushListener(
                (r: Record<Windowed<string>, Change<number>>) =>
                  ctx.forward(r.withKey(`${r.key.key}@${r.key.window.start}`).withValue(r.value.newValue!)),
                false,
              )
          },
          process: (r: Record<string, string>) => {
            const start = r.timestamp - (r.timestamp % windowMs)
            const n = (windows.fetch(r.key, start) ?? 0) + 1
            windows.put(r.key, n, start)
            if (!cached) ctx.forward(r.withKey(`${r.key}@${start}`).withValue(n))
          },
        }
      },
      'source',
    )
    .addStateStore(store, 'window-count')
    .addSink('sink', 'output', out, 'window-count')
}
