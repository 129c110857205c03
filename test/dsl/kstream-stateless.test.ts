import { afterEach, describe, expect, it } from 'vitest'
import { KeyValue } from '../../processor-api/key-value.js'
import { Record } from '../../processor-api/record.js'
import { Serdes } from '../../processor-api/serde/serdes.js'
import type { ProcessorContext } from '../../processor-api/processor-context.js'
import type { FixedKeyProcessorContext } from '../../processor-api/processor-context.js'
import type { FixedKeyRecord } from '../../processor-api/record.js'
import { Branched, Consumed, Named, Printed, Produced, Repartitioned, StreamsBuilder } from '../../dsl/index.js'
import type { TopologyTestDriver } from '../../src/test-driver/index.js'
import { drain, driverFor, rec } from './helpers/driver.js'

const S = Serdes.String()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

function run(build: (b: StreamsBuilder) => void): TopologyTestDriver {
  const b = new StreamsBuilder()
  build(b)
  driver = driverFor(b.build())
  return driver
}

describe('KStream stateless operations', () => {
  it('filter and filterNot keep and drop records with their timestamps', async () => {
    const d = run((b) => {
      const s = b.stream<string, string>('in', Consumed.with(S, S))
      s.filter((_k, v) => v.length > 1).to('long')
      s.filterNot((_k, v) => v.length > 1).to('short')
    })
    const input = d.createInputTopic('in', S, S)
    await input.pipeInput('a', 'xx', 10)
    await input.pipeInput('b', 'y', 20)
    expect(drain(d.createOutputTopic('long', S, S))).toEqual([rec('a', 'xx', 10)])
    expect(drain(d.createOutputTopic('short', S, S))).toEqual([rec('b', 'y', 20)])
  })

  it('map, selectKey and mapValues (with the read-only key) transform records', async () => {
    const d = run((b) => {
      const s = b.stream<string, string>('in', Consumed.with(S, S))
      s.map((k, v) => KeyValue.pair(v, k)).to('swapped')
      s.selectKey((k, v) => `${k}-${v}`).to('rekeyed')
      s.mapValues((v, k) => `${k}:${v.toUpperCase()}`).to('upper')
    })
    await d.createInputTopic('in', S, S).pipeInput('k', 'v', 7)
    expect(drain(d.createOutputTopic('swapped', S, S))).toEqual([rec('v', 'k', 7)])
    expect(drain(d.createOutputTopic('rekeyed', S, S))).toEqual([rec('k-v', 'v', 7)])
    expect(drain(d.createOutputTopic('upper', S, S))).toEqual([rec('k', 'k:V', 7)])
  })

  it('flatMap and flatMapValues emit zero or more records per input', async () => {
    const d = run((b) => {
      const s = b.stream<string, string>('in', Consumed.with(S, S))
      s.flatMap((k, v) => v.split(',').map((p) => KeyValue.pair(p, k))).to('fm')
      s.flatMapValues((v) => (v === '' ? [] : v.split(','))).to('fmv')
    })
    const input = d.createInputTopic('in', S, S)
    await input.pipeInput('k', 'a,b', 3)
    await input.pipeInput('e', '', 4)
    expect(drain(d.createOutputTopic('fm', S, S))).toEqual([rec('a', 'k', 3), rec('b', 'k', 3), rec('', 'e', 4)])
    expect(drain(d.createOutputTopic('fmv', S, S))).toEqual([rec('k', 'a', 3), rec('k', 'b', 3)])
  })

  it('peek and foreach see every record; peek passes it on', async () => {
    const peeked: string[] = []
    const seen: string[] = []
    const d = run((b) => {
      const s = b.stream<string, string>('in', Consumed.with(S, S)).peek((k, v) => peeked.push(`${k}=${v}`))
      s.foreach((k, v) => seen.push(`${k}=${v}`))
      s.to('out')
    })
    await d.createInputTopic('in', S, S).pipeInput('a', '1', 1)
    expect(peeked).toEqual(['a=1'])
    expect(seen).toEqual(['a=1'])
    expect(drain(d.createOutputTopic('out', S, S))).toEqual([rec('a', '1', 1)])
  })

  it('split routes each record to the first matching branch, named by split name + branch name', async () => {
    const consumed: string[] = []
    let branches = new Map<string, unknown>()
    const d = run((b) => {
      const m = b
        .stream<string, string>('in', Consumed.with(S, S))
        .split(Named.as('Branch-'))
        .branch((_k, v) => v.startsWith('A'), Branched.as('A'))
        .branch((_k, v) => v.startsWith('B'), Branched.withConsumer((s) => s.foreach((_k, v) => consumed.push(v))))
        .branch((_k, v) => v.startsWith('C'), Branched.withFunction((s) => s.mapValues((v) => v.toLowerCase()), 'C'))
        .defaultBranch()
      branches = m
      m.get('Branch-A')!.to('a')
      m.get('Branch-C')!.to('c')
      m.get('Branch-0')!.to('other')
    })
    expect([...branches.keys()]).toEqual(['Branch-A', 'Branch-C', 'Branch-0'])
    const input = d.createInputTopic('in', S, S)
    for (const [i, v] of ['Apple', 'Banana', 'Cherry', 'Date', 'Avocado'].entries()) await input.pipeInput(String(i), v, i)
    expect(drain(d.createOutputTopic('a', S, S))).toEqual([rec('0', 'Apple', 0), rec('4', 'Avocado', 4)])
    expect(drain(d.createOutputTopic('c', S, S))).toEqual([rec('2', 'cherry', 2)])
    expect(drain(d.createOutputTopic('other', S, S))).toEqual([rec('3', 'Date', 3)])
    expect(consumed).toEqual(['Banana'])
  })

  it('split names unnamed branches by their 1-based index and drops unmatched records without a default', async () => {
    let names: string[] = []
    const d = run((b) => {
      const m = b
        .stream<string, string>('in', Consumed.with(S, S))
        .split()
        .branch((_k, v) => v === 'x')
        .noDefaultBranch()
      names = [...m.keys()]
      m.get('KSTREAM-BRANCH-00000000011')!.to('x')
    })
    expect(names).toEqual(['KSTREAM-BRANCH-00000000011'])
    const input = d.createInputTopic('in', S, S)
    await input.pipeInput('k', 'y', 1)
    await input.pipeInput('k', 'x', 2)
    expect(drain(d.createOutputTopic('x', S, S))).toEqual([rec('k', 'x', 2)])
  })

  it('merge interleaves two streams in processing order', async () => {
    const d = run((b) => {
      const a = b.stream<string, string>('a', Consumed.with(S, S))
      const c = b.stream<string, string>('b', Consumed.with(S, S))
      a.merge(c).to('out')
    })
    await d.createInputTopic('a', S, S).pipeInput('x', '1', 5)
    await d.createInputTopic('b', S, S).pipeInput('y', '2', 3)
    expect(drain(d.createOutputTopic('out', S, S))).toEqual([rec('x', '1', 5), rec('y', '2', 3)])
  })

  it('to() with a topic name extractor routes each record', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S)).to((_k, v, ctx) => `${v}-${ctx.topic}`, Produced.with(S, S))
    })
    await d.createInputTopic('in', S, S).pipeInput('k', 'red', 1)
    expect(drain(d.createOutputTopic('red-in', S, S))).toEqual([rec('k', 'red', 1)])
  })

  it('repartition() writes through <name>-repartition and keeps records and timestamps', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .selectKey((_k, v) => v)
        .repartition(Repartitioned.as<string, string>('by-value').withNumberOfPartitions(2))
        .to('out')
    })
    await d.createInputTopic('in', S, S).pipeInput('k', 'v', 9)
    expect(drain(d.createOutputTopic('out', S, S))).toEqual([rec('v', 'v', 9)])
    expect(d.producedTopicNames()).toContain('dummy-topology-test-driver-app-id-by-value-repartition')
  })

  it('print writes `[label]: key, value` lines', async () => {
    const lines: string[] = []
    const d = run((b) => {
      const s = b.stream<string, string>('in', Consumed.with(S, S))
      s.print(Printed.toSink<string, string>({ write: (l) => lines.push(l) }).withLabel('trace'))
      s.print(Printed.toSink<string, string>({ write: (l) => lines.push(l) }).withKeyValueMapper((k, v) => `${k}/${v}`))
    })
    await d.createInputTopic('in', S, S).pipeInput('k', 'v', 1)
    expect(lines).toEqual(['[trace]: k, v', '[KSTREAM-SOURCE-0000000000]: k/v'])
  })

  it('process() runs a Processor API processor and forwards what it forwards', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .process<string, number>(() => {
          let ctx: ProcessorContext<string, number>
          return {
            init(c) {
              ctx = c
            },
            process(r) {
              ctx.forward(new Record(r.key, r.value.length, r.timestamp + 1))
            },
          }
        }, Named.as('lengths'))
        .to('out', Produced.with(S, Serdes.Integer()))
    })
    await d.createInputTopic('in', S, S).pipeInput('k', 'abc', 1)
    expect(drain(d.createOutputTopic('out', S, Serdes.Integer()))).toEqual([rec('k', 3, 2)])
  })

  it('processValues() runs a fixed-key processor', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .processValues<number>(() => {
          let ctx: FixedKeyProcessorContext<string, number>
          return {
            init(c) {
              ctx = c
            },
            process(r: FixedKeyRecord<string, string>) {
              ctx.forward(r.withValue(r.value.length))
            },
          }
        })
        .to('out', Produced.with(S, Serdes.Integer()))
    })
    await d.createInputTopic('in', S, S).pipeInput('k', 'abcd', 1)
    expect(drain(d.createOutputTopic('out', S, Serdes.Integer()))).toEqual([rec('k', 4, 1)])
  })
})
