import { describe, expect, it } from 'vitest'
import { Topology } from '../../processor-api/topology.js'
import { Serdes } from '../../processor-api/index.js'
import { ConfigError } from '../../src/config/index.js'
import { MissingSourceTopicError, StreamsNotStartedError, StreamsStateError } from '../../src/runtime/errors.js'
import type { KafkaStreamsState } from '../../src/runtime/events.js'
import { KafkaStreams } from '../../src/runtime/kafka-streams.js'
import type { AdminPort, KafkaClientSupplier } from '../../src/runtime/ports.js'
import { QueryableStoreTypes } from '../../src/runtime/queryable-store-types.js'
import { tempDir } from '../helpers/temp-dir.js'

function passThrough(): Topology {
  const t = new Topology()
  t.addSource('src', ['in'], { keySerde: Serdes.String(), valueSerde: Serdes.String() })
  t.addSink('out', 'out-topic', { keySerde: Serdes.String(), valueSerde: Serdes.String() }, 'src')
  return t
}

/** Clients whose admin knows `topics`; nothing else is used before topic validation. */
function fakeClients(topics: Map<string, number>): KafkaClientSupplier {
  const unused = (): never => {
    throw new Error('not used in this test')
  }
  const admin: AdminPort = {
    connect: async () => {},
    listTopics: async () => [...topics.keys()],
    partitionCounts: async (names) => new Map([...topics].filter(([t]) => names.includes(t))),
    createTopics: async () => {},
    listOffsets: async () => new Map(),
    close: async () => {},
  }
  return { admin: () => admin, consumer: unused, producer: unused, restoreConsumer: unused }
}

describe('KafkaStreams lifecycle', () => {
  it('rejects queries and metadata calls before start with StreamsNotStartedError', async () => {
    const dir = await tempDir()
    try {
      const app = new KafkaStreams(passThrough(), { applicationId: 'life', bootstrapServers: 'h:1', stateDir: dir.path })
      expect(app.state).toBe('CREATED')
      expect(() => app.store('s', QueryableStoreTypes.keyValueStore())).toThrow(StreamsNotStartedError)
      expect(() => app.metadataForAllStreamsClients()).toThrow(StreamsNotStartedError)
    } finally {
      await dir.cleanup()
    }
  })

  it('closes from CREATED through PENDING_SHUTDOWN to NOT_RUNNING, completes state$, and cannot start afterwards', async () => {
    const app = new KafkaStreams(passThrough(), { applicationId: 'life', bootstrapServers: 'h:1' })
    const seen: KafkaStreamsState[] = []
    let completed = false
    app.state$.subscribe({ next: (s) => seen.push(s), complete: () => (completed = true) })
    expect(await app.close()).toBe(true)
    expect(seen).toEqual(['CREATED', 'PENDING_SHUTDOWN', 'NOT_RUNNING'])
    expect(completed).toBe(true)
    await expect(app.start()).rejects.toThrow(StreamsStateError)
    expect(() => app.setStateListener(() => {})).toThrow(/state CREATED/)
    expect(await app.close()).toBe(true)
  })

  it('fails to start without a client supplier, and ends in ERROR', async () => {
    const dir = await tempDir()
    try {
      const app = new KafkaStreams(passThrough(), { applicationId: 'life', bootstrapServers: 'h:1', stateDir: dir.path })
      const states: KafkaStreamsState[] = []
      app.onStateChange((s) => states.push(s))
      await expect(app.start()).rejects.toThrow(/client supplier/)
      expect(states).toEqual(['REBALANCING', 'PENDING_ERROR', 'ERROR'])
    } finally {
      await dir.cleanup()
    }
  })

  it('names the missing source topic when the cluster lacks it', async () => {
    const dir = await tempDir()
    try {
      const app = new KafkaStreams(passThrough(), { applicationId: 'life', bootstrapServers: 'h:1', stateDir: dir.path }, { clientSupplier: fakeClients(new Map()) })
      const errors: unknown[] = []
      app.events$.subscribe((e) => {
        if (e.type === 'error') errors.push(e.error)
      })
      await expect(app.start()).rejects.toThrow(MissingSourceTopicError)
      expect((errors[0] as MissingSourceTopicError).topics).toEqual(['in'])
      expect(app.state).toBe('ERROR')
    } finally {
      await dir.cleanup()
    }
  })

  it('validates its configuration up front, naming the bad key', () => {
    expect(() => new KafkaStreams(passThrough(), { applicationId: 'a' })).toThrow(ConfigError)
    expect(() => new KafkaStreams(passThrough(), { applicationId: 'a', bootstrapServers: 'h:1', numStandbyReplicas: -1 })).toThrow(/numStandbyReplicas/)
  })
})
