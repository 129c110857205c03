import type { BrokerConfig } from '../../config/index.js'
import type { Logger } from '../../logging/index.js'
import type { GroupCoordinator } from '../coordinator/group-coordinator.js'
import type { BrokerNode } from './broker-node.js'
import type { TransactionalInitProducerId } from './init-producer-id-handler.js'
import type { DelayedFetches } from './internal/delayed-fetches.js'
import type { ProducerIdAllocator } from './internal/producer-id-allocator.js'
import type { ProducerStateCheck } from './producer-state-check.js'
import type { ReadIsolation } from './read-isolation.js'
import type { TopicCatalog } from './topic-catalog.js'

/** Everything the request handlers share: the broker's state and its parts. */
export interface HandlerServices {
  readonly config: BrokerConfig
  /** This broker as clients must reach it (known once the server is bound). */
  readonly node: () => BrokerNode
  readonly clusterId: string
  readonly catalog: TopicCatalog
  readonly groups: GroupCoordinator
  readonly fetches: DelayedFetches
  readonly producerIds: ProducerIdAllocator
  /** The Produce path's producer-state hook (idempotence, transactions). */
  readonly producerState: ProducerStateCheck
  /** LSO and aborted transactions for read_committed reads. */
  readonly isolation: ReadIsolation
  /** InitProducerId with a transactional id; absent until a transaction coordinator exists. */
  readonly transactions?: TransactionalInitProducerId
  readonly logger: Logger
}
