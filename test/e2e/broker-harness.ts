import { Kafka, logLevel, type KafkaConfig } from 'kafkajs'
import { Broker } from '../../src/broker/index.js'
import type { BrokerConfigInput } from '../../src/config/index.js'
import { silentLogger } from '../../src/logging/index.js'

/** Starts an in-process broker on 127.0.0.1:0 with test-friendly group timing. */
export async function startTestBroker(config: BrokerConfigInput = {}): Promise<Broker> {
  return Broker.start({
    host: '127.0.0.1',
    port: 0,
    groupInitialRebalanceDelayMs: 0,
    groupMinSessionTimeoutMs: 1000,
    logger: silentLogger,
    ...config,
  })
}

/** A kafkajs client for `broker` that logs nothing and fails fast. */
export function kafkaFor(broker: Broker, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: 'tributary-test',
    brokers: [broker.bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 3, initialRetryTime: 50, maxRetryTime: 500 },
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    ...overrides,
  })
}
