import type { Serde } from '../../../processor-api/serde/serde.js'

/**
 * A serde wrapper (`Change`, windowed keys, FK-join wrappers...) whose inner serde may be the
 * application's default, only known once a task runs. Processors next to such wrappers bind the
 * defaults from their context in `init` (Kafka's `WrappingNullableSerde.setIfUnset`).
 */
export interface DefaultSerdeBinding {
  bindDefaults(defaultKeySerde: Serde<unknown> | null, defaultValueSerde: Serde<unknown> | null): void
}

/** Binds the context's default serdes into each wrapper that still lacks an inner serde. */
export function bindDefaultSerdes(
  bindings: readonly DefaultSerdeBinding[],
  context: { readonly keySerde: Serde<unknown> | null; readonly valueSerde: Serde<unknown> | null },
): void {
  for (const b of bindings) b.bindDefaults(context.keySerde, context.valueSerde)
}
