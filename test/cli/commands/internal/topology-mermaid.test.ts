import { describe, expect, it } from 'vitest'
import { Serdes, Topology } from '../../../../processor-api/index.js'
import { Stores } from '../../../../state-stores/index.js'
import { externalSourceTopics } from '../../../../src/cli/commands/internal/source-topics.js'
import { topologyToMermaid } from '../../../../src/cli/commands/internal/topology-mermaid.js'

const noop = () => ({ process: () => {} })

/** Pattern source, topic-name extractor, a store shared by two processors and a global store. */
function topology(): Topology {
  return new Topology()
    .addSource('events', /events-.*/)
    .addSource('users', ['users'])
    .addProcessor('enrich', noop, 'events', 'users')
    .addProcessor('audit', noop, 'enrich')
    .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('seen'), Serdes.String(), Serdes.String()), 'enrich', 'audit')
    .addSink('route', function byRegion() {
      return 'region-x'
    }, {}, 'enrich')
    .addGlobalStore(
      Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("countries \"iso\""), Serdes.String(), Serdes.String()).withLoggingDisabled(),
      'countries-source',
      'countries',
      {},
      'countries-updater',
      noop,
    )
}

describe('topologyToMermaid', () => {
  it('renders pattern sources, extractor sinks, shared stores and global stores', () => {
    const text = topologyToMermaid(topology().describe())
    const lines = text.split('\n')
    expect(lines[0]).toBe('flowchart LR')
    expect(lines).toContain('  subgraph sub0["Sub-topology: 0"]')
    expect(lines).toContain('  subgraph global1["Sub-topology: 1 for global store"]')
    expect(lines).toContain('  t0[/"/events-.*/"/]')
    expect(lines.some((l) => /^ {2}t\d\[\/"\(topic chosen per record\)"\/\]$/.test(l))).toBe(true)
    // One cylinder for the store shared by two processors, linked to both.
    const seen = lines.filter((l) => l.includes('[("seen")]'))
    expect(seen).toHaveLength(1)
    const seenId = /^ {2}(s\d+)\[/.exec(seen[0]!)![1]
    expect(lines.filter((l) => l.endsWith(` -.- ${seenId}`))).toHaveLength(2)
    // Quotes in labels become mermaid's #quot;.
    expect(lines).toContain('  s1[("countries #quot;iso#quot;")]')
    expect(lines.filter((l) => l.includes(' --> ')).every((l) => /^ {2}[nts]\d+ --> [nts]\d+$/.test(l))).toBe(true)
  })
})

describe('externalSourceTopics', () => {
  it('lists named input topics, leaving out pattern sources and topics the topology writes itself', () => {
    const t = topology().addSource('loop-back', ['loop']).addSink('loop-sink', 'loop', {}, 'audit')
    expect(externalSourceTopics(t.describe())).toEqual(['countries', 'users'])
  })
})
