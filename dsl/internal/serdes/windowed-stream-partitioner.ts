import type { Serde, Serializer } from '../../../processor-api/serde/serde.js'
import type { StreamPartitioner } from '../../../processor-api/topology-options.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import { murmur2, toPositive } from './murmur2.js'

/** Marks serdes of windowed keys so sinks can partition by the inner key. */
export interface WindowedKeySerde<K> extends Serde<Windowed<K>> {
  readonly innerKeySerializer: () => Serializer<K>
}

export function isWindowedKeySerde(serde: unknown): serde is WindowedKeySerde<unknown> {
  return typeof (serde as { innerKeySerializer?: unknown } | null | undefined)?.innerKeySerializer === 'function'
}

/**
 * Kafka's `WindowedStreamPartitioner`: a windowed key goes to the partition of its inner key
 * (murmur2 of the inner key's bytes), so all windows of a key share a partition.
 */
export function windowedPartitionerFor(keySerde: Serde<unknown> | undefined): StreamPartitioner<unknown, unknown> | undefined {
  if (!isWindowedKeySerde(keySerde)) return undefined
  const serde = keySerde
  return (topic, key, _value, numPartitions) => {
    const windowed = key as Windowed<unknown> | null
    if (windowed === null) return null
    const bytes = serde.innerKeySerializer().serialize(topic, windowed.key)
    if (bytes === null) return null
    return toPositive(murmur2(bytes)) % numPartitions
  }
}
