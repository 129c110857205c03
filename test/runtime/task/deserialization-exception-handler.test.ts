import { afterEach, describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import { TopologyTestDriver } from '../../../src/test-driver/topology-test-driver.js'
import { RecordDeserializationError } from '../../../src/runtime/errors.js'
import {
  DeserializationHandlerResponse,
  type DeserializationErrorContext,
  type DeserializationExceptionHandler,
} from '../../../src/runtime/task/deserialization-exception-handler.js'

const drivers: TopologyTestDriver[] = []
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()))
})

/** Int values: Serdes.Integer() rejects anything but 4 bytes. */
function driverWith(handler: DeserializationExceptionHandler | undefined): TopologyTestDriver {
  const topology = new Topology()
    .addSource('source', 'numbers', { keySerde: Serdes.String(), valueSerde: Serdes.Integer() })
    .addSink('sink', 'output', { keySerde: Serdes.String(), valueSerde: Serdes.Integer() }, 'source')
  const d = new TopologyTestDriver(topology, handler === undefined ? {} : { deserializationExceptionHandler: handler })
  drivers.push(d)
  return d
}

const bytes: Serde<Buffer> = Serdes.ByteArray()

describe('deserialization exception handling', () => {
  it("fails by default with an error naming topic, partition and offset ('fail', Kafka's LogAndFail)", () => {
    const driver = driverWith(undefined)
    const input = driver.createInputTopic('numbers', Serdes.String(), bytes)
    input.pipeInput('k', Buffer.from([0, 0, 0, 1]), 1)
    let caught: unknown
    try {
      input.pipeInput('k', Buffer.from('not-an-int'), 2)
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(RecordDeserializationError)
    expect(caught).toMatchObject({ code: 'KS_ERR_DESERIALIZATION', topic: 'numbers', partition: 0, offset: 1, taskId: '0_0' })
    expect((caught as Error).message).toContain('topic numbers, partition 0, offset 1')
    expect((caught as Error).cause).toBeDefined()
  })

  it("skips undeserializable records with 'log-and-continue' and processes the rest", () => {
    const driver = driverWith('log-and-continue')
    const input = driver.createInputTopic('numbers', Serdes.String(), bytes)
    input.pipeInput('a', Buffer.from('bad'), 1)
    input.pipeInput('b', Buffer.from([0, 0, 0, 7]), 2)
    expect(driver.createOutputTopic('output', Serdes.String(), Serdes.Integer()).readKeyValuesToList()).toEqual([{ key: 'b', value: 7 }])
  })

  it('asks a custom handler, which sees the failed record and decides per record', () => {
    const calls: DeserializationErrorContext[] = []
    const driver = driverWith((ctx) => {
      calls.push(ctx)
      return ctx.key?.toString() === 'skip-me' ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL
    })
    const input = driver.createInputTopic('numbers', Serdes.String(), bytes)
    input.pipeInput('skip-me', Buffer.from('x'), 1)
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ topic: 'numbers', partition: 0, offset: 0, timestamp: 1, sourceNodeName: 'source' })
    expect(calls[0]!.value?.toString()).toBe('x')
    expect(() => input.pipeInput('fail-me', Buffer.from('y'), 2)).toThrow(RecordDeserializationError)
  })

  it('sends undeserializable records to a dead-letter topic with the error in headers and continues', () => {
    const driver = driverWith({ deadLetterTopic: 'numbers-dlq' })
    const input = driver.createInputTopic('numbers', Serdes.String(), bytes)
    input.pipeInput('a', Buffer.from('bad'), 11)
    input.pipeInput('b', Buffer.from([0, 0, 0, 7]), 12)
    expect(driver.createOutputTopic('output', Serdes.String(), Serdes.Integer()).readValuesToList()).toEqual([7])
    const dlq = driver.createOutputTopic('numbers-dlq', Serdes.String(), Serdes.String()).readRecord()
    expect([dlq.key, dlq.value, dlq.timestamp]).toEqual(['a', 'bad', 11])
    const h = (k: string) => dlq.headers.lastHeader(k)?.value?.toString()
    expect([h('__streams.errors.topic'), h('__streams.errors.partition'), h('__streams.errors.offset')]).toEqual(['numbers', '0', '0'])
    expect(h('__streams.errors.message')).toMatch(/.+/)
  })
})
