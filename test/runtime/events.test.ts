import { describe, expect, it } from 'vitest'
import { isValidTransition, StreamsEvents, type KafkaStreamsState } from '../../src/runtime/events.js'

describe('KafkaStreams states', () => {
  it("allows exactly Kafka's transitions", () => {
    const all: KafkaStreamsState[] = ['CREATED', 'REBALANCING', 'RUNNING', 'PENDING_SHUTDOWN', 'NOT_RUNNING', 'PENDING_ERROR', 'ERROR']
    const allowed = all.flatMap((from) => all.filter((to) => isValidTransition(from, to)).map((to) => `${from}->${to}`))
    expect(allowed).toEqual([
      'CREATED->REBALANCING',
      'CREATED->PENDING_SHUTDOWN',
      'REBALANCING->RUNNING',
      'REBALANCING->PENDING_SHUTDOWN',
      'REBALANCING->PENDING_ERROR',
      'RUNNING->REBALANCING',
      'RUNNING->RUNNING',
      'RUNNING->PENDING_SHUTDOWN',
      'RUNNING->PENDING_ERROR',
      'PENDING_SHUTDOWN->NOT_RUNNING',
      'PENDING_ERROR->ERROR',
    ])
  })

  it('replays the current state to new state$ subscribers and reports changes as events', () => {
    const events = new StreamsEvents('CREATED')
    const log: string[] = []
    events.events$.subscribe((e) => log.push(e.type === 'state' ? `${e.previous}->${e.state}` : e.type))
    events.setState('REBALANCING')
    const late: string[] = []
    events.state$.subscribe((s) => late.push(s))
    events.emit({ type: 'rebalance-started' })
    events.setState('RUNNING')
    expect(late).toEqual(['REBALANCING', 'RUNNING'])
    expect(log).toEqual(['CREATED->REBALANCING', 'rebalance-started', 'REBALANCING->RUNNING'])
  })
})
