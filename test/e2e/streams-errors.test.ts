import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { Consumed, Produced, StreamsBuilder } from '../../dsl/index.js'
import { Serdes } from '../../processor-api/index.js'
import { ConfigError } from '../../src/config/index.js'
import { MissingSourceTopicError, NotCopartitionedError, RecordDeserializationError } from '../../src/runtime/errors.js'
import type { StreamsEvent } from '../../src/runtime/events.js'
import { startTestBroker } from './broker-harness.js'
import { createTopics, fastStreamsConfig, KafkaStreams, produce, quietKafka, readUntil, waitForState } from './helpers/streams-harness.js'
import { tempDir } from '../helpers/temp-dir.js'
import { waitFor } from '../helpers/wait-for.js'

const S = Serdes.String()
const I = Serdes.Integer()

function int(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}

/** numbers (String, Integer) → doubled. A 3-byte value cannot be deserialized as an Integer. */
function doubler(input: string, output: string) {
  const b = new StreamsBuilder()
  b.stream<string, number>(input, Consumed.with(S, I))
    .mapValues((v) => v * 2)
    .to(output, Produced.with(S, I))
  return b.build()
}

describe('KafkaStreams error handling', () => {
  let broker: Broker
  let dir: { path: string; cleanup: () => Promise<void> }

  beforeAll(async () => {
    broker = await startTestBroker({ numPartitions: 1 })
    dir = await tempDir()
  })

  afterAll(async () => {
    await broker?.stop()
    await dir?.cleanup()
  })

  async function withBadRecord(name: string): Promise<void> {
    const kafka = quietKafka(broker)
    await createTopics(kafka, [{ topic: `${name}-in`, partitions: 1 }, { topic: `${name}-out`, partitions: 1 }, { topic: `${name}-dlq`, partitions: 1 }])
    await produce(kafka, `${name}-in`, [
      { key: 'a', value: int(1) },
      { key: 'b', value: Buffer.from('bad') },
      { key: 'c', value: int(3) },
    ])
  }

  it("fails with an error naming topic, partition and offset under 'fail'", async () => {
    await withBadRecord('deser-fail')
    const app = new KafkaStreams(doubler('deser-fail-in', 'deser-fail-out'), fastStreamsConfig(broker, { applicationId: 'deser-fail', stateDir: dir.path }))
    const events: StreamsEvent[] = []
    app.events$.subscribe((e) => events.push(e))
    await app.start()
    await waitForState(app, 'ERROR', 30_000)
    const error = events.find((e) => e.type === 'error')
    expect(error).toBeDefined()
    const cause = (error as { error: unknown }).error
    expect(cause).toBeInstanceOf(RecordDeserializationError)
    const e = cause as RecordDeserializationError
    expect([e.topic, e.partition, e.offset]).toEqual(['deser-fail-in', 0, 1])
    expect(e.message).toContain('topic deser-fail-in, partition 0, offset 1')
    expect(await app.close()).toBe(true)
  }, 60_000)

  it("skips the bad record under 'log-and-continue'", async () => {
    await withBadRecord('deser-skip')
    const app = new KafkaStreams(
      doubler('deser-skip-in', 'deser-skip-out'),
      fastStreamsConfig(broker, { applicationId: 'deser-skip', stateDir: dir.path, deserializationExceptionHandler: 'log-and-continue' }),
    )
    await app.start()
    try {
      const kafka = quietKafka(broker)
      const out = await readUntil(kafka, 'deser-skip-out', (rs) => rs.length >= 2)
      expect(out.map((r) => [r.key!.toString(), r.value!.readInt32BE()])).toEqual([
        ['a', 2],
        ['c', 6],
      ])
      expect(app.state).toBe('RUNNING')
    } finally {
      await app.close()
    }
  }, 60_000)

  it('sends the raw bad record to the dead-letter topic with the error in headers', async () => {
    await withBadRecord('deser-dlq')
    const app = new KafkaStreams(
      doubler('deser-dlq-in', 'deser-dlq-out'),
      fastStreamsConfig(broker, { applicationId: 'deser-dlq', stateDir: dir.path, deserializationExceptionHandler: { deadLetterTopic: 'deser-dlq-dlq' } }),
    )
    await app.start()
    try {
      const kafka = quietKafka(broker)
      const [dead] = await readUntil(kafka, 'deser-dlq-dlq', (rs) => rs.length >= 1)
      expect(dead!.key!.toString()).toBe('b')
      expect(dead!.value!.toString()).toBe('bad')
      expect(dead!.headers['__streams.errors.topic']).toBe('deser-dlq-in')
      expect(dead!.headers['__streams.errors.partition']).toBe('0')
      expect(dead!.headers['__streams.errors.offset']).toBe('1')
      expect(dead!.headers['__streams.errors.message']).toMatch(/.+/)
      const out = await readUntil(kafka, 'deser-dlq-out', (rs) => rs.length >= 2)
      expect(out.map((r) => r.value!.readInt32BE())).toEqual([2, 6])
    } finally {
      await app.close()
    }
  }, 60_000)

  it('refuses to start when a source topic is missing, naming it, and ends in ERROR', async () => {
    const app = new KafkaStreams(doubler('no-such-topic', 'x-out'), fastStreamsConfig(broker, { applicationId: 'missing-src', stateDir: dir.path }))
    const states: string[] = []
    app.onStateChange((s) => states.push(s))
    await expect(app.start()).rejects.toThrow(MissingSourceTopicError)
    await expect(app.start()).rejects.toThrow(/only be started once/)
    expect(states).toEqual(['REBALANCING', 'PENDING_ERROR', 'ERROR'])
  })

  it('refuses to start a join of topics with different partition counts', async () => {
    const kafka = quietKafka(broker)
    await createTopics(kafka, [{ topic: 'left-4', partitions: 4 }, { topic: 'right-3', partitions: 3 }])
    const b = new StreamsBuilder()
    const left = b.stream<string, string>('left-4', Consumed.with(S, S))
    const right = b.table<string, string>('right-3', Consumed.with(S, S))
    left.join(right, (l, r) => `${l}/${r}`).to('joined')
    const app = new KafkaStreams(b.build(), fastStreamsConfig(broker, { applicationId: 'copart', stateDir: dir.path }))
    const err = await app.start().then(
      () => null,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(NotCopartitionedError)
    expect((err as Error).message).toContain('left-4=4, right-3=3')
    expect(app.state).toBe('ERROR')
  })

  it('rejects an invalid configuration with a ConfigError naming the key', () => {
    expect(() => new KafkaStreams(doubler('a', 'b'), { applicationId: 'x', bootstrapServers: broker.bootstrap, processingGuarantee: 'exactly_once' as never })).toThrow(ConfigError)
    try {
      new KafkaStreams(doubler('a', 'b'), { applicationId: 'bad id', bootstrapServers: broker.bootstrap })
    } catch (err) {
      expect((err as ConfigError).issues.map((i) => i.key)).toEqual(['applicationId'])
    }
  })

  it('replaces a dead stream thread under REPLACE_THREAD and keeps processing', async () => {
    const kafka = quietKafka(broker)
    await createTopics(kafka, [{ topic: 'replace-in', partitions: 1 }, { topic: 'replace-out', partitions: 1 }])
    let failures = 0
    const b = new StreamsBuilder()
    b.stream<string, string>('replace-in', Consumed.with(S, S))
      .mapValues((v) => {
        if (v === 'boom' && failures++ === 0) throw new Error('boom once')
        return v.toUpperCase()
      })
      .to('replace-out', Produced.with(S, S))
    const app = new KafkaStreams(b.build(), fastStreamsConfig(broker, { applicationId: 'replace', stateDir: dir.path, uncaughtExceptionHandler: 'REPLACE_THREAD' }))
    const events: StreamsEvent[] = []
    app.events$.subscribe((e) => events.push(e))
    await app.start()
    try {
      await produce(kafka, 'replace-in', [{ key: 'k', value: 'boom' }, { key: 'k', value: 'ok' }])
      const out = await readUntil(kafka, 'replace-out', (rs) => rs.some((r) => r.value!.toString() === 'OK'))
      expect(out.map((r) => r.value!.toString())).toContain('BOOM')
      expect(events.some((e) => e.type === 'thread-replaced')).toBe(true)
      await waitFor(() => app.state === 'RUNNING', { what: 'RUNNING again' })
    } finally {
      await app.close()
    }
  }, 60_000)
})
