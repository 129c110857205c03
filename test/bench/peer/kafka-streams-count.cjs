'use strict'
/**
 * The peer application of the peer-comparison benchmark: the orders count of B5 written with
 * nodefluent `kafka-streams` 5.0.0 (https://github.com/nodefluent/kafka-streams), run in its own
 * process by test/bench/streams-peer-kafka-streams.bench.ts:
 *
 *   node kafka-streams-count.cjs <client> <bootstrap> <input> <output> <records> <groupId> <timeoutMs>
 *
 * `getKStream(input).map(key to string).countByKey('key', 'count').map(→ 8-byte count)
 * .to(output, partitions, 'send')`, kafka-streams' own count (its KStorage, an in-memory object).
 * <client> selects how kafka-streams talks to Kafka:
 * - `kafka-node`: kafka-streams as shipped with a `kafkaHost` config: its JS client, sinek's
 *   deprecated Kafka/Drainer/Publisher on kafka-node 5 (Produce v2 / Fetch v2, message format v1).
 * - `kafkajs`: kafka-streams' "native" client path (`noptions` + `batchOptions`: sinek's
 *   NConsumer/NProducer in backpressure mode) with sinek 9's kafkajs-based drop-ins JSConsumer and
 *   JSProducer (kafkajs 1.12) in place of the node-rdkafka ones (native addons, not installed).
 *   JSConsumer subscribes without `fromBeginning`, so the bench commits offset 0 for the group first.
 * Prints one JSON line: records counted, seconds from the first to the last record counted
 * (`seconds`) and to every output record acknowledged (`completeSeconds`), CPU seconds of the
 * process over both spans, peak RSS, the count check (keys and total in kafka-streams' storage)
 * and the client errors seen (first few messages).
 */
const { readFileSync } = require('node:fs')

const [client, bootstrap, input, output, recordsArg, groupId, timeoutArg] = process.argv.slice(2)
const records = Number(recordsArg)
const timeoutMs = Number(timeoutArg || 120000)
const PARTITIONS = 4

const silent = { debug() {}, info() {}, warn() {}, error() {} }
const errors = new Map()
const onError = (e) => {
  const message = String((e && e.message) || e)
  errors.set(message, (errors.get(message) || 0) + 1)
}

if (client === 'kafkajs') {
  // sinek 9 ships JSConsumer/JSProducer as kafkajs-based replacements of NConsumer/NProducer;
  // kafka-streams' native client takes them from sinek's exports when it is first required.
  const sinek = require('sinek')
  sinek.NConsumer = sinek.JSConsumer
  sinek.NProducer = sinek.JSProducer
}
const { KafkaStreams } = require('kafka-streams')
const { Kafka, logLevel } = require('kafkajs')

function cpuSeconds() {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

function peakRssMiB() {
  const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
  return m === null ? NaN : Math.round(Number(m[1]) / 1024)
}

const clientName = `peer-${client}`
const config =
  client === 'kafkajs'
    ? {
        // no kafkaHost here: sinek's JS clients would hand the string to kafkajs as the broker list
        groupId,
        clientName,
        logger: silent,
        noptions: { 'metadata.broker.list': bootstrap, 'group.id': groupId, 'client.id': clientName },
        tconf: { 'request.required.acks': 1 },
        batchOptions: { batchSize: 1000, commitEveryNBatch: 1, concurrency: 1, commitSync: false, noBatchCommits: false },
      }
    : {
        kafkaHost: bootstrap,
        groupId,
        clientName,
        workerPerPartition: 1,
        options: {
          sessionTimeout: 10000,
          protocol: ['roundrobin'],
          fromOffset: 'earliest',
          fetchMaxBytes: 1024 * 1024,
          fetchMinBytes: 1,
          fetchMaxWaitMs: 100,
          heartbeatInterval: 1000,
          requireAcks: 1,
          ackTimeoutMs: 100,
          partitionerType: 3,
        },
      }

const admin = new Kafka({ brokers: [bootstrap], clientId: `${clientName}-admin`, logLevel: logLevel.NOTHING }).admin()

async function outputTotal() {
  const offsets = await admin.fetchTopicOffsets(output)
  return offsets.reduce((sum, o) => sum + Number(o.high), 0)
}

async function main() {
  await admin.connect()
  if (client === 'kafkajs') {
    await admin.setOffsets({ groupId, topic: input, partitions: Array.from({ length: PARTITIONS }, (_, p) => ({ partition: p, offset: '0' })) })
  }
  const streams = new KafkaStreams(config)
  streams.on('error', onError)
  const stream = streams.getKStream(input)
  let counted = 0
  let firstAt = 0n
  let firstCpu = 0
  let doneAt = 0n
  let doneCpu = 0
  let resolveDone
  const done = new Promise((r) => (resolveDone = r))
  stream
    // (kafka-streams' mapBufferKeyToString() leaves Buffer keys as they are, so map explicitly)
    .map((m) => ({ key: m.key.toString('latin1'), value: m.value }))
    .countByKey('key', 'count')
    .map((m) => {
      if (counted === 0) {
        firstAt = process.hrtime.bigint()
        firstCpu = cpuSeconds()
      }
      if (++counted === records) {
        doneAt = process.hrtime.bigint()
        doneCpu = cpuSeconds()
        resolveDone()
      }
      const value = Buffer.alloc(8)
      value.writeBigInt64BE(BigInt(m.count))
      return { key: m.key, value }
    })
    .to(output, PARTITIONS, 'send', 1, 0, onError)
  stream.start(() => {}, onError)

  const timedOut = new Promise((r) => setTimeout(() => r('timeout'), timeoutMs).unref())
  const outcome = await Promise.race([done.then(() => 'done'), timedOut])
  let completeAt = 0n
  let completeCpu = 0
  if (outcome === 'done') {
    const bound = Date.now() + timeoutMs
    while (Date.now() < bound && (await outputTotal()) < records) await new Promise((r) => setTimeout(r, 50))
    completeAt = process.hrtime.bigint()
    completeCpu = cpuSeconds()
  }
  const state = await stream.getStorage().getState()
  const keys = Object.keys(state).length
  let total = 0
  for (const k of Object.keys(state)) total += state[k]
  const produced = outcome === 'done' ? await outputTotal() : 0
  const figures = {
    client,
    outcome,
    records: counted,
    seconds: outcome === 'done' ? Number(doneAt - firstAt) / 1e9 : NaN,
    cpuSeconds: outcome === 'done' ? doneCpu - firstCpu : NaN,
    completeSeconds: outcome === 'done' ? Number(completeAt - firstAt) / 1e9 : NaN,
    completeCpuSeconds: outcome === 'done' ? completeCpu - firstCpu : NaN,
    produced,
    keys,
    total,
    peakRssMiB: peakRssMiB(),
    errors: [...errors.entries()].slice(0, 5).map(([message, n]) => `${n}× ${message}`),
  }
  process.stdout.write(`${JSON.stringify(figures)}\n`)
  // kafka-streams' closeAll waits on client disconnects that kafka-node may never finish: exit.
  process.exit(0)
}

main().catch((e) => {
  process.stderr.write(`${(e && e.stack) || e}\n`)
  process.exit(1)
})
