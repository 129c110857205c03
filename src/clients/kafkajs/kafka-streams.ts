import type { Kafka } from 'kafkajs'
import type { Topology } from '../../../processor-api/topology.js'
import type { StreamsConfigInput } from '../../config/streams-config.js'
import { KafkaStreams as RuntimeKafkaStreams, type KafkaStreamsOptions } from '../../runtime/kafka-streams.js'
import { KafkaJsClientSupplier } from './kafkajs-client-supplier.js'

/**
 * `KafkaStreams` wired to kafkajs: the package's public application class. It talks to the
 * cluster at `bootstrapServers` through kafkajs, or through the KafkaJS-compatible `kafka`
 * instance given in the configuration. Everything else is the runtime's `KafkaStreams`.
 *
 * @example
 * const app = new KafkaStreams(builder.build(), { applicationId: 'orders', bootstrapServers: 'localhost:9092' })
 * await app.start()
 */
export class KafkaStreams extends RuntimeKafkaStreams {
  /** @throws ConfigError naming each invalid key; TopologyError for an invalid topology. */
  constructor(topology: Topology, config: StreamsConfigInput, options: KafkaStreamsOptions = {}) {
    super(topology, config, {
      ...options,
      clientSupplier:
        options.clientSupplier ??
        ((cfg, logger) =>
          new KafkaJsClientSupplier(
            cfg.kafka !== undefined
              ? { kafka: cfg.kafka as unknown as Kafka }
              : { brokers: cfg.bootstrapServers ?? [], clientId: cfg.clientId ?? cfg.applicationId },
            logger,
          )),
    })
  }
}
