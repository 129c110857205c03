import { describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Headers } from '../../../processor-api/headers.js'
import type { Serializer } from '../../../processor-api/serde/serde.js'
import { TestRecord } from '../../../src/test-driver/test-record.js'
import { TopologyTestDriver } from '../../../src/test-driver/topology-test-driver.js'

/** A String serializer that stamps each record it serializes with a header (Kafka serializers may add headers). */
const stamping: Serializer<string> = {
  serialize(topic: string, data: string | null, headers?: Headers): Buffer | null {
    headers?.add('serialized-for', topic)
    return data === null ? null : Buffer.from(data)
  },
}

function passThrough(valueSerializer: Serializer<string>): Topology {
  return new Topology()
    .addSource('src', 'in', { keySerde: Serdes.String(), valueSerde: Serdes.String() })
    .addSink('out', 'out', { keySerializer: Serdes.String().serializer, valueSerializer }, 'src')
}

describe('sink headers', () => {
  it('a serializer that takes headers adds them to the produced record, with or without incoming headers', async () => {
    const driver = new TopologyTestDriver(passThrough(stamping))
    try {
      const input = driver.createInputTopic('in', Serdes.String().serializer, Serdes.String().serializer)
      const output = driver.createOutputTopic('out', Serdes.String().deserializer, Serdes.String().deserializer)
      await input.pipeInput('k', 'plain', 1)
      await input.pipeInput(new TestRecord('k', 'with', { timestamp: 2, headers: [{ key: 'h', value: Buffer.from('v') }] }))
      const [first, second] = output.readRecordsToList()
      expect(first!.headers.toArray().map((h) => [h.key, h.value?.toString()])).toEqual([['serialized-for', 'out']])
      expect(second!.headers.toArray().map((h) => [h.key, h.value?.toString()])).toEqual([
        ['h', 'v'],
        ['serialized-for', 'out'],
      ])
    } finally {
      driver.close()
    }
  })

  it('records without headers through header-blind serializers come out with empty, independent headers', async () => {
    const driver = new TopologyTestDriver(passThrough(Serdes.String().serializer))
    try {
      const input = driver.createInputTopic('in', Serdes.String().serializer, Serdes.String().serializer)
      const output = driver.createOutputTopic('out', Serdes.String().deserializer, Serdes.String().deserializer)
      await input.pipeInput('k', 'a', 1)
      await input.pipeInput('k', 'b', 2)
      const [first, second] = output.readRecordsToList()
      expect(first!.headers.size).toBe(0)
      first!.headers.add('mine', 'x')
      expect(first!.headers.size).toBe(1)
      expect(second!.headers.size).toBe(0)
    } finally {
      driver.close()
    }
  })
})
