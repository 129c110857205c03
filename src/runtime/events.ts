/**
 * The observation edge of the runtime (the only place rxjs is used): the application's state as
 * an Observable, and a stream of lifecycle events. Nothing here is on the per-record path.
 */
import { BehaviorSubject, Subject, type Observable } from 'rxjs'
import type { TopicPartition } from './task/raw-record.js'

/** Kafka's `KafkaStreams.State`. */
export type KafkaStreamsState = 'CREATED' | 'REBALANCING' | 'RUNNING' | 'PENDING_SHUTDOWN' | 'NOT_RUNNING' | 'PENDING_ERROR' | 'ERROR'

/** Kafka's valid transitions (`KafkaStreams.State`'s validTransitions). */
const TRANSITIONS: { readonly [S in KafkaStreamsState]: readonly KafkaStreamsState[] } = {
  CREATED: ['REBALANCING', 'PENDING_SHUTDOWN'],
  REBALANCING: ['RUNNING', 'PENDING_SHUTDOWN', 'PENDING_ERROR'],
  RUNNING: ['REBALANCING', 'RUNNING', 'PENDING_SHUTDOWN', 'PENDING_ERROR'],
  PENDING_SHUTDOWN: ['NOT_RUNNING'],
  NOT_RUNNING: [],
  PENDING_ERROR: ['ERROR'],
  ERROR: [],
}

/** True when Kafka allows moving from `from` to `to`. */
export function isValidTransition(from: KafkaStreamsState, to: KafkaStreamsState): boolean {
  return TRANSITIONS[from].includes(to)
}

/** Something that happened to the application (for monitoring). */
export type StreamsEvent =
  | { readonly type: 'state'; readonly state: KafkaStreamsState; readonly previous: KafkaStreamsState }
  | { readonly type: 'rebalance-started' }
  | { readonly type: 'assigned'; readonly partitions: readonly TopicPartition[]; readonly standbyTasks: readonly string[] }
  | { readonly type: 'restored'; readonly partition: TopicPartition; readonly storeName: string; readonly records: number }
  | { readonly type: 'thread-replaced'; readonly error: unknown }
  | { readonly type: 'error'; readonly error: unknown }

/** Holds the state and event subjects of one KafkaStreams instance. */
export class StreamsEvents {
  private readonly stateSubject: BehaviorSubject<KafkaStreamsState>
  private readonly eventSubject = new Subject<StreamsEvent>()

  constructor(initial: KafkaStreamsState) {
    this.stateSubject = new BehaviorSubject(initial)
  }

  /** Emits the current state on subscription, then every change; completes when the application stops. */
  get state$(): Observable<KafkaStreamsState> {
    return this.stateSubject.asObservable()
  }

  /** Lifecycle events; completes when the application stops. */
  get events$(): Observable<StreamsEvent> {
    return this.eventSubject.asObservable()
  }

  get state(): KafkaStreamsState {
    return this.stateSubject.value
  }

  setState(state: KafkaStreamsState): void {
    const previous = this.stateSubject.value
    this.stateSubject.next(state)
    this.eventSubject.next({ type: 'state', state, previous })
  }

  emit(event: StreamsEvent): void {
    this.eventSubject.next(event)
  }

  /** Completes both streams (after NOT_RUNNING or ERROR). */
  complete(): void {
    this.stateSubject.complete()
    this.eventSubject.complete()
  }
}
