import type { Predicate } from './functions.js'
import type { KStream } from './kstream.js'
import type { Branched } from './options/branched.js'

/**
 * The result of `KStream.split()` (Kafka's `BranchedKStream`): add branches in order; a record
 * goes to the first branch whose predicate accepts it. Branch names are the split name plus the
 * branch name (or its 1-based index; `0` for the default branch).
 *
 * @example
 * const branches = stream.split(Named.as('Branch-'))
 *   .branch((k, v) => v.startsWith('A'), Branched.as('A'))
 *   .defaultBranch(Branched.as('other'))
 * branches.get('Branch-A')!.to('a-words')
 */
export interface BranchedKStream<K, V> {
  branch(predicate: Predicate<K, V>, branched?: Branched<K, V>): BranchedKStream<K, V>
  /** Adds a branch for the records no predicate accepted and returns the branches by name. */
  defaultBranch(branched?: Branched<K, V>): Map<string, KStream<K, V>>
  /** Returns the branches by name; records no predicate accepted are dropped. */
  noDefaultBranch(): Map<string, KStream<K, V>>
}
