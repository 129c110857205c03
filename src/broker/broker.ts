import { join } from 'node:path'
import { parseBrokerConfig, type BrokerConfig, type BrokerConfigInput } from '../config/index.js'
import { createLogger, type Logger } from '../logging/index.js'
import { BrokerStateError } from './broker-error.js'
import { GroupCoordinator } from './coordinator/group-coordinator.js'
import type { HandlerTable } from './handlers/api-handler.js'
import type { BrokerNode } from './handlers/broker-node.js'
import { createHandlers } from './handlers/create-handlers.js'
import { brokerConfigEntries, topicDefaultsFromBroker } from './handlers/internal/broker-config-entries.js'
import { DelayedFetches } from './handlers/internal/delayed-fetches.js'
import { LogManagerCatalog } from './handlers/internal/log-manager-catalog.js'
import { ProducerIdAllocator } from './handlers/internal/producer-id-allocator.js'
import { acceptAllProducers } from './handlers/producer-state-check.js'
import type { TransactionalInitProducerId } from './handlers/init-producer-id-handler.js'
import type { ProducerStateCheck } from './handlers/producer-state-check.js'
import { noTransactions, type ReadIsolation } from './handlers/read-isolation.js'
import { lockDataDir, resolveClusterId } from './internal/data-dir.js'
import { LogManager } from './log/log-manager.js'
import { BrokerServer, type ServerAddress } from './server/broker-server.js'
import { RequestDispatcher } from './server/request-dispatcher.js'
import { transactionExtension } from './transaction/transaction-extension.js'

/** How long `stop()` lets connections write the responses they still owe before closing them. */
const STOP_GRACE_MS = 2000

/**
 * A component plugged into the broker at start, such as a transaction coordinator: extra or
 * replacement request handlers and the Produce/Fetch hooks, plus lifecycle callbacks.
 * @internal
 */
export interface BrokerExtension {
  /** Handlers added to (or replacing) the built-in ones; ApiVersions advertises them. */
  readonly handlers?: HandlerTable
  /** Replaces the default producer-state check (which accepts every producer). */
  readonly producerState?: ProducerStateCheck
  /** Replaces the default isolation (LSO = high watermark, nothing aborted). */
  readonly isolation?: ReadIsolation
  /** Serves InitProducerId with a transactional id. */
  readonly transactions?: TransactionalInitProducerId
  /** Runs with the periodic maintenance (e.g. transaction timeouts). */
  maintain?(nowMs: number): void
  /** Runs on stop, after connections closed and before the logs close. */
  stop?(): void | Promise<void>
}

/** The broker's parts an extension is built from. @internal */
export interface BrokerParts {
  readonly config: BrokerConfig
  readonly logs: LogManager
  readonly groups: GroupCoordinator
  readonly fetches: DelayedFetches
  /** The producer id allocator shared by idempotent (InitProducerId) and transactional producers. */
  readonly producerIds: ProducerIdAllocator
  readonly logger: Logger
}

/**
 * The bundled single-node Kafka-protocol broker: a TCP server speaking the Kafka protocol, the
 * topic logs (on disk under `dataDir`, or in memory) and the group coordinator, for local
 * development, tests, CI and small single-machine deployments. Real clients (kafkajs, librdkafka,
 * others) connect to `bootstrap`.
 *
 * @example
 * const broker = await Broker.start({ port: 0 })
 * // new Kafka({ brokers: [broker.bootstrap] }) ...
 * await broker.stop()
 */
export class Broker {
  /** The validated configuration, defaults filled in. */
  readonly config: BrokerConfig
  /** The cluster id reported in Metadata (persisted in the data dir). */
  readonly clusterId: string

  private readonly server: BrokerServer
  private readonly logs: LogManager
  private readonly groups: GroupCoordinator
  private readonly fetches: DelayedFetches
  private readonly logger: Logger
  private readonly releaseDataDir: () => void
  private readonly boundAddress: ServerAddress
  private readonly node: BrokerNode
  private readonly maintenance: NodeJS.Timeout
  private readonly extension: BrokerExtension
  private stopping: Promise<void> | undefined

  private constructor(parts: {
    config: BrokerConfig
    clusterId: string
    server: BrokerServer
    logs: LogManager
    groups: GroupCoordinator
    fetches: DelayedFetches
    logger: Logger
    releaseDataDir: () => void
    address: ServerAddress
    node: BrokerNode
    extension: BrokerExtension
  }) {
    this.config = parts.config
    this.clusterId = parts.clusterId
    this.server = parts.server
    this.logs = parts.logs
    this.groups = parts.groups
    this.fetches = parts.fetches
    this.logger = parts.logger
    this.releaseDataDir = parts.releaseDataDir
    this.boundAddress = parts.address
    this.node = parts.node
    this.extension = parts.extension
    this.maintenance = setInterval(() => this.runMaintenance(), parts.config.logRetentionCheckIntervalMs)
    this.maintenance.unref()
  }

  /**
   * Validates `config`, opens (or creates) the data directory, recovers the logs and committed
   * offsets, binds the TCP port and starts serving.
   *
   * @throws ConfigError an invalid configuration (the message names the key and accepted values)
   * @throws BrokerStateError the data directory is used by another running broker
   * @throws Error the port cannot be bound (EADDRINUSE...) or the data directory cannot be used
   */
  static async start(config: BrokerConfigInput = {}): Promise<Broker> {
    // Transactions (coordinator, producer-state checks, read_committed isolation) plug in as an extension.
    return Broker.startWith(config, transactionExtension)
  }

  /**
   * `start` with an extension built from the broker's parts (used to plug in components such as
   * a transaction coordinator). Not part of the stable API.
   * @internal
   */
  static async startWith(input: BrokerConfigInput, extend?: (parts: BrokerParts) => BrokerExtension): Promise<Broker> {
    const config = parseBrokerConfig(input)
    const logger =
      config.logger ?? createLogger({ ...(config.logLevel === undefined ? {} : { level: config.logLevel }), bindings: { component: 'broker' } })
    const dataDir = config.dataDir
    const releaseDataDir = dataDir === undefined ? () => {} : lockDataDir(dataDir)
    let logs: LogManager | undefined
    let groups: GroupCoordinator | undefined
    let extension: BrokerExtension | undefined
    try {
      const clusterId = resolveClusterId(config.clusterId, dataDir)
      logs = LogManager.open({
        ...(dataDir === undefined ? {} : { dataDir: join(dataDir, 'topics') }),
        autoCreateTopics: config.autoCreateTopics,
        numPartitions: config.numPartitions,
        topicDefaults: topicDefaultsFromBroker(config),
        producerIdExpirationMs: config.producerIdExpirationMs,
        logger,
      })
      const openLogs = logs
      groups = new GroupCoordinator({
        dataDir,
        logger,
        groupInitialRebalanceDelayMs: config.groupInitialRebalanceDelayMs,
        groupMinSessionTimeoutMs: config.groupMinSessionTimeoutMs,
        groupMaxSessionTimeoutMs: config.groupMaxSessionTimeoutMs,
        partitionExists: (topic, partition) => openLogs.getLog(topic, partition) !== undefined,
      })
      groups.startup()
      const fetches = new DelayedFetches()
      const producerIds = new ProducerIdAllocator(dataDir)
      extension = extend?.({ config, logs, groups, fetches, producerIds, logger }) ?? {}
      let node: BrokerNode | undefined
      const handlers = createHandlers(
        {
          config,
          node: () => {
            if (node === undefined) throw new BrokerStateError('the broker is not listening yet')
            return node
          },
          clusterId,
          catalog: new LogManagerCatalog(logs),
          groups,
          fetches,
          producerIds,
          producerState: extension.producerState ?? acceptAllProducers,
          isolation: extension.isolation ?? noTransactions,
          ...(extension.transactions === undefined ? {} : { transactions: extension.transactions }),
          logger,
        },
        extension.handlers ?? {},
      )
      const server = new BrokerServer({
        host: config.host,
        port: config.port,
        maxRequestBytes: config.maxRequestBytes,
        maxConnections: config.maxConnections,
        processor: new RequestDispatcher(handlers, logger),
        logger,
      })
      const address = await server.listen()
      node = { nodeId: config.nodeId, host: config.advertisedHost ?? advertisable(address.host), port: config.advertisedPort ?? address.port }
      logger.info(
        { host: address.host, port: address.port, advertised: `${node.host}:${node.port}`, dataDir: dataDir ?? null, clusterId },
        `tributary broker listening on ${address.host}:${address.port}`,
      )
      logger.debug({ configs: brokerConfigEntries(config, node).map((e) => `${e.name}=${e.value ?? ''}`) }, 'broker configuration')
      return new Broker({ config, clusterId, server, logs, groups, fetches, logger, releaseDataDir, address, node, extension })
    } catch (err) {
      try {
        await extension?.stop?.()
      } catch {
        // the start failure is the error worth reporting
      }
      groups?.shutdown()
      logs?.close()
      releaseDataDir()
      throw err
    }
  }

  /** The address the broker is bound to (with the real port when started on port 0). */
  get address(): { readonly host: string; readonly port: number } {
    return this.boundAddress
  }

  /** `host:port` for clients' bootstrap servers (the advertised address), e.g. `127.0.0.1:9092`. */
  get bootstrap(): string {
    const host = this.node.host.includes(':') ? `[${this.node.host}]` : this.node.host
    return `${host}:${this.node.port}`
  }

  /**
   * Stops the broker: no new connections or requests; parked fetches are answered and parked
   * group requests get NOT_COORDINATOR; responses still owed are written (up to a grace period),
   * connections closed, logs and offsets flushed and closed, the data directory released.
   * Calling it again returns the same promise.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown()
    return this.stopping
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.maintenance)
    const closing = this.server.stop({ graceMs: STOP_GRACE_MS })
    this.fetches.shutdown()
    this.groups.shutdown()
    await closing
    try {
      await this.extension.stop?.()
    } catch (err) {
      this.logger.error({ err }, 'broker extension failed to stop')
    }
    try {
      this.logs.close()
    } finally {
      this.releaseDataDir()
    }
    this.logger.info({ address: this.bootstrap }, 'tributary broker stopped')
  }

  private runMaintenance(): void {
    try {
      const now = Date.now()
      this.extension.maintain?.(now)
      const { deletedSegments } = this.logs.runMaintenance(now)
      if (deletedSegments > 0) this.logger.info({ deletedSegments }, 'retention deleted log segments')
    } catch (err) {
      this.logger.error({ err }, 'log maintenance failed')
    }
  }
}

/** A wildcard bind address is not something clients can connect to: advertise loopback instead. */
function advertisable(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
}
