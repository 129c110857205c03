import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import { Consumed, Materialized, SessionWindows, StreamsBuilder, TimeWindows } from '../../../dsl/index.js'
import type { KeyValueIterator } from '../../../state-stores/key-value-store.js'
import type { ReadOnlyWindowStore } from '../../../state-stores/window-store.js'
import type { ReadOnlySessionStore } from '../../../state-stores/session-store.js'
import { CompositeReadOnlySessionStore, CompositeReadOnlyWindowStore } from '../../../src/runtime/internal/composite-stores.js'
import { TopologyTestDriver } from '../../../src/test-driver/topology-test-driver.js'

const S = Serdes.String()
const drivers: TopologyTestDriver[] = []

/** A driver running a 10 ms tumbling-window count (grace 100 ms, so nothing expires here) materialized as `counts`, fed `input`. */
async function countedWindows(input: Array<[string, number]>): Promise<TopologyTestDriver> {
  const builder = new StreamsBuilder()
  builder
    .stream('in', Consumed.with(S, S))
    .groupByKey()
    .windowedBy(TimeWindows.ofSizeAndGrace(10, 100))
    .count(Materialized.as<string, number>('counts'))
  const driver = new TopologyTestDriver(builder.build())
  drivers.push(driver)
  const topic = driver.createInputTopic('in', S.serializer, S.serializer)
  for (const [key, ts] of input) await topic.pipeInput(key, 'v', ts)
  return driver
}

async function collect<V>(it: KeyValueIterator<Windowed<string>, V>): Promise<Array<[string, number, V]>> {
  const out: Array<[string, number, V]> = []
  for await (const e of it) out.push([e.key.key, e.key.window.start, e.value])
  return out
}

afterEach(async () => {
  for (const d of drivers.splice(0)) await d.close()
})

describe("Kafka's key-range fetch(keyFrom, keyTo, timeFrom, timeTo) on read-only window stores", () => {
  it('the driver store answers the four-argument fetch and backwardFetch like fetchRange', async () => {
    const store = (
      await countedWindows([
      ['a', 1],
      ['b', 2],
      ['b', 12],
        ['c', 3],
      ])
    ).getWindowStore<string, number>('counts')!
    expect(await collect(store.fetch('a', 'b', 0, 20))).toEqual([
      ['a', 0, 1],
      ['b', 0, 1],
      ['b', 10, 1],
    ])
    expect(await collect(store.fetch('a', 'b', 0, 20))).toEqual(await collect(store.fetchRange('a', 'b', 0, 20)))
    expect(await collect(store.backwardFetch(null, 'b', 10, 20))).toEqual([['b', 10, 1]])
    // The three-argument form still means one key.
    const single: Array<[number, number]> = []
    for await (const e of store.fetch('b', 0, 20)) single.push([e.key, e.value])
    expect(single).toEqual([
      [0, 1],
      [10, 1],
    ])
  })

  it('an interactive-query view over several instances chains their key-range fetches', async () => {
    const one = (await countedWindows([['a', 1]])).getWindowStore<string, number>('counts')!
    const two = (
      await countedWindows([
        ['b', 2],
        ['z', 3],
      ])
    ).getWindowStore<string, number>('counts')!
    const view = new CompositeReadOnlyWindowStore<string, number, number>(() => [one, two] as ReadOnlyWindowStore<string, number>[])
    expect(await collect(view.fetch('a', 'c', 0, 9))).toEqual([
      ['a', 0, 1],
      ['b', 0, 1],
    ])
    expect(await collect(view.backwardFetch('a', 'c', 0, 9))).toEqual([
      ['a', 0, 1],
      ['b', 0, 1],
    ])
    expect(view.fetch('z', 0)).toBe(1)
  })
})

/** A driver running a session count (gap 10 ms, grace 100 ms) materialized as `sessions`, fed `input`. */
async function countedSessions(input: Array<[string, number]>): Promise<TopologyTestDriver> {
  const builder = new StreamsBuilder()
  builder
    .stream('in', Consumed.with(S, S))
    .groupByKey()
    .windowedBy(SessionWindows.ofInactivityGapAndGrace(10, 100))
    .count(Materialized.as<string, number>('sessions'))
  const driver = new TopologyTestDriver(builder.build())
  drivers.push(driver)
  const topic = driver.createInputTopic('in', S.serializer, S.serializer)
  for (const [key, ts] of input) await topic.pipeInput(key, 'v', ts)
  return driver
}

describe("Kafka's key-range overloads on read-only session stores", () => {
  it('an interactive-query view chains fetch(keyFrom, keyTo) and the four-argument findSessions over instances', async () => {
    const one = (await countedSessions([['a', 1], ['a', 5]])).getSessionStore<string, number>('sessions')!
    const two = (await countedSessions([['b', 2], ['z', 50]])).getSessionStore<string, number>('sessions')!
    const view = new CompositeReadOnlySessionStore<string, number>(() => [one, two] as ReadOnlySessionStore<string, number>[])
    expect(await collect(view.fetch('a', 'c'))).toEqual([
      ['a', 1, 2],
      ['b', 2, 1],
    ])
    expect(await collect(view.backwardFetch('a', 'c'))).toEqual([
      ['a', 1, 2],
      ['b', 2, 1],
    ])
    expect(await collect(view.findSessions(null, null, 0, 10))).toEqual([
      ['a', 1, 2],
      ['b', 2, 1],
    ])
    expect(await collect(view.backwardFindSessions('y', null, 0, 100))).toEqual([['z', 50, 1]])
    // The one-key forms are unchanged.
    expect(await collect(view.fetch('z'))).toEqual([['z', 50, 1]])
    expect(await collect(view.findSessions('a', 0, 10))).toEqual([['a', 1, 2]])
  })
})
