/**
 * Child process for the SIGKILL tests: a kafkajs transactional producer that opens a transaction,
 * sends `count` records to `topic`, prints `sent <count>` and then waits forever (until the parent
 * kills it). Usage: broker-transactions-child.ts <port> <transactionalId> <topic> <count> <timeoutMs>
 */
import { Kafka, logLevel } from 'kafkajs'

const [port, transactionalId, topic, count, timeoutMs] = process.argv.slice(2)
if (port === undefined || transactionalId === undefined || topic === undefined) throw new Error('usage: <port> <transactionalId> <topic> <count> <timeoutMs>')
const kafka = new Kafka({ clientId: 'txn-child', brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING })
const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1, transactionTimeout: Number(timeoutMs ?? 60_000) })
await producer.connect()
const tx = await producer.transaction()
const n = Number(count ?? 10)
await tx.send({ topic, messages: Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `uncommitted-${i}` })) })
process.stdout.write(`sent ${n}\n`)
setInterval(() => undefined, 1_000)
