import { TopologyError } from '../../processor-api/errors.js'

const MAX_NAME_LENGTH = 249

/** Anything that carries an optional processor name: a {@link Named}, or `{ name }`. */
export interface NamedOptions {
  /** The processor name to use instead of a generated `KSTREAM-...-0000000007` one. */
  readonly name?: string | undefined
}

/**
 * The name of a DSL operation's processor (Kafka's `Named`). Names may only contain ASCII
 * alphanumerics, `.`, `_` and `-`, and be at most 249 characters long.
 *
 * @example
 * stream.filter((k, v) => v !== null, Named.as('drop-nulls'))
 */
export class Named implements NamedOptions {
  readonly name: string

  private constructor(name: string) {
    Named.validate(name)
    this.name = name
  }

  /** A name for the operation's processor. */
  static as(name: string): Named {
    return new Named(name)
  }

  /** A copy with another name. */
  withName(name: string): Named {
    return new Named(name)
  }

  /**
   * Checks a user-supplied name as Kafka does.
   * @throws TopologyError when the name is empty, `.`/`..`, too long or has an illegal character.
   */
  static validate(name: string): void {
    if (name.length === 0) throw new TopologyError("Name is illegal, it can't be empty")
    if (name === '.' || name === '..') throw new TopologyError('Name cannot be "." or ".."')
    if (name.length > MAX_NAME_LENGTH) {
      throw new TopologyError(`Name is illegal, it can't be longer than ${MAX_NAME_LENGTH} characters, name: ${name}`)
    }
    if (!/^[a-zA-Z0-9._-]+$/.test(name)) {
      throw new TopologyError(
        `Name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`,
      )
    }
  }
}
