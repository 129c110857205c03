import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../processor-api/index.js'
import { StreamsBuilder } from '../../dsl/index.js'
import { TopologyTestDriver } from '../../src/test-driver/index.js'
import { buildTopology, PAGE_VIEW_COUNTS_TOPIC, PAGE_VIEWS_TOPIC } from '../../examples/windowed-page-views/topology.js'

let driver: TopologyTestDriver | null = null
afterEach(async () => {
  await driver?.close()
  driver = null
})

describe('windowed-page-views example', () => {
  it('counts views per page and minute, accepting views up to 10 s late', async () => {
    const builder = new StreamsBuilder()
    buildTopology(builder)
    driver = new TopologyTestDriver(builder.build(), { applicationId: 'page-views' }, 0)
    const views = driver.createInputTopic(PAGE_VIEWS_TOPIC, Serdes.String(), Serdes.String())
    const counts = driver.createOutputTopic(PAGE_VIEW_COUNTS_TOPIC, Serdes.String(), Serdes.Long())
    await views.pipeInput('alice', '/home', 5_000)
    await views.pipeInput('bob', '/home', 59_000)
    await views.pipeInput('carol', '/home', 61_000)
    await views.pipeInput('dave', '/home', 30_000) // 31 s late: window [0, 60 s) closed at 70 s, still open
    await views.pipeInput('erin', '/cart', 80_000)
    await views.pipeInput('frank', '/home', 40_000) // window [0, 60 s) closed at stream time 80 s: dropped
    expect(counts.readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).toEqual([
      ['/home@0', 1, 5_000],
      ['/home@0', 2, 59_000],
      ['/home@60000', 1, 61_000],
      ['/home@0', 3, 59_000],
      ['/cart@60000', 1, 80_000],
    ])
    expect(driver.getWindowStore<string, number>('page-views-per-minute')!.fetch('/home', 0)).toBe(3)
  })
})
