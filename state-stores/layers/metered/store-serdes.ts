/**
 * Serdes of a metered store: resolved at `init` (falling back to the context's default serdes),
 * used with the store's changelog topic name as Kafka does.
 */
import { SerializationError } from '../../../processor-api/errors.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import type { StateStoreContext } from '../../../processor-api/state-store.js'
import { InvalidStateStoreError, StoreArgumentError } from '../../errors.js'

/** The serdes a builder hands to a metered store. */
export interface SerdeSpec<K, V> {
  readonly keySerde: Serde<K> | null
  readonly valueSerde: Serde<V> | null
  /** Wraps the context's default value serde when `valueSerde` is null (timestamped stores). */
  readonly wrapDefaultValueSerde?: (inner: Serde<unknown>) => Serde<V>
}

/** Serializes keys and values of one metered store with its resolved serdes. */
export class StoreSerdes<K, V> {
  private keySerde: Serde<K> | null = null
  private valueSerde: Serde<V> | null = null
  /** The topic passed to serializers: `<applicationId>-<storeName>-changelog`. */
  topic = ''
  /** The last primitive key serialized and its bytes: a get then put of one key serializes it once. */
  private lastKey: unknown = undefined
  private lastKeyBytes: Buffer | null = null

  constructor(
    private readonly storeName: string,
    private readonly spec: SerdeSpec<K, V>,
  ) {}

  /** @throws InvalidStateStoreError (`KS_ERR_STORE_INVALID`) when no serde is given or configured. */
  init(context: StateStoreContext): void {
    this.topic = `${context.applicationId}-${this.storeName}-changelog`
    const keySerde = this.spec.keySerde ?? (context.keySerde as Serde<K> | null)
    let valueSerde = this.spec.valueSerde
    if (valueSerde === null && context.valueSerde !== null) {
      valueSerde = this.spec.wrapDefaultValueSerde ? this.spec.wrapDefaultValueSerde(context.valueSerde) : (context.valueSerde as Serde<V>)
    }
    if (keySerde === null) throw new InvalidStateStoreError('KS_ERR_STORE_INVALID', this.storeName, `Store ${this.storeName} has no key serde and no default key serde is configured.`)
    if (valueSerde === null) throw new InvalidStateStoreError('KS_ERR_STORE_INVALID', this.storeName, `Store ${this.storeName} has no value serde and no default value serde is configured.`)
    this.keySerde = keySerde
    this.valueSerde = valueSerde
  }

  /**
   * @throws StoreArgumentError when `key` is null or undefined.
   * @throws SerializationError when the serializer returns null for a key.
   */
  keyBytes(key: K): Buffer {
    if (key === this.lastKey && this.lastKeyBytes !== null) return this.lastKeyBytes
    if (key === null || key === undefined) throw new StoreArgumentError('key cannot be null', { storeName: this.storeName })
    const bytes = this.keySerde!.serializer.serialize(this.topic, key)
    if (bytes === null) throw new SerializationError(`The key serializer of store ${this.storeName} returned null`, { topic: this.topic })
    // Only immutable keys: an object key could change between calls while staying the same object.
    if (typeof key !== 'object' && typeof key !== 'function') {
      this.lastKey = key
      this.lastKeyBytes = bytes
    }
    return bytes
  }

  /** The bytes of a range bound; null (or undefined) stays null: unbounded. */
  boundBytes(key: K | null): Buffer | null {
    return key === null || key === undefined ? null : this.keyBytes(key)
  }

  /** Null (or a value serializing to null) means delete. */
  valueBytes(value: V | null): Buffer | null {
    if (value === null || value === undefined) return null
    return this.valueSerde!.serializer.serialize(this.topic, value)
  }

  key(bytes: Buffer): K {
    return this.keySerde!.deserializer.deserialize(this.topic, bytes) as K
  }

  value(bytes: Buffer | null): V | null {
    return bytes === null ? null : this.valueSerde!.deserializer.deserialize(this.topic, bytes)
  }
}
