import type { AggregateOptions } from '../kgrouped-stream.js'
import { Materialized, type MaterializedOptions } from '../options/materialized.js'
import { Named } from '../options/named.js'

/** An aggregation's options, normalised: the user's processor name and `Materialized` (if any). */
export interface ResolvedAggregateOptions<K, VA> {
  readonly name: string | undefined
  readonly materialized: Materialized<K, VA> | undefined
}

/** Accepts `{ name, materialized }` or a bare `Materialized` (Java's `count(Materialized)`). */
export function resolveAggregateOptions<K, VA>(
  options: AggregateOptions<K, VA> | Materialized<K, VA> | undefined,
): ResolvedAggregateOptions<K, VA> {
  if (options === undefined) return { name: undefined, materialized: undefined }
  if (options instanceof Materialized) return { name: undefined, materialized: options }
  if (options.name !== undefined) Named.validate(options.name)
  const m = options.materialized
  return {
    name: options.name,
    materialized: m === undefined ? undefined : Materialized.from<K, VA>(m as string | MaterializedOptions<K, VA>),
  }
}
