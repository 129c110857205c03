import type { KStream } from '../kstream.js'
import { Named } from './named.js'

/**
 * One branch of `KStream.split()` (Kafka's `Branched`): its name suffix and what to do with the
 * branch stream — return a (transformed) stream to put in the result map, or consume it.
 *
 * @example
 * stream.split(Named.as('split-'))
 *   .branch((k, v) => v > 10, Branched.as('big'))
 *   .branch((k, v) => v > 0, Branched.withConsumer((s) => s.to('small')))
 *   .defaultBranch()
 */
export class Branched<K, V> {
  /** Suffix appended to the split name to form the branch name (default: its 1-based index). */
  readonly name: string | undefined
  readonly chainFunction: ((stream: KStream<K, V>) => KStream<K, V> | null | undefined) | undefined
  readonly chainConsumer: ((stream: KStream<K, V>) => void) | undefined

  private constructor(
    name: string | undefined,
    chainFunction: ((stream: KStream<K, V>) => KStream<K, V> | null | undefined) | undefined,
    chainConsumer: ((stream: KStream<K, V>) => void) | undefined,
  ) {
    if (name !== undefined) Named.validate(name)
    this.name = name
    this.chainFunction = chainFunction
    this.chainConsumer = chainConsumer
  }

  /** A branch with this name suffix, whose stream goes in the result map. */
  static as<K, V>(name: string): Branched<K, V> {
    return new Branched<K, V>(name, undefined, undefined)
  }

  /** A branch transformed by `chain`; the returned stream (if any) goes in the result map. */
  static withFunction<K, V>(chain: (stream: KStream<K, V>) => KStream<K, V> | null | undefined, name?: string): Branched<K, V> {
    return new Branched<K, V>(name, chain, undefined)
  }

  /** A branch consumed by `chain`; nothing goes in the result map. */
  static withConsumer<K, V>(chain: (stream: KStream<K, V>) => void, name?: string): Branched<K, V> {
    return new Branched<K, V>(name, undefined, chain)
  }

  /** A copy with another name suffix. */
  withName(name: string): Branched<K, V> {
    return new Branched(name, this.chainFunction, this.chainConsumer)
  }
}
