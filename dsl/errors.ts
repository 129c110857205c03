import { StreamsError } from '../processor-api/errors.js'

/**
 * A DSL operation got an argument it cannot use (negative window size, grace below zero, a
 * missing mapper...). Kafka throws `IllegalArgumentException`/`NullPointerException` here.
 * `argument` names the culprit.
 */
export class DslArgumentError extends StreamsError {
  /** The name of the offending argument, e.g. `sizeMs`. */
  readonly argument: string

  constructor(argument: string, message: string, options: { cause?: unknown } = {}) {
    super('KS_ERR_DSL_ARGUMENT', message, options)
    this.argument = argument
  }
}

/** Throws a {@link DslArgumentError} when `value` is null or undefined. */
export function requireArgument<T>(value: T | null | undefined, argument: string): T {
  if (value === null || value === undefined) throw new DslArgumentError(argument, `${argument} can't be null`)
  return value
}
