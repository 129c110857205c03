import { afterEach, describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { Record } from '../../../processor-api/record.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Serializer } from '../../../processor-api/serde/serde.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { TopologyTestDriver } from '../../../src/test-driver/topology-test-driver.js'
import type { TestDriverConfigInput } from '../../../src/test-driver/internal/driver-config.js'
import type { ProcessingErrorContext, ProductionErrorContext } from '../../../src/runtime/task/exception-handlers.js'
import { RecordProductionError, TaskProcessingError } from '../../../src/runtime/errors.js'

const strings = { keySerde: Serdes.String(), valueSerde: Serdes.String() }
const drivers: TopologyTestDriver[] = []
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()))
})

function failsOnBad(config: TestDriverConfigInput): TopologyTestDriver {
  const topology = new Topology()
    .addSource('source', 'input', strings)
    .addProcessor(
      'picky',
      () => {
        let ctx: ProcessorContext<string, string>
        return {
          init: (c: ProcessorContext<string, string>) => {
            ctx = c
          },
          process: (r: Record<string, string>) => {
            if (r.value === 'bad') throw new Error('cannot handle bad')
            ctx.forward(r)
          },
        }
      },
      'source',
    )
    .addSink('sink', 'output', strings, 'picky')
  const d = new TopologyTestDriver(topology, config)
  drivers.push(d)
  return d
}

describe('processing and production exception handlers', () => {
  it("drops the failing record and continues with processingExceptionHandler 'log-and-continue'", () => {
    const driver = failsOnBad({ processingExceptionHandler: 'log-and-continue' })
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String())
    input.pipeInput('a', 'bad', 1)
    input.pipeInput('b', 'good', 2)
    expect(driver.createOutputTopic('output', Serdes.String(), Serdes.String()).readValuesToList()).toEqual(['good'])
  })

  it('lets a processing handler function see the failure and decide', () => {
    const seen: ProcessingErrorContext[] = []
    const driver = failsOnBad({
      processingExceptionHandler: (ctx: ProcessingErrorContext) => {
        seen.push(ctx)
        return ctx.record?.key === 'skip' ? 'CONTINUE' : 'FAIL'
      },
    })
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String())
    input.pipeInput('skip', 'bad', 1)
    expect(seen[0]).toMatchObject({ processorName: 'picky', topic: 'input', partition: 0, offset: 0 })
    expect((seen[0]!.error as Error).message).toBe('cannot handle bad')
    expect(() => input.pipeInput('stop', 'bad', 2)).toThrow(TaskProcessingError)
  })

  it("drops records a sink cannot serialize with productionExceptionHandler 'log-and-continue', and fails by default", () => {
    const picky: Serializer<string> = {
      serialize: (_topic, data) => {
        if (data === 'unserializable') throw new Error('no')
        return data === null ? null : Buffer.from(data)
      },
    }
    const build = (config: TestDriverConfigInput): TopologyTestDriver => {
      const topology = new Topology()
        .addSource('source', 'input', strings)
        .addSink('sink', 'output', { keySerde: Serdes.String(), valueSerializer: picky }, 'source')
      const d = new TopologyTestDriver(topology, config)
      drivers.push(d)
      return d
    }
    const seen: ProductionErrorContext[] = []
    const lenient = build({
      productionExceptionHandler: (ctx: ProductionErrorContext) => {
        seen.push(ctx)
        return 'CONTINUE'
      },
    })
    const input = lenient.createInputTopic('input', Serdes.String(), Serdes.String())
    input.pipeInput('a', 'unserializable', 1)
    input.pipeInput('b', 'fine', 2)
    expect(lenient.createOutputTopic('output', Serdes.String(), Serdes.String()).readValuesToList()).toEqual(['fine'])
    expect(seen[0]).toMatchObject({ topic: 'output', processorName: 'sink', key: 'a', value: 'unserializable', timestamp: 1 })
    const strict = build({})
    expect(() => strict.createInputTopic('input', Serdes.String(), Serdes.String()).pipeInput('a', 'unserializable', 1)).toThrow(
      RecordProductionError,
    )
  })
})
