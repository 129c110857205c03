import type { StreamPartitioner } from '../../processor-api/topology-options.js'
import { Named } from './named.js'

/** Partitioners and name of a foreign-key table-table join. */
export interface TableJoinedOptions<K, KO> {
  /** Partitioner of this table's input topic (used to route responses back). */
  readonly partitioner?: StreamPartitioner<K, unknown> | undefined
  /** Partitioner of the other table's input topic (used to route subscriptions). */
  readonly otherPartitioner?: StreamPartitioner<KO, unknown> | undefined
  /** Base name of the join's processors, stores and topics. */
  readonly name?: string | undefined
}

/**
 * Options for the foreign-key `KTable.join/leftJoin` (Kafka's `TableJoined`). Immutable.
 *
 * @example
 * orders.join(customers, (o) => o.customerId, (o, c) => ({ ...o, c }), { tableJoined: TableJoined.as('orders-customers') })
 */
export class TableJoined<K, KO> implements TableJoinedOptions<K, KO> {
  readonly partitioner: StreamPartitioner<K, unknown> | undefined
  readonly otherPartitioner: StreamPartitioner<KO, unknown> | undefined
  readonly name: string | undefined

  private constructor(o: TableJoinedOptions<K, KO>) {
    if (o.name !== undefined) Named.validate(o.name)
    this.partitioner = o.partitioner
    this.otherPartitioner = o.otherPartitioner
    this.name = o.name
  }

  static from<K, KO>(options: TableJoinedOptions<K, KO> = {}): TableJoined<K, KO> {
    return options instanceof TableJoined ? (options as TableJoined<K, KO>) : new TableJoined(options)
  }

  static with<K, KO>(partitioner?: StreamPartitioner<K, unknown>, otherPartitioner?: StreamPartitioner<KO, unknown>): TableJoined<K, KO> {
    return new TableJoined({ partitioner, otherPartitioner })
  }

  static as<K, KO>(name: string): TableJoined<K, KO> {
    return new TableJoined({ name })
  }

  withName(name: string): TableJoined<K, KO> {
    return new TableJoined({ ...this, name })
  }

  withPartitioner(partitioner: StreamPartitioner<K, unknown>): TableJoined<K, KO> {
    return new TableJoined({ ...this, partitioner })
  }

  withOtherPartitioner(otherPartitioner: StreamPartitioner<KO, unknown>): TableJoined<K, KO> {
    return new TableJoined({ ...this, otherPartitioner })
  }
}
