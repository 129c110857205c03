import { KafkaClientError, ProducerFencedError, TaskMigratedError } from '../../../runtime/errors.js'

/** kafkajs error types (Kafka error names) that mean this producer instance was fenced. */
const FENCING_TYPES = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'INVALID_PRODUCER_ID_MAPPING', 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED'])

/** Group errors meaning this member's generation is over: its partitions may have moved (Kafka's CommitFailedException). */
const MIGRATION_TYPES = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'FENCED_INSTANCE_ID'])

interface KafkaJsErrorLike {
  readonly name?: unknown
  readonly type?: unknown
  readonly message?: unknown
  readonly retriable?: unknown
  readonly cause?: unknown
  readonly originalError?: unknown
  readonly errors?: unknown
}

/** Every error in a kafkajs error's chain (`cause`, `originalError`, aggregated `errors`). */
function chainOf(err: unknown): KafkaJsErrorLike[] {
  const out: KafkaJsErrorLike[] = []
  const stack: unknown[] = [err]
  while (stack.length > 0 && out.length < 20) {
    const e = stack.pop()
    if (typeof e !== 'object' || e === null) continue
    const x = e as KafkaJsErrorLike
    out.push(x)
    stack.push(x.cause, x.originalError)
    if (Array.isArray(x.errors)) stack.push(...(x.errors as unknown[]))
  }
  return out
}

/** The Kafka error name (e.g. `REBALANCE_IN_PROGRESS`) anywhere in the chain, or null. */
export function kafkaErrorType(err: unknown): string | null {
  for (const e of chainOf(err)) if (typeof e.type === 'string') return e.type
  return null
}

/** True when the error says the producer was fenced (a newer instance took its transactional id). */
export function isFencingError(err: unknown): boolean {
  return chainOf(err).some((e) => typeof e.type === 'string' && FENCING_TYPES.has(e.type))
}

/**
 * Wraps a kafkajs error: fencing becomes `ProducerFencedError`, an ended group generation
 * `TaskMigratedError`, the rest `KafkaClientError` (keeping `cause`).
 */
export function wrapKafkaJsError(operation: string, err: unknown): Error {
  if (isFencingError(err)) return new ProducerFencedError(`${operation}: the producer was fenced (${messageOf(err)})`, { cause: err })
  if (chainOf(err).some((e) => typeof e.type === 'string' && MIGRATION_TYPES.has(e.type))) {
    return new TaskMigratedError(`${operation}: the consumer group is rebalancing (${messageOf(err)})`, { cause: err })
  }
  const retriable = chainOf(err).some((e) => e.retriable === true)
  return new KafkaClientError(operation, messageOf(err), { cause: err, retriable })
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
