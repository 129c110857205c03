import { Named } from '../options/named.js'

/**
 * Generates Kafka-style names: `<PREFIX><10-digit counter>` for processors and
 * `<prefix>STATE-STORE-<counter>` for stores, from one counter (Kafka's `InternalNameProvider`).
 */
export interface NameProvider {
  newProcessorName(prefix: string): string
  newStoreName(prefix: string): string
}

/** Zero-pads a counter to Kafka's 10 digits. */
export function padIndex(index: number): string {
  return String(index).padStart(10, '0')
}

/**
 * The user's name or a generated one (Kafka's `NamedInternal.orElseGenerateWithPrefix`). The
 * counter is bumped even when the user named the operation, so adding a name never renames
 * the nodes after it.
 */
export function orElseGenerateWithPrefix(name: string | undefined, provider: NameProvider, prefix: string): string {
  const generated = provider.newProcessorName(prefix)
  if (name !== undefined) return name
  return generated
}

/**
 * `name + suffix` when the user named the operation, else a generated name; bumps the counter
 * either way (Kafka's `NamedInternal.suffixWithOrElseGet(suffix, provider, prefix)`).
 */
export function suffixWithOrElseGenerate(name: string | undefined, suffix: string, provider: NameProvider, prefix: string): string {
  const generated = provider.newProcessorName(prefix)
  if (name !== undefined) {
    const suffixed = name + suffix
    Named.validate(suffixed)
    return suffixed
  }
  return generated
}

/** `name + suffix` when named, else `other` (no counter bump). */
export function suffixWithOrElseGet(name: string | undefined, suffix: string, other: string): string {
  return name !== undefined ? name + suffix : other
}
