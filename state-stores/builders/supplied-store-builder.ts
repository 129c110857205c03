import type { Serde } from '../../processor-api/serde/serde.js'
import type { StateStore } from '../../processor-api/state-store.js'
import { StoreArgumentError } from '../errors.js'
import type { SerdeSpec } from '../layers/metered/store-serdes.js'
import type { ValueAndTimestamp } from '../value-and-timestamp.js'
import { ValueAndTimestampSerde } from '../value-and-timestamp-serde.js'
import { AbstractStoreBuilder } from './abstract-store-builder.js'

/**
 * A builder of stores over the engines a supplier gives, with key and value serdes (null serdes
 * fall back to the application's default serdes at `init`). The store takes the supplier's name.
 */
export abstract class SuppliedStoreBuilder<S extends StateStore, P extends { readonly name: string }, K, V> extends AbstractStoreBuilder<S> {
  /** @throws StoreArgumentError when `supplier` is missing. */
  constructor(
    readonly supplier: P,
    readonly keySerde: Serde<K> | null,
    readonly valueSerde: Serde<V> | null,
  ) {
    if (supplier === null || supplier === undefined) throw new StoreArgumentError('supplier cannot be null')
    super(supplier.name)
  }

  /** The serdes of a timestamped store: `ValueAndTimestamp` over the value serde, or over the default one. */
  protected timestampedSerdes(): SerdeSpec<K, ValueAndTimestamp<V>> {
    return {
      keySerde: this.keySerde,
      valueSerde: this.valueSerde === null ? null : new ValueAndTimestampSerde(this.valueSerde),
      wrapDefaultValueSerde: (inner: Serde<unknown>) => new ValueAndTimestampSerde(inner as Serde<V>),
    }
  }
}
