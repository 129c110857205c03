import { describe, expect, it } from 'vitest'
import { StreamsBuilder } from '../../../dsl/index.js'
import { buildTopology } from '../../../examples/word-count/topology.js'
import { runCli } from '../../../src/cli/main.js'
import { testIo } from '../helpers/cli-test-io.js'

const MODULE = 'test/cli/fixtures/word-count-module.mjs'

describe('tributary describe', () => {
  it("prints Kafka's describe() text of the word-count example", async () => {
    const builder = new StreamsBuilder()
    buildTopology(builder)
    const expected = builder.build().describe().toString()
    const io = testIo()
    expect(await runCli(['describe', MODULE], io)).toBe(0)
    const printed = io.outLines.join('\n')
    expect(`${printed}\n\n`).toBe(expected)
    expect(printed.split('\n')[0]).toBe('Topologies:')
    expect(printed.split('\n')).toContain('  Sub-topology: 1')
  })

  it('prints the word-count example as a mermaid flowchart with one subgraph per sub-topology', async () => {
    const io = testIo()
    expect(await runCli(['describe', MODULE, '--format', 'mermaid'], io)).toBe(0)
    expect(io.outLines.join('\n')).toBe(
      [
        'flowchart LR',
        '  subgraph sub0["Sub-topology: 0"]',
        '    n0["KSTREAM-SOURCE-0000000000"]',
        '    n1["KSTREAM-FLATMAPVALUES-0000000001"]',
        '    n2["KSTREAM-KEY-SELECT-0000000002"]',
        '    n3["counts-store-repartition-filter"]',
        '    n4["counts-store-repartition-sink"]',
        '  end',
        '  subgraph sub1["Sub-topology: 1"]',
        '    n5["counts-store-repartition-source"]',
        '    n6["KSTREAM-AGGREGATE-0000000003"]',
        '    n7["KTABLE-TOSTREAM-0000000007"]',
        '    n8["KSTREAM-SINK-0000000008"]',
        '  end',
        '  t0[/"streams-plaintext-input"/]',
        '  t1[/"counts-store-repartition"/]',
        '  t2[/"streams-wordcount-output"/]',
        '  s0[("counts-store")]',
        '  t0 --> n0',
        '  n0 --> n1',
        '  n1 --> n2',
        '  n2 --> n3',
        '  n3 --> n4',
        '  n4 --> t1',
        '  t1 --> n5',
        '  n5 --> n6',
        '  n6 -.- s0',
        '  n6 --> n7',
        '  n7 --> n8',
        '  n8 --> t2',
      ].join('\n'),
    )
  })

  it('tells the user to compile a TypeScript module first', async () => {
    const io = testIo()
    expect(await runCli(['describe', 'examples/word-count/topology.ts'], io)).toBe(1)
    expect(io.errLines[0]).toMatch(/examples\/word-count\/topology\.ts is TypeScript: compile it first .* and pass the compiled \.js file/)
  })

  it('explains what a module must export', async () => {
    const io = testIo()
    expect(await runCli(['describe', 'test/cli/fixtures/no-topology-module.mjs'], io)).toBe(1)
    expect(io.errLines[0]).toMatch(/must export a Topology, or a function returning one .* as its default export/)
  })

  it('exits 1 for a missing module and 2 for a bad --format', async () => {
    const missing = testIo()
    expect(await runCli(['describe', 'nowhere.js'], missing)).toBe(1)
    expect(missing.errLines[0]).toMatch(/cannot find module .*nowhere\.js/)
    const format = testIo()
    expect(await runCli(['describe', MODULE, '--format', 'dot'], format)).toBe(2)
    expect(format.errLines[0]).toBe('tributary describe: --format: expected one of text, mermaid (got "dot")')
  })
})
