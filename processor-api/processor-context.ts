import type { Record, FixedKeyRecord } from './record.js'
import type { RecordMetadata } from './record-metadata.js'
import type { Cancellable, PunctuationType, Punctuator } from './punctuation.js'
import type { StateStore } from './state-store.js'
import type { TaskId } from './task-id.js'
import type { Serde } from './serde/serde.js'

/** Application configuration as processors see it (read-only). */
export type AppConfigs = { readonly [key: string]: unknown }

/** What a processor and a store context have in common. */
export interface ProcessingContextBase {
  readonly applicationId: string
  readonly taskId: TaskId
  /** The task's state directory, or null when the application keeps no persistent state. */
  readonly stateDir: string | null
  readonly appConfigs: AppConfigs
  /** Default serdes from the configuration (null when none was configured). */
  readonly keySerde: Serde<unknown> | null
  readonly valueSerde: Serde<unknown> | null
  /** Topic, partition and offset of the record being processed; null inside a punctuator. */
  recordMetadata(): RecordMetadata | null
  /** The task's stream time: the largest timestamp seen so far (ms), or -1 before any record. */
  currentStreamTimeMs(): number
  /** The wall-clock time (ms) of the runtime or the test driver's manual clock. */
  currentSystemTimeMs(): number
}

/**
 * The context handed to `Processor.init`. Valid for the processor's lifetime; do not call
 * `forward` from `init` or `close`.
 */
export interface ProcessorContext<KForward = unknown, VForward = unknown> extends ProcessingContextBase {
  /**
   * Sends a record to every child, or only to `childName`. The call is synchronous: children
   * have processed the record when it returns. The record is not copied; do not mutate its
   * headers afterwards.
   * @throws ProcessorStateError when `childName` is not a child of this processor.
   */
  forward<K extends KForward, V extends VForward>(record: Record<K, V>, childName?: string): void
  /**
   * Calls `punctuator` every `intervalMs` of stream time or wall-clock time.
   * @throws RangeError when `intervalMs` < 1.
   */
  schedule(intervalMs: number, type: PunctuationType, punctuator: Punctuator): Cancellable
  /**
   * A store connected to this processor.
   * @throws ProcessorStateError when no store of that name is connected to this processor.
   */
  getStateStore<S extends StateStore = StateStore>(name: string): S
  /** Asks for a commit as soon as possible (after the current record). */
  commit(): void
}

/** Context of a `FixedKeyProcessor`: it can only forward records whose key it did not change. */
export interface FixedKeyProcessorContext<KForward = unknown, VForward = unknown>
  extends Omit<ProcessorContext<KForward, VForward>, 'forward'> {
  forward<V extends VForward>(record: FixedKeyRecord<KForward, V>, childName?: string): void
}
