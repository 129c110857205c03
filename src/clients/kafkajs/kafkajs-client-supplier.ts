import { Kafka } from 'kafkajs'
import type { Logger } from '../../logging/index.js'
import { silentLogger } from '../../logging/index.js'
import type { AdminPort, ConsumerPort, KafkaClientSupplier, ProducerPort, RestoreConsumerPort } from '../../runtime/ports.js'
import { KafkaJsAdmin } from './kafkajs-admin.js'
import { KafkaJsConsumer } from './kafkajs-consumer.js'
import { KafkaJsProducer } from './kafkajs-producer.js'
import { KafkaJsRestoreConsumer } from './kafkajs-restore-consumer.js'
import { kafkaJsLogCreator, kafkaJsLogLevel } from './internal/log-creator.js'

/** How to reach the cluster: bootstrap servers (a kafkajs client is created) or a user's KafkaJS-compatible instance. */
export type KafkaJsConnection = { readonly brokers: readonly string[]; readonly clientId: string } | { readonly kafka: Kafka }

/**
 * Creates the runtime's clients on kafkajs 2.x. With `brokers`, one `Kafka` instance is created
 * (kafkajs logs routed to `logger`); with `kafka`, the user's instance (kafkajs or a compatible
 * fork) is used as is.
 */
export class KafkaJsClientSupplier implements KafkaClientSupplier {
  readonly kafka: Kafka
  private readonly logger: Logger

  constructor(connection: KafkaJsConnection, logger: Logger = silentLogger) {
    this.logger = logger
    this.kafka =
      'kafka' in connection
        ? connection.kafka
        : new Kafka({
            clientId: connection.clientId,
            brokers: [...connection.brokers],
            logLevel: kafkaJsLogLevel(logger),
            logCreator: kafkaJsLogCreator(logger),
            retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 3000 },
          })
  }

  consumer(options: {
    groupId: string
    clientId: string
    sessionTimeoutMs: number
    heartbeatIntervalMs: number
    rebalanceTimeoutMs: number
    maxBufferedRecords: number
  }): ConsumerPort {
    return new KafkaJsConsumer(this.kafka, { ...options, logger: this.logger })
  }

  producer(options: { clientId: string; transactionalId: string | null; transactionTimeoutMs: number }): ProducerPort {
    return new KafkaJsProducer(this.kafka, { ...options, logger: this.logger })
  }

  admin(): AdminPort {
    return new KafkaJsAdmin(this.kafka)
  }

  restoreConsumer(options: { clientId: string }): RestoreConsumerPort {
    return new KafkaJsRestoreConsumer(this.kafka, options.clientId, this.logger)
  }
}
