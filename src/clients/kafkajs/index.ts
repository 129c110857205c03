/**
 * The kafkajs adapter: the only place that imports kafkajs. `KafkaJsClientSupplier` creates the
 * runtime's consumer, producer, admin and restore consumer (see `src/runtime/ports.ts`) from
 * bootstrap servers or a user-supplied KafkaJS-compatible `Kafka` instance.
 */
export { KafkaStreams } from './kafka-streams.js'
export { KafkaJsClientSupplier } from './kafkajs-client-supplier.js'
export type { KafkaJsConnection } from './kafkajs-client-supplier.js'
export { KafkaJsConsumer } from './kafkajs-consumer.js'
export type { KafkaJsConsumerOptions } from './kafkajs-consumer.js'
export { KafkaJsProducer } from './kafkajs-producer.js'
export type { KafkaJsProducerOptions } from './kafkajs-producer.js'
export { KafkaJsAdmin } from './kafkajs-admin.js'
export { KafkaJsRestoreConsumer } from './kafkajs-restore-consumer.js'
