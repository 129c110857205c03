import { describe, expect, it } from 'vitest'
import { TopologyError } from '../../../processor-api/errors.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import {
  BufferConfig,
  Consumed,
  DslArgumentError,
  EmitStrategy,
  Grouped,
  Joined,
  Materialized,
  Named,
  Produced,
  Repartitioned,
  StreamJoined,
  Suppressed,
} from '../../../dsl/index.js'

describe('DSL option objects', () => {
  it('Named validates names as Kafka does', () => {
    expect(Named.as('ok.name_-1').name).toBe('ok.name_-1')
    expect(() => Named.as('')).toThrow(TopologyError)
    expect(() => Named.as('..')).toThrow(/cannot be/)
    expect(() => Named.as('a b')).toThrow(/illegal, it contains a character/)
    expect(() => Named.as('x'.repeat(250))).toThrow(/longer than 249/)
  })

  it('are immutable: with* returns a copy', () => {
    const base = Materialized.as<string, number>('store')
    const copy = base.withCachingDisabled().withLoggingDisabled().withValueSerde(Serdes.Long())
    expect([base.cachingEnabled, base.loggingEnabled, base.valueSerde]).toEqual([true, true, undefined])
    expect([copy.storeName, copy.cachingEnabled, copy.loggingEnabled, copy.valueSerde]).toEqual(['store', false, false, Serdes.Long()])
    const c = Consumed.with(Serdes.String(), Serdes.String())
    expect(c.withOffsetResetPolicy('earliest').offsetResetPolicy).toBe('earliest')
    expect(c.offsetResetPolicy).toBeUndefined()
  })

  it('static factories set what Java sets', () => {
    expect(Grouped.as<string, string>('g').name).toBe('g')
    expect(Produced.with(Serdes.String(), Serdes.Long()).valueSerde).toBe(Serdes.Long())
    expect(Joined.with(Serdes.String(), Serdes.String(), Serdes.Long(), 'j').name).toBe('j')
    expect(StreamJoined.as<string, string, string>('s').withLoggingDisabled().loggingEnabled).toBe(false)
    expect(Repartitioned.numberOfPartitions<string, string>(4).numberOfPartitions).toBe(4)
    expect(Materialized.with(null, null).withRetention(1000).retentionMs).toBe(1000)
    expect(EmitStrategy.onWindowClose().type).toBe('ON_WINDOW_CLOSE')
  })

  it('reject invalid values', () => {
    expect(() => Materialized.as('s').withRetention(-1)).toThrow(DslArgumentError)
    expect(() => Repartitioned.numberOfPartitions(0)).toThrow(/positive integer/)
    expect(() => Suppressed.untilTimeLimit(-5, BufferConfig.unbounded())).toThrow(/Time to wait/)
    expect(() => BufferConfig.maxRecords(-1)).toThrow(/Buffer size limit/)
  })

  it('BufferConfig tracks whether it may emit early', () => {
    expect(BufferConfig.unbounded().fullStrategy).toBe('SHUT_DOWN')
    expect(BufferConfig.maxRecords(5).fullStrategy).toBe('EMIT')
    expect(BufferConfig.maxBytes(10).shutDownWhenFull().fullStrategy).toBe('SHUT_DOWN')
    expect(BufferConfig.maxRecords(5).withMaxBytes(100).emitEarlyWhenFull().maxBytes).toBe(100)
    expect(Suppressed.untilWindowCloses(BufferConfig.unbounded()).withName('final').name).toBe('final')
  })
})
