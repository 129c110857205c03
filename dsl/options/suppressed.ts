import type { Windowed } from '../../processor-api/windowed.js'
import { DslArgumentError } from '../errors.js'
import type { BufferConfig } from './buffer-config.js'
import { Named } from './named.js'

/**
 * How `KTable.suppress` holds back updates (Kafka's `Suppressed`): until a windowed result is
 * final, or until no update came for a time limit. `K` is the table's key type.
 *
 * @example
 * windowedCounts.suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
 * table.suppress(Suppressed.untilTimeLimit(60_000, BufferConfig.maxRecords(1000).emitEarlyWhenFull()))
 */
export class Suppressed<K> {
  /** `windowClose`: emit final windowed results; `timeLimit`: emit after `timeToWaitMs` of stream time. */
  readonly kind: 'windowClose' | 'timeLimit'
  readonly timeToWaitMs: number
  readonly bufferConfig: BufferConfig
  readonly name: string | undefined
  /** Phantom: ties the suppression to the key type it applies to. */
  declare readonly keyType?: (key: K) => void

  private constructor(kind: 'windowClose' | 'timeLimit', timeToWaitMs: number, bufferConfig: BufferConfig, name: string | undefined) {
    if (name !== undefined) Named.validate(name)
    this.kind = kind
    this.timeToWaitMs = timeToWaitMs
    this.bufferConfig = bufferConfig
    this.name = name
  }

  /** Emits each windowed result once, when its window closes (end + grace); never early. */
  static untilWindowCloses(bufferConfig: BufferConfig<'strict'>): Suppressed<Windowed<unknown>> {
    return new Suppressed<Windowed<unknown>>('windowClose', 0, bufferConfig, undefined)
  }

  /** Emits the latest value of a key once `timeToWaitMs` of stream time passed since its first buffered update. */
  static untilTimeLimit<K = unknown>(timeToWaitMs: number, bufferConfig: BufferConfig): Suppressed<K> {
    if (!(timeToWaitMs >= 0)) throw new DslArgumentError('timeToWaitMs', `Time to wait must be >= 0, got ${timeToWaitMs}`)
    return new Suppressed<K>('timeLimit', timeToWaitMs, bufferConfig, undefined)
  }

  /** Names the suppression processor (and its buffer store `<name>-store`). */
  withName(name: string): Suppressed<K> {
    return new Suppressed<K>(this.kind, this.timeToWaitMs, this.bufferConfig, name)
  }
}
