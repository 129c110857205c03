/**
 * Ported from Kafka Streams' ProcessorTopologyTest (streams/src/test/.../processor/internals): PAPI
 * topologies run in the TopologyTestDriver with the same inputs and expected outputs: forwarding,
 * stateful processors and connected stores, several sources, forwarding to a topic another source
 * reads, internal repartition topics, timestamps changed per child, headers, partitioners.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { Headers } from '../../../processor-api/headers.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Processor, ProcessorSupplier } from '../../../processor-api/processor.js'
import type { StreamPartitioner, TimestampExtractor } from '../../../processor-api/topology-options.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { Stores } from '../../../state-stores/stores.js'
import type { KeyValueStore } from '../../../state-stores/key-value-store.js'
import { TestRecord, TopologyTestDriver } from '../../../src/test-driver/index.js'
import type { TestOutputTopic } from '../../../src/test-driver/index.js'

const S = Serdes.String()
const INPUT_TOPIC_1 = 'input-topic-1'
const INPUT_TOPIC_2 = 'input-topic-2'
const OUTPUT_TOPIC_1 = 'output-topic-1'
const OUTPUT_TOPIC_2 = 'output-topic-2'
const THROUGH_TOPIC_1 = 'through-topic-1'
const HEADERS = (): Headers => new Headers([{ key: 'key', value: Buffer.from('value') }])

/** Kafka's CustomTimestampExtractor: `value@ts` carries its timestamp; else the record's, else 1000. */
const customTimestampExtractor: TimestampExtractor = (record) => {
  const value = String(record.value)
  if (/^.*@[0-9]+$/.test(value)) return Number(value.split('@')[1])
  if (record.timestamp >= 0) return record.timestamp
  return 1000
}

const props = { defaultKeySerde: S, defaultValueSerde: S, defaultTimestampExtractor: customTimestampExtractor }
const SRC = { keySerde: S, valueSerde: S }

let driver: TopologyTestDriver | null = null
afterEach(async () => {
  await driver?.close()
  driver = null
})

function forwarding(): Processor<string, string, string, string> {
  let ctx!: ProcessorContext<string, string>
  return {
    init: (c) => void (ctx = c),
    process: (r) => ctx.forward(r),
  }
}
function timestampProcessor(): Processor<string, string, string, string> {
  let ctx!: ProcessorContext<string, string>
  return {
    init: (c) => void (ctx = c),
    process: (r) => ctx.forward(r.withTimestamp(r.timestamp + 10)),
  }
}
function fanOutTimestamp(firstChild: string, secondChild: string): Processor<string, string, string, string> {
  let ctx!: ProcessorContext<string, string>
  return {
    init: (c) => void (ctx = c),
    process: (r) => {
      ctx.forward(r)
      ctx.forward(r.withTimestamp(r.timestamp + 5), firstChild)
      ctx.forward(r, secondChild)
      ctx.forward(r.withTimestamp(r.timestamp + 2))
    },
  }
}
function addHeader(): Processor<string, string, string, string> {
  let ctx!: ProcessorContext<string, string>
  return {
    init: (c) => void (ctx = c),
    process: (r) => {
      const toForward = r.withHeaders(r.headers)
      toForward.headers.add('key', Buffer.from('value'))
      ctx.forward(toForward)
    },
  }
}
function valueTimestamp(): Processor<string, string, string, string> {
  let ctx!: ProcessorContext<string, string>
  return {
    init: (c) => void (ctx = c),
    process: (r) => ctx.forward(r.withValue(r.value.split('@')[0]!)),
  }
}
function stateful(storeName: string): Processor<string, string> {
  let store!: KeyValueStore<string, string>
  return {
    init: (c) => void (store = c.getStateStore<KeyValueStore<string, string>>(storeName)),
    process: (r) => store.put(r.key, r.value),
  }
}

const constantPartitioner =
  (partition: number): StreamPartitioner<string, string> =>
  () =>
    partition

function expectNext(
  record: TestRecord<string, string>,
  key: string,
  value: string,
  timestamp = 0,
  headers: Headers = new Headers(),
): void {
  expect(record.key).toBe(key)
  expect(record.value).toBe(value)
  expect(record.timestamp).toBe(timestamp)
  expect(record.headers.toArray()).toEqual(headers.toArray())
}

function out(name: string): TestOutputTopic<string, string> {
  return driver!.createOutputTopic(name, S, S)
}

function simpleTopology(partitioner: StreamPartitioner<string, string> | undefined): Topology {
  return new Topology()
    .addSource('source', INPUT_TOPIC_1, SRC)
    .addProcessor('processor', forwarding, 'source')
    .addSink('sink', OUTPUT_TOPIC_1, partitioner === undefined ? {} : { partitioner }, 'processor')
}

describe('ProcessorTopologyTest (Kafka)', () => {
  it('testDrivingSimpleTopology (the sink partitioner picks partition 10 of a one-partition topic, as in Kafka)', () => {
    driver = new TopologyTestDriver(simpleTopology(constantPartitioner(10)), props)
    const input = driver.createInputTopic(INPUT_TOPIC_1, S, S, 0, 0)
    const output = out(OUTPUT_TOPIC_1)
    input.pipeInput('key1', 'value1')
    expectNext(output.readRecord(), 'key1', 'value1')
    expect(output.isEmpty()).toBe(true)
    input.pipeInput('key2', 'value2')
    expectNext(output.readRecord(), 'key2', 'value2')
    expect(output.isEmpty()).toBe(true)
    input.pipeInput('key3', 'value3')
    input.pipeInput('key4', 'value4')
    input.pipeInput('key5', 'value5')
    expectNext(output.readRecord(), 'key3', 'value3')
    expectNext(output.readRecord(), 'key4', 'value4')
    expectNext(output.readRecord(), 'key5', 'value5')
    expect(output.isEmpty()).toBe(true)
  })

  it('testDrivingSimpleTopologyWithDroppingPartitioner (an empty multicast set drops every record)', () => {
    driver = new TopologyTestDriver(simpleTopology(() => []), props)
    const input = driver.createInputTopic(INPUT_TOPIC_1, S, S, 0, 0)
    const output = out(OUTPUT_TOPIC_1)
    input.pipeInput('key1', 'value1')
    input.pipeInput('key2', 'value2')
    input.pipeInput('key3', 'value3')
    expect(output.isEmpty()).toBe(true)
  })

  it('testDrivingStatefulTopology', () => {
    const storeName = 'entries'
    const topology = new Topology()
      .addSource('source', INPUT_TOPIC_1, SRC)
      .addProcessor('processor', () => stateful(storeName), 'source')
      .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), S, S), 'processor')
      .addSink('counts', OUTPUT_TOPIC_1, 'processor')
    driver = new TopologyTestDriver(topology, props)
    const input = driver.createInputTopic(INPUT_TOPIC_1, S, S)
    const output = driver.createOutputTopic(OUTPUT_TOPIC_1, Serdes.Integer(), S)
    input.pipeInput('key1', 'value1')
    input.pipeInput('key2', 'value2')
    input.pipeInput('key3', 'value3')
    input.pipeInput('key1', 'value4')
    expect(output.isEmpty()).toBe(true)
    const store = driver.getKeyValueStore<string, string>(storeName)!
    expect(store.get('key1')).toBe('value4')
    expect(store.get('key2')).toBe('value2')
    expect(store.get('key3')).toBe('value3')
    expect(store.get('key4')).toBeNull()
  })

  it('testDrivingConnectedStateStoreTopology (the supplier provides the store)', () => {
    const storeName = 'connectedStore'
    const builder = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), S, S)
    const supplier: ProcessorSupplier<string, string> = Object.assign(() => stateful(storeName), { stores: () => [builder] })
    const topology = new Topology()
      .addSource('source', INPUT_TOPIC_1, SRC)
      .addProcessor('processor', supplier, 'source')
      .addSink('counts', OUTPUT_TOPIC_1, 'processor')
    driver = new TopologyTestDriver(topology, props)
    const input = driver.createInputTopic(INPUT_TOPIC_1, S, S)
    input.pipeInput('key1', 'value1')
    input.pipeInput('key2', 'value2')
    input.pipeInput('key3', 'value3')
    input.pipeInput('key1', 'value4')
    expect(driver.createOutputTopic(OUTPUT_TOPIC_1, Serdes.Integer(), S).isEmpty()).toBe(true)
    const store = driver.getKeyValueStore<string, string>(storeName)!
    expect(store.get('key1')).toBe('value4')
    expect(store.get('key2')).toBe('value2')
    expect(store.get('key3')).toBe('value3')
    expect(store.get('key4')).toBeNull()
  })

  it('testDrivingConnectedStateStoreInDifferentProcessorsTopology', () => {
    const storeName = 'connectedStore'
    const builder = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), S, S)
    const supplier = (): ProcessorSupplier<string, string> => Object.assign(() => stateful(storeName), { stores: () => [builder] })
    const topology = new Topology()
      .addSource('source1', INPUT_TOPIC_1, SRC)
      .addSource('source2', INPUT_TOPIC_2, SRC)
      .addProcessor('processor1', supplier(), 'source1')
      .addProcessor('processor2', supplier(), 'source2')
      .addSink('counts', OUTPUT_TOPIC_1, 'processor1', 'processor2')
    driver = new TopologyTestDriver(topology, props)
    const input = driver.createInputTopic(INPUT_TOPIC_1, S, S)
    input.pipeInput('key1', 'value1')
    input.pipeInput('key2', 'value2')
    input.pipeInput('key3', 'value3')
    input.pipeInput('key1', 'value4')
    expect(driver.createOutputTopic(OUTPUT_TOPIC_1, Serdes.Integer(), S).isEmpty()).toBe(true)
    const store = driver.getKeyValueStore<string, string>(storeName)!
    expect(store.get('key1')).toBe('value4')
    expect(store.get('key2')).toBe('value2')
    expect(store.get('key3')).toBe('value3')
    expect(store.get('key4')).toBeNull()
  })

  it('testDrivingSimpleMultiSourceTopology', () => {
    const topology = new Topology()
      .addSource('source-1', INPUT_TOPIC_1, SRC)
      .addProcessor('processor-1', forwarding, 'source-1')
      .addSink('sink-1', OUTPUT_TOPIC_1, { partitioner: constantPartitioner(10) }, 'processor-1')
      .addSource('source-2', INPUT_TOPIC_2, SRC)
      .addProcessor('processor-2', forwarding, 'source-2')
      .addSink('sink-2', OUTPUT_TOPIC_2, { partitioner: constantPartitioner(10) }, 'processor-2')
    driver = new TopologyTestDriver(topology, props)
    const input = driver.createInputTopic(INPUT_TOPIC_1, S, S, 0, 0)
    const output1 = out(OUTPUT_TOPIC_1)
    const output2 = out(OUTPUT_TOPIC_2)
    input.pipeInput('key1', 'value1')
    expectNext(output1.readRecord(), 'key1', 'value1')
    expect(output2.isEmpty()).toBe(true)
    driver.createInputTopic(INPUT_TOPIC_2, S, S, 0, 0).pipeInput('key2', 'value2')
    expectNext(output2.readRecord(), 'key2', 'value2')
    expect(output2.isEmpty()).toBe(true)
  })

  it('testDrivingForwardToSourceTopology', () => {
    const topology = new Topology()
      .addSource('source-1', INPUT_TOPIC_1)
      .addSink('sink-1', OUTPUT_TOPIC_1, 'source-1')
      .addSource('source-2', OUTPUT_TOPIC_1)
      .addSink('sink-2', OUTPUT_TOPIC_2, 'source-2')
    driver = new TopologyTestDriver(topology, props)
    const input = driver.createInputTopic(INPUT_TOPIC_1, S, S, 0, 0)
    input.pipeInput('key1', 'value1')
    input.pipeInput('key2', 'value2')
    input.pipeInput('key3', 'value3')
    const output2 = out(OUTPUT_TOPIC_2)
    expectNext(output2.readRecord(), 'key1', 'value1')
    expectNext(output2.readRecord(), 'key2', 'value2')
    expectNext(output2.readRecord(), 'key3', 'value3')
  })

  it('testDrivingInternalRepartitioningTopology', () => {
    const topology = new Topology()
      .addSource('source', INPUT_TOPIC_1)
      .addSink('sink0', THROUGH_TOPIC_1, 'source')
      .addSource('source1', THROUGH_TOPIC_1)
      .addSink('sink1', OUTPUT_TOPIC_1, 'source1')
    topology.internalTopologyBuilder.addInternalTopic(THROUGH_TOPIC_1)
    driver = new TopologyTestDriver(topology, props)
    const input = driver.createInputTopic(INPUT_TOPIC_1, S, S, 0, 0)
    input.pipeInput('key1', 'value1')
    input.pipeInput('key2', 'value2')
    input.pipeInput('key3', 'value3')
    const output = out(OUTPUT_TOPIC_1)
    expectNext(output.readRecord(), 'key1', 'value1')
    expectNext(output.readRecord(), 'key2', 'value2')
    expectNext(output.readRecord(), 'key3', 'value3')
  })

  it('testDrivingInternalRepartitioningForwardingTimestampTopology', () => {
    const topology = new Topology()
      .addSource('source', INPUT_TOPIC_1)
      .addProcessor('processor', valueTimestamp, 'source')
      .addSink('sink0', THROUGH_TOPIC_1, 'processor')
      .addSource('source1', THROUGH_TOPIC_1)
      .addSink('sink1', OUTPUT_TOPIC_1, 'source1')
    topology.internalTopologyBuilder.addInternalTopic(THROUGH_TOPIC_1)
    driver = new TopologyTestDriver(topology, props)
    const input = driver.createInputTopic(INPUT_TOPIC_1, S, S)
    input.pipeInput('key1', 'value1@1000')
    input.pipeInput('key2', 'value2@2000')
    input.pipeInput('key3', 'value3@3000')
    const output = out(OUTPUT_TOPIC_1)
    expectNext(output.readRecord(), 'key1', 'value1', 1000)
    expectNext(output.readRecord(), 'key2', 'value2', 2000)
    expectNext(output.readRecord(), 'key3', 'value3', 3000)
  })

  it('shouldConsiderTimeStamps', () => {
    driver = new TopologyTestDriver(simpleTopology(constantPartitioner(10)), props)
    const input = driver.createInputTopic(INPUT_TOPIC_1, S, S)
    input.pipeInput('key1', 'value1', 10)
    input.pipeInput('key2', 'value2', 20)
    input.pipeInput('key3', 'value3', 30)
    const output = out(OUTPUT_TOPIC_1)
    expectNext(output.readRecord(), 'key1', 'value1', 10)
    expectNext(output.readRecord(), 'key2', 'value2', 20)
    expectNext(output.readRecord(), 'key3', 'value3', 30)
  })

  it('shouldConsiderModifiedTimeStamps', () => {
    const topology = new Topology()
      .addSource('source', INPUT_TOPIC_1, SRC)
      .addProcessor('processor', timestampProcessor, 'source')
      .addSink('sink', OUTPUT_TOPIC_1, { partitioner: constantPartitioner(10) }, 'processor')
    driver = new TopologyTestDriver(topology, props)
    const input = driver.createInputTopic(INPUT_TOPIC_1, S, S)
    input.pipeInput('key1', 'value1', 10)
    input.pipeInput('key2', 'value2', 20)
    input.pipeInput('key3', 'value3', 30)
    const output = out(OUTPUT_TOPIC_1)
    expectNext(output.readRecord(), 'key1', 'value1', 20)
    expectNext(output.readRecord(), 'key2', 'value2', 30)
    expectNext(output.readRecord(), 'key3', 'value3', 40)
  })

  it('shouldConsiderModifiedTimeStampsForMultipleProcessors (forward to all and to named children)', () => {
    const topology = new Topology()
      .addSource('source', INPUT_TOPIC_1, SRC)
      .addProcessor('processor', () => fanOutTimestamp('child1', 'child2'), 'source')
      .addProcessor('child1', forwarding, 'processor')
      .addProcessor('child2', timestampProcessor, 'processor')
      .addSink('sink1', OUTPUT_TOPIC_1, { partitioner: constantPartitioner(10) }, 'child1')
      .addSink('sink2', OUTPUT_TOPIC_2, { partitioner: constantPartitioner(10) }, 'child2')
    driver = new TopologyTestDriver(topology, props)
    const input = driver.createInputTopic(INPUT_TOPIC_1, S, S)
    const output1 = out(OUTPUT_TOPIC_1)
    const output2 = out(OUTPUT_TOPIC_2)
    input.pipeInput('key1', 'value1', 10)
    expectNext(output1.readRecord(), 'key1', 'value1', 10)
    expectNext(output2.readRecord(), 'key1', 'value1', 20)
    expectNext(output1.readRecord(), 'key1', 'value1', 15)
    expectNext(output2.readRecord(), 'key1', 'value1', 20)
    expectNext(output1.readRecord(), 'key1', 'value1', 12)
    expectNext(output2.readRecord(), 'key1', 'value1', 22)
    expect(output1.isEmpty()).toBe(true)
    expect(output2.isEmpty()).toBe(true)
    input.pipeInput('key2', 'value2', 20)
    expectNext(output1.readRecord(), 'key2', 'value2', 20)
    expectNext(output2.readRecord(), 'key2', 'value2', 30)
    expectNext(output1.readRecord(), 'key2', 'value2', 25)
    expectNext(output2.readRecord(), 'key2', 'value2', 30)
    expectNext(output1.readRecord(), 'key2', 'value2', 22)
    expectNext(output2.readRecord(), 'key2', 'value2', 32)
    expect(output1.isEmpty()).toBe(true)
    expect(output2.isEmpty()).toBe(true)
  })

  it('shouldConsiderHeaders', () => {
    driver = new TopologyTestDriver(simpleTopology(constantPartitioner(10)), props)
    const input = driver.createInputTopic(INPUT_TOPIC_1, S, S)
    input.pipeInput(new TestRecord('key1', 'value1', { headers: HEADERS(), timestamp: 10 }))
    input.pipeInput(new TestRecord('key2', 'value2', { headers: HEADERS(), timestamp: 20 }))
    input.pipeInput(new TestRecord('key3', 'value3', { headers: HEADERS(), timestamp: 30 }))
    const output = out(OUTPUT_TOPIC_1)
    expectNext(output.readRecord(), 'key1', 'value1', 10, HEADERS())
    expectNext(output.readRecord(), 'key2', 'value2', 20, HEADERS())
    expectNext(output.readRecord(), 'key3', 'value3', 30, HEADERS())
  })

  it('shouldAddHeaders', () => {
    const topology = new Topology()
      .addSource('source-1', INPUT_TOPIC_1, SRC)
      .addProcessor('processor-1', addHeader, 'source-1')
      .addSink('sink-1', OUTPUT_TOPIC_1, 'processor-1')
    driver = new TopologyTestDriver(topology, props)
    const input = driver.createInputTopic(INPUT_TOPIC_1, S, S)
    input.pipeInput('key1', 'value1', 10)
    input.pipeInput('key2', 'value2', 20)
    input.pipeInput('key3', 'value3', 30)
    const output = out(OUTPUT_TOPIC_1)
    expectNext(output.readRecord(), 'key1', 'value1', 10, HEADERS())
    expectNext(output.readRecord(), 'key2', 'value2', 20, HEADERS())
    expectNext(output.readRecord(), 'key3', 'value3', 30, HEADERS())
  })
})
